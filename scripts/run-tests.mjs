#!/usr/bin/env node
// Runs node's test runner over the project's test files: Node 20's `node --test` expands no globs.
// Usage: node scripts/run-tests.mjs [unit|integration|all] [extra node --test flags]
// For integration runs it starts ONE throwaway PostgreSQL cluster for every test file (they get
// databases copied from a migrated template) and removes it afterwards, also on failure or Ctrl-C.
// DIALECTS=sqlite skips PostgreSQL altogether.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { startCluster } from '../test/support/pg-cluster.mjs'

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

const wantsPostgres = which !== 'unit' && (process.env.DIALECTS ?? 'postgres').split(',').includes('postgres')
const env = { ...process.env }
let cluster
if (wantsPostgres && !env.PROJEKTATLAS_TEST_PG_URL) {
  const started = Date.now()
  cluster = await startCluster()
  env.PROJEKTATLAS_TEST_PG_URL = cluster.url
  console.error(`# PostgreSQL test cluster on ${cluster.url} (${Date.now() - started} ms)`)
}
const stop = () => {
  cluster?.stop()
  cluster = undefined
}
process.on('exit', stop)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop()
    process.exit(130)
  })
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...extra, ...files],
  {
    stdio: 'inherit',
    env,
  },
)
child.on('exit', (code, signal) => {
  stop()
  process.exit(code ?? (signal ? 1 : 0))
})
