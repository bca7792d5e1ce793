import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { matchProjects } from '../../src/curation/project-match.js'
import { proposeMatch } from '../../src/curation/review.service.js'
import type { Database } from '../../src/db/database.js'
import { raiseDataIssues } from '../../src/registry/data-issue.service.js'
import { listProjects } from '../../src/registry/project.service.js'
import type { App } from '../../src/web/app.js'
import { buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: curation pages and API`, () => {
    let db: Kysely<Database>
    let app: App
    before(async () => {
      db = await createTestDb(dialect)
      app = await buildTestApp(db, dialect)
    })
    after(async () => {
      await app?.close()
      await db?.destroy()
    })

    it('review queue: the page lists a likely pair; a coordinator merges it by form and splits it by API', async () => {
      const { scope, tenant } = await buildTenant(db)
      const coordinator: Caller = await callerWithRole(db, tenant.id, 'coordinator')
      const editor: Caller = await callerWithRole(db, tenant.id, 'editor')
      const a = await buildProject(db, scope, { name: 'Leader Linné Småland', start: '2023', end: '2027' })
      const b = await buildProject(db, scope, {
        name: 'Leader Linné Småland (Leader-verksamhet)',
        start: '2014',
        end: '2023',
      })
      const result = matchProjects(
        { name: a.name, acronym: null, programme: null, start: a.start, end: a.end },
        { name: b.name, acronym: null, programme: null, start: b.start, end: b.end },
      )
      const id = await proposeMatch(db, scope, { entity: 'project', leftId: a.id, rightId: b.id, result })
      const q = `?tenant=${tenant.id}`

      const page = await app.inject({ method: 'GET', url: `/granskning${q}`, headers: coordinator.session })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<html lang="sv">/)
      assert.match(page.body, /Leader Linné Småland \(Leader-verksamhet\)/)

      const refused = await app.inject({
        method: 'POST',
        url: `/api/curation/candidates/${id}/accept${q}`,
        headers: editor.bearer,
      })
      assert.equal(refused.statusCode, 403)

      const form = await app.inject({
        method: 'POST',
        url: `/granskning/${id}${q}`,
        headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(coordinator.csrf)}&decision=accept`,
      })
      assert.equal(form.statusCode, 303, form.body)
      assert.equal((await listProjects(db, scope)).length, 1)

      const merges = await app.inject({
        method: 'GET',
        url: `/api/curation/merges${q}`,
        headers: coordinator.bearer,
      })
      const [merge] = merges.json().items
      assert.equal(merge.keptId, a.id)
      const split = await app.inject({
        method: 'POST',
        url: `/api/curation/merges/${merge.id}/split${q}`,
        headers: coordinator.bearer,
      })
      assert.equal(split.statusCode, 200, split.body)
      assert.equal((await listProjects(db, scope)).length, 2)
      const byForm = await app.inject({
        method: 'POST',
        url: `/granskning/sammanslagningar${q}`,
        headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(coordinator.csrf)}&keptId=${a.id}&mergedId=${b.id}&note=samma`,
      })
      assert.equal(byForm.statusCode, 303, byForm.body)
      assert.equal((await listProjects(db, scope)).length, 1)
      const decided = await app.inject({
        method: 'GET',
        url: `/api/curation/candidates${q}&status=accepted`,
        headers: coordinator.bearer,
      })
      assert.equal(decided.json().items.length, 1)
    })

    it('data-issue queue: filter on the page, resolve by API, history by API', async () => {
      const { scope, tenant } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const p = await buildProject(db, scope, { name: 'Speak Up' })
      await raiseDataIssues(db, scope, [
        { entity: 'project', entityId: p.id, kind: 'date', message: 'end before start', field: 'end' },
        { entity: 'project', entityId: p.id, kind: 'programme', message: 'no programme', field: 'programme' },
      ])
      const q = `?tenant=${tenant.id}`
      const page = await app.inject({
        method: 'GET',
        url: `/dataproblem${q}&kind=date&unit=&document=`,
        headers: coordinator.session,
      })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /end before start/)
      assert.doesNotMatch(page.body, /no programme/)

      const list = await app.inject({
        method: 'GET',
        url: `/api/curation/data-issues${q}&kind=programme`,
        headers: coordinator.bearer,
      })
      const [issue] = list.json().items
      const bad = await app.inject({
        method: 'POST',
        url: `/api/curation/data-issues/${issue.id}/resolve${q}`,
        headers: coordinator.bearer,
        payload: { kind: 'correction', field: 'programme', value: 'No such programme' },
      })
      assert.equal(bad.statusCode, 400)
      const ok = await app.inject({
        method: 'POST',
        url: `/api/curation/data-issues/${issue.id}/resolve${q}`,
        headers: coordinator.bearer,
        payload: { kind: 'correction', field: 'programme', value: 'Interreg North Sea' },
      })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().status, 'resolved')
      const history = await app.inject({
        method: 'GET',
        url: `/api/curation/history/project/${p.id}${q}`,
        headers: coordinator.bearer,
      })
      assert.ok(
        history
          .json()
          .items.some(
            (h: { field: string; to: unknown }) => h.field === 'programme' && h.to === 'Interreg North Sea',
          ),
      )
    })
  })
}
