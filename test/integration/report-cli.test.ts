import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { JsonReport } from '../../src/report/render/json.js'
import { runCli } from '../support/run-cli.js'
import { NEEDS_SHARED, sharedPath } from '../support/shared.js'

// `projektatlas import` of the Malmö annual report, then `projektatlas report` in each format, as a user runs them.

describe('projektatlas report', { skip: NEEDS_SHARED }, () => {
  let dir: string
  let env: Record<string, string>

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projektatlas-report-'))
    env = { PROJEKTATLAS_DB: join(dir, 'registry.sqlite'), LOG_LEVEL: 'warn' }
    const run = await runCli(['import', sharedPath('seeds', '004_719ae671d378f085.txt')], env)
    assert.equal(run.code, 0, run.stderr)
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives the JSON report with every summary figure and the reconciliation', async () => {
    const run = await runCli(
      ['report', '--organisation', 'Malmö stad', '--year', '2025', '--format', 'json'],
      env,
    )
    assert.equal(run.code, 0, run.stderr)
    const json = JSON.parse(run.stdout) as JsonReport
    assert.deepEqual(json.projects, { count: 63, eu: 59, previousYear: null })
    assert.equal(json.units.length, 8)
    assert.equal(
      json.units.reduce((s, u) => s + u.participations, 0),
      68,
    )
    assert.equal(json.paidTotal.currency, 'SEK')
    assert.ok(json.reconciliation.length >= 30)
    assert.ok(json.reconciliation.every((r) => r.explanation.length > 0))
  })

  it('writes DOCX and PDF files, and refuses a binary format without --out', async () => {
    for (const format of ['docx', 'pdf', 'html']) {
      const out = join(dir, `r.${format}`)
      const run = await runCli(
        ['report', '--organisation', 'Malmö stad', '--year', '2025', '--format', format, '--out', out],
        env,
      )
      assert.equal(run.code, 0, run.stderr)
      assert.ok(readFileSync(out).length > 10_000)
    }
    const bad = await runCli(
      ['report', '--organisation', 'Malmö stad', '--year', '2025', '--format', 'pdf'],
      env,
    )
    assert.notEqual(bad.code, 0)
    const nobody = await runCli(
      ['report', '--organisation', 'Ingenstans', '--year', '2025', '--format', 'json'],
      env,
    )
    assert.notEqual(nobody.code, 0)
    assert.match(nobody.stderr, /Ingenstans/)
  })
})
