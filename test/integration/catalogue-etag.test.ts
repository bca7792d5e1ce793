import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { setPublished } from '../../src/accounts/publication.service.js'
import type { Database } from '../../src/db/database.js'
import type { Scope } from '../../src/registry/scope.js'
import type { App } from '../../src/web/app.js'
import { buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

// Conditional requests (issue 8): the public project page and GET /api/projects/:id carry a weak
// ETag; a request naming it in If-None-Match gets a bodiless 304, and any change the answer shows
// gives a new tag.

for (const dialect of DIALECTS) {
  describe(`${dialect}: ETag and 304 on the project page and the API by id`, () => {
    let db: Kysely<Database>
    let app: App
    let scope: Scope
    let editor: Caller
    let id = 0

    before(async () => {
      db = await createTestDb(dialect)
      app = await buildTestApp(db, dialect)
      const tenant = await buildTenant(db)
      scope = tenant.scope
      editor = await callerWithRole(db, tenant.tenant.id, 'editor')
      id = (await buildProject(db, scope, { name: 'Etikettprojektet' })).id
      await setPublished(db, scope, id, true)
    })
    after(async () => {
      await app.close()
      await db.destroy()
    })

    it('the public page: ETag, public revalidated caching, 304 for a current copy', async () => {
      const first = await app.inject(`/katalog/projekt/${id}`)
      assert.equal(first.statusCode, 200)
      const etag = first.headers.etag
      assert.ok(typeof etag === 'string' && etag.startsWith('W/"'), `weak ETag, got ${etag}`)
      assert.equal(first.headers['cache-control'], 'public, no-cache')
      const again = await app.inject({ url: `/katalog/projekt/${id}`, headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
      assert.equal(again.headers.etag, etag)
      // A list of tags, one of them current, and `*`, also match; a stale one does not.
      const listed = await app.inject({
        url: `/katalog/projekt/${id}`,
        headers: { 'if-none-match': `W/"old", ${etag}` },
      })
      assert.equal(listed.statusCode, 304)
      const stale = await app.inject({
        url: `/katalog/projekt/${id}`,
        headers: { 'if-none-match': 'W/"old"' },
      })
      assert.equal(stale.statusCode, 200)
      // Another language is another page.
      const en = await app.inject({
        url: `/katalog/projekt/${id}?lang=en`,
        headers: { 'if-none-match': etag },
      })
      assert.equal(en.statusCode, 200)
      assert.notEqual(en.headers.etag, etag)
    })

    it('a change to the project gives the page a new tag at once', async () => {
      const before = (await app.inject(`/katalog/projekt/${id}`)).headers.etag as string
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/projects/${id}`,
        headers: editor.bearer,
        payload: { name: 'Etikettprojektet, nytt namn' },
      })
      assert.equal(patched.statusCode, 200, patched.body)
      const after = await app.inject({ url: `/katalog/projekt/${id}`, headers: { 'if-none-match': before } })
      assert.equal(after.statusCode, 200)
      assert.notEqual(after.headers.etag, before)
      assert.ok(after.body.includes('Etikettprojektet, nytt namn'))
    })

    it('an unpublished project is gone, not 304, even for a client holding its tag', async () => {
      const other = (await buildProject(db, scope, { name: 'Snart dold' })).id
      await setPublished(db, scope, other, true)
      const etag = (await app.inject(`/katalog/projekt/${other}`)).headers.etag as string
      await setPublished(db, scope, other, false)
      const gone = await app.inject({ url: `/katalog/projekt/${other}`, headers: { 'if-none-match': etag } })
      assert.equal(gone.statusCode, 404)
    })

    it('a signed-in visitor gets no-store (drafts and data issues are never stored in shared caches)', async () => {
      const page = await app.inject({ url: `/katalog/projekt/${id}`, headers: { cookie: editor.cookie } })
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
    })

    it('GET /api/projects/:id: ETag, 304 for a current copy, a new tag after a change', async () => {
      const first = await app.inject({ url: `/api/projects/${id}`, headers: editor.bearer })
      assert.equal(first.statusCode, 200)
      const etag = first.headers.etag as string
      assert.ok(etag.startsWith('W/"'))
      assert.equal(first.headers['cache-control'], 'no-store')
      const again = await app.inject({
        url: `/api/projects/${id}`,
        headers: { ...editor.bearer, 'if-none-match': etag },
      })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
      await app.inject({
        method: 'PATCH',
        url: `/api/projects/${id}`,
        headers: editor.bearer,
        payload: { acronym: 'ETIK' },
      })
      const changed = await app.inject({
        url: `/api/projects/${id}`,
        headers: { ...editor.bearer, 'if-none-match': etag },
      })
      assert.equal(changed.statusCode, 200)
      assert.equal((changed.json() as { acronym: string }).acronym, 'ETIK')
    })
  })
}
