import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { importDocument } from '../../src/import/import-document.js'
import { parseDocument, readDocumentExtras } from '../../src/import/parse/parse-document.js'
import type { SourceDocument } from '../../src/import/source-document.js'
import { listDataIssues } from '../../src/registry/data-issue.service.js'
import { listEvents } from '../../src/registry/event.service.js'
import { listNetworks } from '../../src/registry/network.service.js'
import { listProjects } from '../../src/registry/project.service.js'
import { buildTenant } from '../support/factories.js'
import { NEEDS_SHARED, sharedPath } from '../support/shared.js'
import { createTestDb, DIALECTS } from './dialects.js'

// A listing page's events (per project) and networks (per tenant) are stored with its records.

function seed(file: string): SourceDocument {
  const bytes = readFileSync(sharedPath('seeds', file))
  const text = bytes.toString('utf8')
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') {
    lines.pop()
  }
  return {
    name: file,
    mediaType: 'text/plain',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    lines: lines.map((t, i) => ({ text: t, line: i + 1, page: null })),
  }
}

function inputOf(doc: SourceDocument) {
  return { document: doc, records: parseDocument(doc), ...readDocumentExtras(doc) }
}

const skip = NEEDS_SHARED
if (skip) {
  console.log(`# skipping import-events tests: ${skip}`)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: importDocument with events and networks`, { skip }, () => {
    let db: Kysely<Database>
    before(async () => {
      db = await createTestDb(dialect)
    })
    after(async () => {
      await db?.destroy()
    })

    it('stores the ELAINE events with participants per country and their issues, once', async () => {
      const { scope } = await buildTenant(db, { name: 'Hässleholms kommun' })
      const input = inputOf(seed('000_54173b202783afc2.txt'))
      const reported = input.events.flatMap((g) => g.events)
      assert.ok(reported.length >= 10, `${reported.length} events read`)
      const outcome = await importDocument(db, scope, input)
      assert.equal(outcome.status, 'imported')

      const projects = await listProjects(db, scope)
      const elaine = projects.filter((p) => /^ELAINE/.test(p.name))
      assert.ok(elaine.length >= 1)
      const stored = (await Promise.all(elaine.map((p) => listEvents(db, scope, p.id)))).flat()
      assert.equal(stored.length, reported.length)
      const first = stored.find((e) => e.start === '2016-04-14')
      assert.ok(first, 'Event 1 (Sweden, April 2016) is stored')
      assert.equal(first.country, 'SE')
      assert.equal(first.participants.length, 5)
      assert.equal(
        first.participants.reduce((n, p) => n + p.count, 0),
        86,
      )

      const issues = await listDataIssues(db, scope, {
        entity: 'project',
        entityIds: elaine.map((p) => p.id),
      })
      const notAdding = issues.filter((i) => /add up to/.test(i.message))
      const expected = reported.flatMap((e) => e.issues).filter((m) => /add up to/.test(m))
      assert.ok(expected.length >= 3)
      assert.equal(notAdding.length, expected.length)
      assert.ok(notAdding.some((i) => /add up to 84, not the stated total 79/.test(i.message)))

      const again = await importDocument(db, scope, input)
      assert.equal(again.status, 'unchanged')
      const after = (await Promise.all(elaine.map((p) => listEvents(db, scope, p.id)))).flat()
      assert.equal(after.length, stored.length)
    })

    it("stores Ljungby's networks for the tenant, once", async () => {
      const { scope } = await buildTenant(db, { name: 'Ljungby kommun' })
      const input = inputOf(seed('002_b20c6c70555887fc.txt'))
      assert.equal((await importDocument(db, scope, input)).status, 'imported')
      const networks = await listNetworks(db, scope)
      const covenant = networks.find((n) => n.name.startsWith('Borgmästaravtalet'))
      assert.ok(covenant, 'Borgmästaravtalet is stored')
      assert.equal(covenant.since, '2011')
      assert.ok(networks.some((n) => n.name === 'Europakorridoren'))
      assert.equal(networks.length, 2)
      // Networks are not projects.
      assert.ok(!(await listProjects(db, scope)).some((p) => p.name === 'Europakorridoren'))

      assert.equal((await importDocument(db, scope, input)).status, 'unchanged')
      // The same networks in another document (other bytes) are not added twice either.
      const edited = { ...input, document: { ...input.document, sha256: 'f'.repeat(64) } }
      assert.equal((await importDocument(db, scope, edited)).status, 'imported')
      assert.equal((await listNetworks(db, scope)).length, 2)
    })
  })
}
