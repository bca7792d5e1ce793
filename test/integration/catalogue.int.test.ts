import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { setPublished } from '../../src/accounts/publication.service.js'
import { refreshCatalogue } from '../../src/catalogue/catalogue-index.service.js'
import { type CatalogueDeps, loadPublicRecords, searchCatalogue } from '../../src/catalogue/search.service.js'
import { sortKey } from '../../src/catalogue/text.js'
import type { Dialect } from '../../src/config/config.js'
import type { Database } from '../../src/db/database.js'
import { updateOrganisation } from '../../src/registry/organisation.service.js'
import { createProject, deleteProject, updateProject } from '../../src/registry/project.service.js'
import type { ProjectRecord } from '../../src/registry/project-record.js'
import { scopeOf } from '../../src/registry/scope.js'
import { importSeeds, SEEDS_SKIP } from './catalogue-fixture.js'
import { createTestDb, DIALECTS } from './dialects.js'

if (SEEDS_SKIP) {
  console.log(`# skipping catalogue tests: ${SEEDS_SKIP}`)
}

// What each engine answered, per probe: the engines must agree on the same data.
const answers = new Map<Dialect, Map<string, readonly number[]>>()
const PROBES = [
  'projekt',
  'projektet',
  'migration',
  'Malmö',
  'Malmo',
  'hållbar stad',
  'refugees integration',
  'Interreg',
  'skola',
  'energi',
  "'; drop table project; --",
  'NEAR(a b) OR "x"',
]

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalogue search`, { skip: SEEDS_SKIP }, () => {
    let db: Kysely<Database>
    let deps: CatalogueDeps
    let records: ProjectRecord[]
    before(async () => {
      db = await createTestDb(dialect)
      deps = { db, dialect }
      records = await importSeeds(db)
    })
    after(async () => {
      await db.destroy()
    })

    it('finds every imported seed project by its name, its acronym and a partner', async () => {
      assert.ok(records.length > 50, `the seeds give projects (${records.length})`)
      const all = await searchCatalogue(deps, { pageSize: 100, page: 1 })
      const everything = [...all.ids]
      for (let p = 2; p <= all.pages; p++) {
        everything.push(...(await searchCatalogue(deps, { pageSize: 100, page: p })).ids)
      }
      const stored = await loadPublicRecords(deps, everything)
      const missed: string[] = []
      for (const r of stored) {
        const probes = [r.name, r.acronym, ...r.partners.slice(0, 2).map((p) => p.name)].filter(
          (x): x is string => Boolean(x),
        )
        for (const probe of probes) {
          const hit = await searchCatalogue(deps, { q: probe, pageSize: 100 })
          if (!hit.ids.includes(r.id)) {
            missed.push(`${r.name} by "${probe}"`)
          }
        }
      }
      assert.deepEqual(missed, [])
    })

    it('stems Swedish and keeps å/ä/ö distinct', async () => {
      const a = await searchCatalogue(deps, { q: 'projekt', pageSize: 100 })
      const b = await searchCatalogue(deps, { q: 'projektet', pageSize: 100 })
      assert.ok(a.total > 0)
      assert.ok(b.total > 0)
      // Every project found by "projekt" is found by "projektet" and vice versa through the stem.
      for (const id of a.ids.slice(0, 20)) {
        assert.ok(b.ids.includes(id) || b.total >= 100, `projektet finds ${id}`)
      }
      const malmo = await searchCatalogue(deps, { q: 'Malmö', pageSize: 5 })
      const malmoAscii = await searchCatalogue(deps, { q: 'Malmo', pageSize: 5 })
      assert.ok(malmo.total > 0)
      assert.equal(malmoAscii.total, 0, 'o is not ö')
    })

    it('filters combine (AND across facets, OR within) and facet counts follow the filters', async () => {
      const all = await searchCatalogue(deps, {})
      const org = all.facets.organisation[0]
      assert.ok(org, 'an organisation facet')
      const byOrg = await searchCatalogue(deps, { filters: { organisation: [org.value] } })
      assert.equal(byOrg.total, org.count)
      const country = byOrg.facets.country[0]
      if (country) {
        const both = await searchCatalogue(deps, {
          filters: { organisation: [org.value], country: [country.value] },
        })
        assert.equal(both.total, country.count)
        assert.ok(both.facets.organisation.every((f) => f.value === org.value))
      }
      const counts = Object.fromEntries(all.facets.status.map((s) => [s.value, s.count]))
      const either = await searchCatalogue(deps, { filters: { status: ['ongoing', 'completed'] } })
      assert.equal(either.total, (counts.ongoing ?? 0) + (counts.completed ?? 0))
    })

    it('sorts and pages without overlap', async () => {
      const p1 = await searchCatalogue(deps, { sort: 'name', pageSize: 10, page: 1 })
      const p2 = await searchCatalogue(deps, { sort: 'name', pageSize: 10, page: 2 })
      assert.equal(p1.ids.length, 10)
      assert.equal(p1.ids.filter((id) => p2.ids.includes(id)).length, 0)
      const recs = await loadPublicRecords(deps, [...p1.ids, ...p2.ids])
      const names = recs.map((r) => sortKey(r.name))
      assert.deepEqual(
        names,
        [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
      )
      const byStart = await searchCatalogue(deps, { sort: 'start', pageSize: 100 })
      assert.equal(byStart.total, p1.total)
    })

    it('shows a change at once, and forgets a deleted project', async () => {
      const [first] = (await searchCatalogue(deps, { q: 'migration', pageSize: 1 })).ids
      assert.ok(first)
      const [rec] = await loadPublicRecords(deps, [first])
      assert.ok(rec)
      const tenantId = (
        await db.selectFrom('project').select('tenant_id').where('id', '=', first).executeTakeFirstOrThrow()
      ).tenant_id
      const scope = scopeOf(tenantId, 'test')
      await updateProject(db, scope, first, { name: 'Zebrafiskens återkomst i Öresund' })
      assert.deepEqual((await searchCatalogue(deps, { q: 'zebrafisk' })).ids, [first])
      assert.deepEqual((await searchCatalogue(deps, { q: 'återkomsten' })).ids, [first])
      // A partner's rename reaches the project through the organisation's trigger.
      const part = await db
        .selectFrom('participation')
        .select('organisation_id')
        .where('project_id', '=', first)
        .where('organisation_id', '!=', tenantId)
        .executeTakeFirst()
      if (part) {
        await updateOrganisation(db, { tenantId: null, actor: 'test' }, part.organisation_id, {
          name: 'Kvastbindarnas förening',
        })
        assert.ok((await searchCatalogue(deps, { q: 'kvastbindarnas' })).ids.includes(first))
      }
      await deleteProject(db, scope, first)
      assert.deepEqual((await searchCatalogue(deps, { q: 'zebrafisk' })).ids, [])
      assert.equal(await refreshCatalogue(db, dialect), 0)
    })

    it("keeps drafts out of the public catalogue but in their tenant's own searches", async () => {
      const tenantId = (await db.selectFrom('project').select('tenant_id').executeTakeFirstOrThrow())
        .tenant_id
      const draft = await createProject(db, scopeOf(tenantId, 'test'), {
        name: 'Hemligt utkast om vindkraft',
      })
      assert.deepEqual((await searchCatalogue(deps, { q: 'vindkraft utkast' })).ids, [])
      const own = await searchCatalogue(deps, { q: 'vindkraft utkast', audience: { tenantId } })
      assert.deepEqual(own.ids, [draft.id])
      const other = await searchCatalogue(deps, {
        q: 'vindkraft utkast',
        audience: { tenantId: tenantId + 1000 },
      })
      assert.deepEqual(other.ids, [])
      const before = (await searchCatalogue(deps, {})).total
      await setPublished(db, scopeOf(tenantId, 'test'), draft.id, true)
      assert.deepEqual((await searchCatalogue(deps, { q: 'vindkraft utkast' })).ids, [draft.id])
      assert.equal(
        (await searchCatalogue(deps, {})).total,
        before + 1,
        'precomputed counts follow publishing',
      )
      await setPublished(db, scopeOf(tenantId, 'test'), draft.id, false)
      assert.equal((await searchCatalogue(deps, {})).total, before)
    })

    it('answers hostile queries normally', async () => {
      for (const q of [
        "'; drop table project; --",
        '"unterminated',
        'a OR b NOT c*',
        'x'.repeat(10_000),
        '\uD800bad',
        '<script>',
      ]) {
        const r = await searchCatalogue(deps, { q, filters: { country: [q] } })
        assert.equal(r.total, 0)
      }
      assert.ok((await searchCatalogue(deps, {})).total > 0)
    })

    it('records what it answers to the probes (compared across engines below)', async () => {
      const mine = new Map<string, readonly number[]>()
      for (const q of PROBES) {
        const r = await searchCatalogue(deps, { q, sort: 'name', pageSize: 100 })
        mine.set(q, r.ids)
        // Relevance is computed by the application from the title stems: the same order on both.
        const ranked = await searchCatalogue(deps, { q, pageSize: 100 })
        mine.set(`${q} (relevance)`, ranked.ids)
      }
      answers.set(dialect, mine)
    })
  })
}

describe('catalogue: SQLite and PostgreSQL agree', { skip: SEEDS_SKIP || DIALECTS.length < 2 }, () => {
  it('gives the same projects for the same queries on the same data', () => {
    const [a, b] = [...answers.values()]
    assert.ok(a && b, 'both engines answered')
    for (const q of a.keys()) {
      assert.deepEqual(b.get(q), a.get(q), `query "${q}"`)
    }
  })
})
