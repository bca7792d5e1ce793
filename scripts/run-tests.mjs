#!/usr/bin/env node
// Runs node's test runner over the project's test files: Node 20's `node --test` expands no globs.
// Usage: node scripts/run-tests.mjs [unit|integration|all] [extra node --test flags]
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const which = process.argv[2] ?? 'all'
const extra = process.argv.slice(3)

function find(dir, out = []) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return out
  }
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') {
        find(p, out)
      }
    } else if (e.name.endsWith('.test.ts')) {
      out.push(p)
    }
  }
  return out
}

const roots = which === 'unit' ? ['src'] : which === 'integration' ? ['test'] : ['src', 'test']
const files = roots.flatMap((r) => find(r)).sort()
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`)
  process.exit(1)
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...extra, ...files],
  { stdio: 'inherit' },
)
process.exit(result.status ?? 1)
