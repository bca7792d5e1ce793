import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { runCli } from '../support/run-cli.js'
import { NEEDS_SHARED, sharedPath } from '../support/shared.js'

// The issue's own check, as a user runs it: import the five seeds, each for its organisation, then
// `projects --format json` lists each real project once with all its participations; then the
// review queue, merge and split from the command line.

const SEEDS: readonly [string, string][] = [
  ['004_719ae671d378f085.txt', 'Malmö stad'],
  ['000_54173b202783afc2.txt', 'Hässleholms kommun'],
  ['001_dedbdf052308ff63.txt', 'Region Skåne'],
  ['002_b20c6c70555887fc.txt', 'Ljungby kommun'],
  ['003_87f3a4273544f461.txt', 'Interact'],
]

type Listed = {
  id: number
  name: string
  acronym: string | null
  participations: { organisation: string; unit: string | null }[]
}

describe('curation through ./bin/projektatlas (SQLite file)', { skip: NEEDS_SHARED }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'projektatlas-curation-'))
  const env = { PROJEKTATLAS_DB: join(dir, 'registry.sqlite') }
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('imports the five seeds; each project is listed once, two-committee projects with two participations', async () => {
    for (const [file, organisation] of SEEDS) {
      const run = await runCli(['import', sharedPath('seeds', file), '--organisation', organisation], env)
      assert.equal(run.code, 0, run.stderr)
    }
    const listed = await runCli(['projects', '--format', 'json'], env)
    assert.equal(listed.code, 0, listed.stderr)
    const projects = JSON.parse(listed.stdout) as Listed[]
    const malmo = projects.filter((p) => p.participations.some((x) => x.organisation === 'Malmö stad'))
    for (const name of ['STRIVE', 'PowerBio', 'Net Zero Cities Pilot Cities Programme']) {
      const found = malmo.filter((p) => p.name.toLowerCase() === name.toLowerCase() || p.acronym === name)
      assert.equal(found.length, 1, name)
      const units = found[0]?.participations.filter((x) => x.organisation === 'Malmö stad').map((x) => x.unit)
      assert.deepEqual(units?.sort(), ['Miljönämnden', 'Tekniska nämnden'], name)
    }
    assert.equal(malmo.filter((p) => /powerbio/i.test(p.name)).length, 1)
    const skane = projects.filter((p) => p.participations.some((x) => x.organisation === 'Region Skåne'))
    assert.equal(skane.filter((p) => p.acronym === 'GREAT').length, 1)
    assert.equal(skane.filter((p) => p.name === 'LIFE Coast Adapt').length, 1)
  })

  it('review, merge and split from the command line', async () => {
    const tenants = JSON.parse((await runCli(['organisations', '--format', 'json'], env)).stdout) as {
      id: number
      name: string
    }[]
    const ljungby = tenants.find((t) => t.name === 'Ljungby kommun')
    assert.ok(ljungby)
    const queue = await runCli(['review', '--tenant', String(ljungby.id), '--format', 'json'], env)
    assert.equal(queue.code, 0, queue.stderr)
    const [candidate] = JSON.parse(queue.stdout) as { id: number; leftId: number; rightId: number }[]
    assert.ok(candidate, 'the two Leader Linné Småland periods wait for review')
    const before = (await runCli(['projects', '--tenant', String(ljungby.id), '--format', 'json'], env))
      .stdout
    const merged = await runCli(
      ['review', 'accept', String(candidate.id), '--tenant', String(ljungby.id), '--format', 'json'],
      env,
    )
    assert.equal(merged.code, 0, merged.stderr)
    const { mergeId } = JSON.parse(merged.stdout)[0] as { mergeId: number }
    const split = await runCli(['split', String(mergeId), '--tenant', String(ljungby.id)], env)
    assert.equal(split.code, 0, split.stderr)
    const after = (await runCli(['projects', '--tenant', String(ljungby.id), '--format', 'json'], env)).stdout
    assert.equal(after, before)
    const issues = await runCli(['data-issues', '--tenant', String(ljungby.id), '--format', 'json'], env)
    assert.equal(issues.code, 0, issues.stderr)
    assert.ok((JSON.parse(issues.stdout) as unknown[]).length > 0)
  })
})
