import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { raiseDataIssues } from '../../src/registry/data-issue.service.js'
import { createEvent } from '../../src/registry/event.service.js'
import { scopeOf } from '../../src/registry/scope.js'
import type { App } from '../../src/web/app.js'
import { importSeeds, SEEDS_SKIP } from './catalogue-fixture.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

type Json = Record<string, unknown>

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalogue over HTTP`, { skip: SEEDS_SKIP }, () => {
    let db: Kysely<Database>
    let app: App
    let editor: Caller
    let tenantId: number
    before(async () => {
      db = await createTestDb(dialect)
      await importSeeds(db)
      app = await buildTestApp(db, dialect)
      tenantId = (await db.selectFrom('project').select('tenant_id').executeTakeFirstOrThrow()).tenant_id
      editor = await callerWithRole(db, tenantId, 'editor')
    })
    after(async () => {
      await app.close()
      await db.destroy()
    })

    it('serves the public search API with records, facets and CORS', async () => {
      const res = await app.inject('/api/catalogue/projects?q=migration&pageSize=5')
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['access-control-allow-origin'], '*')
      const body = res.json() as Json & { items: Json[]; facets: Record<string, Json[]> }
      assert.ok((body.total as number) > 0)
      assert.ok(body.items.length <= 5)
      assert.ok(body.items.every((r) => typeof r.name === 'string' && Array.isArray(r.partners)))
      assert.ok(Array.isArray(body.facets.country))
      const de = await app.inject('/api/catalogue/projects?country=DE&country=AT')
      const deBody = de.json() as { items: Array<{ partners: Array<{ country: string | null }> }> }
      assert.ok(deBody.items.every((r) => r.partners.some((p) => p.country === 'DE' || p.country === 'AT')))
    })

    it("answers GET /api/projects in the tenant's view with total, records and facets", async () => {
      const res = await app.inject({ url: '/api/projects?limit=3&sort=name', headers: editor.bearer })
      assert.equal(res.statusCode, 200)
      const body = res.json() as Json & { items: Json[] }
      assert.equal(body.items.length, 3)
      assert.ok((body.total as number) >= 3)
      assert.equal(body.nextOffset, 3)
      assert.ok(body.facets)
      assert.equal(res.headers['access-control-allow-origin'], '*')
    })

    it('exports every match as CSV with BOM, JSON records and an XLSX workbook', async () => {
      const all = (await app.inject('/api/catalogue/projects?pageSize=1')).json() as { total: number }
      const csv = await app.inject('/katalog/export.csv')
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.ok(csv.body.startsWith('\uFEFFProject ID,'))
      const json = (await app.inject('/katalog/export.json')).json() as Json[]
      assert.equal(json.length, all.total, 'never capped, exactly the public projects')
      const xlsx = await app.inject('/katalog/export.xlsx?q=migration')
      assert.equal(xlsx.statusCode, 200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['Projects', 'Partners'],
      )
      const hits = (await app.inject('/api/catalogue/projects?q=migration')).json() as { total: number }
      assert.equal((wb.getWorksheet('Projects')?.rowCount ?? 0) - 1, hits.total)
    })

    it('describes the open data in DCAT-AP-SE with the tenant as publisher', async () => {
      const rdf = await app.inject(`/katalog/dcat.rdf?tenant=${tenantId}`)
      assert.equal(rdf.statusCode, 200)
      assert.match(rdf.body, /<dcat:Catalog /)
      assert.match(rdf.body, new RegExp(`katalog/organisation/${tenantId}`))
      const ld = (await app.inject(`/katalog/dcat.jsonld?tenant=${tenantId}`)).json() as Json
      assert.equal(ld['@type'], 'dcat:Catalog')
    })

    it("shows data issues to the tenant's editors only", async () => {
      const project = await db
        .selectFrom('project')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
      await raiseDataIssues(db, scopeOf(tenantId, 'test'), [
        {
          entity: 'project',
          entityId: project.id,
          kind: 'other',
          message: 'Budgeten saknar valuta',
          field: 'totalBudget',
        },
      ])
      const anonymous = await app.inject(`/katalog/projekt/${project.id}`)
      assert.equal(anonymous.statusCode, 200)
      assert.doesNotMatch(anonymous.body, /Budgeten saknar valuta/)
      const asEditor = await app.inject({
        url: `/katalog/projekt/${project.id}`,
        headers: { cookie: editor.cookie },
      })
      assert.match(asEditor.body, /Budgeten saknar valuta/)
    })

    it('shows events with participants per country and page provenance on the project page', async () => {
      const project = await db
        .selectFrom('project')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('published_at', 'is not', null)
        .executeTakeFirstOrThrow()
      await createEvent(db, scopeOf(tenantId, 'test'), project.id, {
        title: 'Studiebesök i Ålborg',
        place: 'Ålborg',
        country: 'DK',
        start: '2024-05-14',
        participants: [
          { country: 'DK', count: 12 },
          { country: 'SE', count: 1971 },
        ],
      })
      const page = await app.inject(`/katalog/projekt/${project.id}`)
      assert.match(page.body, /Studiebesök i Ålborg/)
      assert.match(page.body, /Deltagare per land/)
      assert.match(page.body, /Danmark/)
      assert.match(page.body, /1\u00a0971|1 971/, 'numbers in the Swedish format')
      const en = await app.inject(`/katalog/projekt/${project.id}?lang=en`)
      assert.match(en.body, /Participants per country/)
      assert.match(en.body, /Denmark/)
    })

    it('renders every page type in both languages, escaped', async () => {
      for (const url of ['/katalog', '/katalog/statistik', '/katalog/oppna-data', '/tillganglighet']) {
        for (const lang of ['', '?lang=en']) {
          const res = await app.inject(url + lang)
          assert.equal(res.statusCode, 200, url + lang)
          assert.match(res.body, lang ? /<html lang="en">/ : /<html lang="sv">/)
        }
      }
      const xss = await app.inject(`/katalog?q=${encodeURIComponent('<script>alert(1)</script>')}`)
      assert.equal(xss.statusCode, 200)
      assert.doesNotMatch(xss.body, /<script>alert/)
    })
  })
}
