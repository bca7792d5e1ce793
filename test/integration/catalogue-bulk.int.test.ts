import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { beginBulkIndex, catalogueCounts } from '../../src/catalogue/catalogue.repository.js'
import { refreshCatalogue } from '../../src/catalogue/catalogue-index.service.js'
import { type CatalogueDeps, searchCatalogue } from '../../src/catalogue/search.service.js'
import type { Database } from '../../src/db/database.js'
import { prepareDatabase } from '../../src/db/open-database.js'
import { createTestDb, DIALECTS } from './dialects.js'

// More projects than one bulk batch (5,000) wait at once: the bulk path (large batches, and on
// SQLite FTS5 merging once at the end) must give the same index as project-by-project writes.
const PROJECTS = 6_200

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalogue bulk build`, () => {
    let db: Kysely<Database>
    let deps: CatalogueDeps
    let migratedIndexes: IndexDefinition[]
    before(async () => {
      db = await createTestDb(dialect)
      deps = { db, dialect }
      migratedIndexes = await catalogueDocIndexes(db, dialect)
      const at = '2026-11-27T12:00:00.000Z'
      await sql`insert into organisation (name, name_key, country, is_tenant, created_at, updated_at)
        values ('Bulkstad kommun', 'bulkstad kommun', 'SE', 1, ${at}, ${at})`.execute(db)
      const tenant = await db.selectFrom('organisation').select('id').executeTakeFirstOrThrow()
      // Every third project a draft; odd ones ongoing; every seventh named "Vindkraft".
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${PROJECTS})
        insert into project (tenant_id, name, summary, status, period_start, period_end, created_at,
          updated_at, published_at)
        select ${tenant.id},
          case when i % 7 = 0 then 'Vindkraft ' || i else 'Projekt ' || i end,
          'Energi och klimat', case when i % 2 = 1 then 'ongoing' else 'completed' end,
          '2021', '2023', ${at}, ${at}, case when i % 3 = 0 then null else ${at} end
        from n`.execute(db)
    })
    after(async () => {
      await db.destroy()
    })

    it('indexes every waiting project and counts the public ones', async () => {
      assert.equal(await refreshCatalogue(db, dialect), PROJECTS)
      const publicCount = PROJECTS - Math.floor(PROJECTS / 3)
      const counts = await catalogueCounts(db)
      const count = (facet: string, value: string) =>
        counts.find((c) => c.facet === facet && c.value === value)?.n
      assert.equal(count('_all', '*'), publicCount)
      assert.equal(count('year', '2022'), publicCount)
      const ongoingPublic = Array.from({ length: PROJECTS }, (_, k) => k + 1).filter(
        (i) => i % 2 === 1 && i % 3 !== 0,
      ).length
      assert.equal(count('status', 'ongoing'), ongoingPublic)
      const landing = await searchCatalogue(deps, {})
      assert.equal(landing.total, publicCount)
    })

    it('finds by words and filters after the bulk build, drafts left out', async () => {
      const wind = await searchCatalogue(deps, { q: 'vindkraft', pageSize: 500 })
      const expected = Array.from({ length: PROJECTS }, (_, k) => k + 1).filter(
        (i) => i % 7 === 0 && i % 3 !== 0,
      ).length
      assert.equal(wind.total, expected)
      assert.ok(wind.totalExact)
      const filtered = await searchCatalogue(deps, {
        q: 'vindkraft',
        filters: { status: ['ongoing'] },
        pageSize: 500,
      })
      assert.equal(
        filtered.total,
        Array.from({ length: PROJECTS }, (_, k) => k + 1).filter(
          (i) => i % 7 === 0 && i % 3 !== 0 && i % 2 === 1,
        ).length,
      )
      const broad = await searchCatalogue(deps, { q: 'energi' })
      assert.equal(broad.totalExact, false, 'more public matches than the bound')
      // A filter every public project matches: walked newest first on PostgreSQL, not gathered.
      const everyYear = await searchCatalogue(deps, { filters: { year: ['2022'] }, sort: 'updated' })
      assert.equal(everyYear.totalExact, false)
      const newestPublic = PROJECTS % 3 === 0 ? PROJECTS - 1 : PROJECTS
      assert.equal(everyYear.ids[0], newestPublic, 'the newest public project first')
      assert.equal(everyYear.facets.year.find((y) => y.value === '2022')?.count, 2_000)
    })

    it('keeps merging the full-text index after a bulk build, and small writes still show', async () => {
      if (dialect === 'sqlite') {
        const { rows } = await sql<{
          v: number
        }>`select v from catalogue_fts_config where k = 'automerge'`.execute(db)
        assert.equal(Number(rows[0]?.v), 4)
      }
      await sql`update project set name = 'Solkraft i Bulkstad' where id = 1`.execute(db)
      const sun = await searchCatalogue(deps, { q: 'solkraft' })
      assert.deepEqual(sun.ids, [1])
    })

    it("leaves catalogue_doc's indexes as the migrations made them", async () => {
      assert.ok(migratedIndexes.length >= 4)
      assert.deepEqual(await catalogueDocIndexes(db, dialect), migratedIndexes)
    })

    it('builds the sort indexes again on the next start when a bulk build was cut short', async () => {
      await beginBulkIndex(db, dialect)
      // Sorting without the indexes is slower, not wrong.
      const byName = await searchCatalogue(deps, { q: 'vindkraft', sort: 'name', pageSize: 3 })
      assert.equal(byName.ids.length, 3)
      assert.equal((await prepareDatabase(db, dialect)).error, undefined)
      assert.deepEqual(await catalogueDocIndexes(db, dialect), migratedIndexes)
      assert.deepEqual(
        (await searchCatalogue(deps, { q: 'vindkraft', sort: 'name', pageSize: 3 })).ids,
        byName.ids,
      )
    })
  })
}

interface IndexDefinition {
  readonly name: string
  readonly definition: string
}

/** catalogue_doc's indexes as the database describes them. */
async function catalogueDocIndexes(db: Kysely<Database>, dialect: string): Promise<IndexDefinition[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<IndexDefinition>`select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name = 'catalogue_doc' and sql is not null order by name`.execute(db)
      : await sql<IndexDefinition>`select indexname as name, indexdef as definition from pg_indexes
          where tablename = 'catalogue_doc' order by indexname`.execute(db)
  return rows
}
