import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { backup, restore } from '../../src/cli/commands/backup.js'
import type { CliIO } from '../../src/cli/io.js'
import { purgeFreedPages } from '../../src/db/maintenance.js'
import { openDatabase } from '../../src/db/open-database.js'
import { addContact, erasePerson } from '../../src/registry/contact.service.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import { listProjects } from '../../src/registry/project.service.js'
import { buildProject, buildTenant } from '../support/factories.js'

// File-level behaviour of the embedded engine: online backup while a connection is open, restore
// refused while in use, and erasure that leaves no copy in the file.

function collector(cwd: string, env: Record<string, string>): CliIO & { text: () => string } {
  const chunks: string[] = []
  return {
    out: (t) => chunks.push(t),
    err: (t) => chunks.push(t),
    cwd,
    env,
    isTTY: false,
    text: () => chunks.join(''),
  }
}

describe('sqlite file: backup, restore, erasure', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'projektatlas-file-'))
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('backs up while the database is open and restores only when it is closed', async () => {
    const file = join(dir, 'live.sqlite')
    const env = { PROJEKTATLAS_DB: file }
    const db = await openDatabase({ dialect: 'sqlite', file })
    const { scope } = await buildTenant(db)
    await buildProject(db, scope, { name: 'Före backup' })

    const io = collector(dir, env)
    assert.equal(await backup('copy.sqlite', io), 0, io.text())
    assert.equal(
      await backup('copy.sqlite', collector(dir, env)).catch((e: { code: string }) => e.code),
      'CONFLICT',
    )
    await buildProject(db, scope, { name: 'Efter backup' })

    await assert.rejects(restore('copy.sqlite', collector(dir, env)), { code: 'CONFLICT' })
    await db.destroy()

    const restoreIo = collector(dir, env)
    assert.equal(await restore('copy.sqlite', restoreIo), 0, restoreIo.text())
    const reopened = await openDatabase({ dialect: 'sqlite', file })
    try {
      assert.deepEqual(
        (await listProjects(reopened, scope)).map((p) => p.name),
        ['Före backup'],
      )
    } finally {
      await reopened.destroy()
    }
    assert.ok(readdirSync(dir).some((f) => f.startsWith('live.sqlite.before-restore-')))
  })

  it('refuses to restore something that is not a Projektatlas database', async () => {
    const env = { PROJEKTATLAS_DB: join(dir, 'target.sqlite') }
    const junk = join(dir, 'junk.sqlite')
    rmSync(junk, { force: true })
    await import('node:fs').then((fs) => fs.writeFileSync(junk, 'not a database'))
    await assert.rejects(restore('junk.sqlite', collector(dir, env)), { code: 'VALIDATION' })
  })

  it('leaves no copy of an erased person in the database files', async () => {
    const file = join(dir, 'gdpr.sqlite')
    const db = await openDatabase({ dialect: 'sqlite', file })
    const { tenant, scope } = await buildTenant(db)
    const project = await buildProject(db, scope)
    const p = await addParticipation(db, scope, project.id, { organisationId: tenant.id, role: 'lead' })
    await addContact(db, scope, p.id, {
      name: 'Cecilia Carlsdotter',
      email: 'cecilia.carlsdotter@example.se',
    })
    const files = () =>
      Buffer.concat(
        readdirSync(dir)
          .filter((f) => f.startsWith('gdpr.sqlite'))
          .map((f) => readFileSync(join(dir, f))),
      )
    await purgeFreedPages(db, 'sqlite')
    assert.notEqual(files().indexOf('Carlsdotter'), -1, 'the name is on disk before erasure')
    assert.equal(await erasePerson(db, scope, { name: 'Cecilia Carlsdotter' }), 1)
    await purgeFreedPages(db, 'sqlite')
    const bytes = files()
    await db.destroy()
    assert.equal(bytes.indexOf('Carlsdotter'), -1)
  })
})
