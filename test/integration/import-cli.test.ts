import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runCli } from '../support/run-cli.js'
import { NEEDS_SHARED, sharedPath } from '../support/shared.js'

const MALMO = sharedPath('seeds/004_719ae671d378f085.txt')
const LJUNGBY = sharedPath('seeds/002_b20c6c70555887fc.txt')
const INTERACT = sharedPath('seeds/003_87f3a4273544f461.txt')

interface Listed {
  readonly name: string
  readonly participations: readonly unknown[]
}

describe('projektatlas import', { skip: NEEDS_SHARED }, () => {
  let dir: string
  let env: Record<string, string>
  const projects = async (): Promise<Listed[]> => {
    const run = await runCli(['projects', '--format', 'json'], env)
    assert.equal(run.code, 0, run.stderr)
    return JSON.parse(run.stdout) as Listed[]
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'projektatlas-import-'))
    env = { PROJEKTATLAS_DB: join(dir, 'registry.sqlite'), LOG_LEVEL: 'warn' }
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('stores a bad file nothing and still imports the good ones, exiting non-zero', async () => {
    const empty = join(dir, 'empty.txt')
    const garbage = join(dir, 'garbage.pdf')
    writeFileSync(empty, '')
    writeFileSync(garbage, Buffer.from('%PDF-1.7\n\x00\x01\x02 not really a pdf'))
    const run = await runCli(['import', empty, LJUNGBY, garbage], env)
    assert.equal(run.code, 1)
    assert.match(run.stderr, /empty\.txt: .+/)
    assert.match(run.stderr, /garbage\.pdf: .+/)
    assert.equal(run.stderr.trim().split('\n').length, 2, 'one line per failed file')
    assert.match(run.stdout, /3 documents: 1 imported, 0 unchanged, 2 failed/)
    const listed = await projects()
    assert.ok(listed.length > 0)
  })

  it('asks whose a publication is when it names no organisation, and takes --organisation', async () => {
    const refused = await runCli(['import', INTERACT], env)
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /--organisation/)
    const before = (await projects()).length
    const run = await runCli(['import', INTERACT, '--organisation', 'Test kommun'], env)
    assert.equal(run.code, 0, run.stderr)
    assert.ok((await projects()).length > before)
  })

  it('changes nothing when the same document is imported again', async () => {
    const first = await runCli(['import', MALMO], env)
    assert.equal(first.code, 0, first.stderr)
    const listed = await projects()
    const again = await runCli(['import', MALMO], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /1 documents: 0 imported, 1 unchanged/)
    assert.deepEqual(await projects(), listed)
  })
})
