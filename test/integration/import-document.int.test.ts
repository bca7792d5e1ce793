import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { importDocument } from '../../src/import/import-document.js'
import type { SourceLine } from '../../src/import/source-document.js'
import { listAuditEvents } from '../../src/registry/audit.service.js'
import { listDataIssues } from '../../src/registry/data-issue.service.js'
import { getProvenance, listDocuments } from '../../src/registry/document.service.js'
import { countTenantProjects, listProjects } from '../../src/registry/project.service.js'
import type { ProjectRecord } from '../../src/registry/project-record.js'
import { listProjectRecords } from '../../src/registry/project-record.service.js'
import { buildTenant } from '../support/factories.js'
import { NEEDS_SHARED, SHARED_DIR as SHARED } from '../support/shared.js'
import { createTestDb, DIALECTS } from './dialects.js'

// Stores the hand-checked gold records of real documents (../shared/gold) as if the importer had
// produced them from the seed text, then reads them back as project records.

const CASES = [
  { gold: 'malmo-del2.json', seed: '004_719ae671d378f085.txt', tenant: 'Malmö stad' },
  { gold: 'hassleholm.json', seed: '000_54173b202783afc2.txt', tenant: 'Hässleholms kommun' },
  { gold: 'region-skane.json', seed: '001_dedbdf052308ff63.txt', tenant: 'Region Skåne' },
] as const

type GoldRecord = Omit<ProjectRecord, 'source'> & { _line: number; source?: ProjectRecord['source'] }

function load(c: (typeof CASES)[number]) {
  const text = readFileSync(join(SHARED, 'seeds', c.seed))
  const lines: SourceLine[] = text
    .toString('utf8')
    .split('\n')
    .map((t, i) => ({ text: t, line: i + 1, page: null }))
  const records = (JSON.parse(readFileSync(join(SHARED, 'gold', c.gold), 'utf8')) as GoldRecord[]).map(
    ({ _line, source, ...r }) => ({ ...r, source: source ?? { document: c.seed, page: null, line: _line } }),
  )
  return {
    document: {
      name: c.seed,
      mediaType: 'text/plain' as const,
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: text.length,
      lines,
    },
    records: records as ProjectRecord[],
  }
}

const skip = NEEDS_SHARED
if (skip) {
  console.log(`# skipping import-document tests: ${skip}`)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: importDocument`, { skip }, () => {
    let db: Kysely<Database>
    before(async () => {
      db = await createTestDb(dialect)
    })
    after(async () => {
      await db?.destroy()
    })

    for (const c of CASES) {
      it(`stores ${c.gold} with provenance, once`, async () => {
        const { scope, tenant } = await buildTenant(db, { name: c.tenant })
        const input = load(c)
        const outcome = await importDocument(db, scope, input)
        assert.equal(outcome.status, 'imported')
        if (outcome.status !== 'imported') {
          return
        }
        const names = new Set(input.records.map((r) => r.name))
        assert.equal(await countTenantProjects(db, scope), outcome.created)
        // Curation (src/curation) joins a project that two committees report under two names.
        const reportedTwice = input.records.filter((r) =>
          r.issues.some((i) => /same project reported by/.test(i)),
        )
        assert.ok(
          outcome.created <= names.size && outcome.created >= names.size - 2 - reportedTwice.length / 2,
          `${outcome.created} of ${names.size}`,
        )
        assert.ok(outcome.issues >= input.records.reduce((n, r) => n + r.issues.length, 0))

        // The same bytes again change nothing.
        const auditBefore = (await listAuditEvents(db, scope, { limit: 100_000 })).length
        const again = await importDocument(db, scope, input)
        assert.equal(again.status, 'unchanged')
        assert.equal((await listAuditEvents(db, scope, { limit: 100_000 })).length, auditBefore)
        assert.equal((await listDocuments(db, scope)).length, 1)

        // Read back: the records as stored agree with the gold records on what matters.
        const stored = await listProjectRecords(db, scope)
        for (const gold of input.records) {
          const back = stored.find(
            (r) => r.name === gold.name && (r.acronym ?? null) === (gold.acronym ?? null),
          )
          if (!back && reportedTwice.includes(gold)) {
            continue // stored under the name the other committee gave it
          }
          assert.ok(back, `project ${gold.name} is stored`)
          if (input.records.filter((r) => r.name === gold.name).length > 1) {
            continue // merged with a namesake: fields filled from the first
          }
          assert.equal(back.organisation, tenant.name)
          assert.deepEqual(back.totalBudget, gold.totalBudget, `${gold.name}: totalBudget`)
          assert.deepEqual(back.euContribution, gold.euContribution, `${gold.name}: euContribution`)
          assert.deepEqual(back.paidInYear, gold.paidInYear, `${gold.name}: paidInYear`)
          assert.equal(back.start, gold.start)
          assert.equal(back.end, gold.end)
          assert.equal(back.role, gold.organisation ? gold.role : null)
          assert.equal(back.unit, gold.unit)
          // A goal named twice with different case is one goal in the registry.
          const goals = (g: readonly string[]) => [...new Set(g.map((x) => x.toLowerCase()))].sort()
          assert.deepEqual(goals(back.goals), goals(gold.goals))
          assert.equal(back.contacts.length, gold.contacts.length)
          assert.equal(back.source.line, gold.source.line)
          assert.ok(
            gold.issues.every((i) => back.issues.includes(i)),
            `${gold.name}: issues kept`,
          )
        }

        // "Where does this number come from?"
        const withBudget = input.records.find((r) => r.totalBudget && r.totalBudget.amount >= 1000)
        if (withBudget) {
          const [project] = await listProjects(db, scope, { query: withBudget.name })
          const [where] = await getProvenance(db, scope, 'project', project!.id, 'totalBudget')
          assert.equal(where?.documentName, c.seed)
          assert.ok(where?.lineStart !== null && where!.lineStart! >= withBudget.source.line)
        }
        assert.ok((await listDataIssues(db, scope)).length >= 1)
      })
    }

    it('rejects records that do not match the schema, storing nothing', async () => {
      const { scope } = await buildTenant(db)
      const input = load(CASES[0])
      const bad = {
        ...input,
        records: [{ ...input.records[0]!, totalBudget: { amount: 'lots', currency: 'SEK' } }],
      }
      const outcome = await importDocument(db, scope, bad as unknown as typeof input)
      assert.equal(outcome.status, 'rejected')
      assert.equal(await countTenantProjects(db, scope), 0)
      assert.deepEqual(await listDocuments(db, scope), [])
    })
  })
}
