import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { load } from 'cheerio'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { getProvenance } from '../../src/registry/document.service.js'
import { listProjects } from '../../src/registry/project.service.js'
import type { App } from '../../src/web/app.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

const SEED = resolve(import.meta.dirname, '../../../shared/seeds/002_b20c6c70555887fc.txt')
const HAVE_SEED = existsSync(SEED)
const FORM = resolve(import.meta.dirname, '../../../shared/forms/kulturnamnden.docx')
const HAVE_FORM = existsSync(FORM)
if (!HAVE_SEED || !HAVE_FORM) {
  console.log(
    `import-web: ../shared is absent (${SEED}, ${FORM}); the upload tests of those files are skipped`,
  )
}

const BOUNDARY = '----projektatlas-test-boundary'

/** A multipart/form-data body with the CSRF field (when given) and one file, built by hand. */
function multipartBody(csrf: string | undefined, name: string, bytes: Buffer): Buffer {
  const parts: Buffer[] = []
  if (csrf !== undefined) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    )
  }
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  )
  return Buffer.concat(parts)
}

function upload(app: App, caller: Caller, q: string, name: string, bytes: Buffer, csrf: string | undefined) {
  return app.inject({
    method: 'POST',
    url: `/import${q}`,
    headers: { cookie: caller.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipartBody(csrf, name, bytes),
  })
}

/** The accept form's fields as a browser would send them. */
function formFields(page: string): URLSearchParams {
  const $ = load(page)
  const form = new URLSearchParams()
  $('form[action^="/import/accept"] input, form[action^="/import/accept"] select').each((_, el) => {
    const e = $(el)
    const name = e.attr('name')
    if (!name) {
      return
    }
    if (e.is('select')) {
      form.set(name, e.find('option[selected]').attr('value') ?? '')
    } else if (e.attr('type') !== 'checkbox' || e.attr('checked') !== undefined) {
      form.set(name, e.attr('value') ?? '')
    }
  })
  return form
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: web import (upload, review, correct, accept)`, () => {
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

    it('the upload page is a labelled Swedish form for coordinators only', async () => {
      const { tenant } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const q = `?tenant=${tenant.id}`
      const page = await app.inject({ method: 'GET', url: `/import${q}`, headers: coordinator.session })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<html lang="sv">/)
      assert.match(page.body, /<label for="document">/)
      assert.match(page.body, /enctype="multipart\/form-data"/)
      for (const role of ['viewer', 'editor'] as const) {
        const caller = await callerWithRole(db, tenant.id, role)
        const get = await app.inject({ method: 'GET', url: `/import${q}`, headers: caller.session })
        assert.equal(get.statusCode, 403, `${role} GET`)
        const post = await upload(app, caller, q, 'a.txt', Buffer.from('Projekt X\n'), caller.csrf)
        assert.equal(post.statusCode, 403, `${role} POST`)
      }
    })

    it('an empty or binary upload, or none, gives a 4xx page with the reason in Swedish', async () => {
      const { tenant } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const q = `?tenant=${tenant.id}`
      const empty = await upload(app, coordinator, q, 'tom.txt', Buffer.alloc(0), coordinator.csrf)
      assert.equal(empty.statusCode, 422, empty.body)
      assert.match(empty.body, /tom\.txt: filen är tom/)
      const binary = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))
      const bin = await upload(app, coordinator, q, 'bild.png', binary, coordinator.csrf)
      assert.ok(bin.statusCode >= 400 && bin.statusCode < 500, `${bin.statusCode}`)
      assert.match(bin.body, /bild\.png: /)
      assert.match(bin.body, /role="alert"/)
      const tooLarge = await upload(
        app,
        coordinator,
        q,
        'stor.txt',
        Buffer.alloc(1024 * 1024 + 10, 65),
        coordinator.csrf,
      )
      assert.equal(tooLarge.statusCode, 413, tooLarge.body)
      assert.match(tooLarge.body, /större än gränsen/)
      assert.equal((await listProjects(db, (await buildTenant(db)).scope)).length, 0)
    })

    it('a Word document with damaged XML gives a 422 page with the reason in Swedish', {
      skip: !HAVE_FORM && 'needs ../shared/forms',
    }, async () => {
      const { tenant, scope } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const bytes = readFileSync(FORM)
      bytes[3362] = 67 // inside word/document.xml's deflated stream: a redefined namespace comes out
      const r = await upload(app, coordinator, `?tenant=${tenant.id}`, 'skadad.docx', bytes, coordinator.csrf)
      assert.equal(r.statusCode, 422, r.body)
      assert.match(r.body, /skadad\.docx: Word-dokumentet är skadat och kan inte läsas/)
      assert.equal((await listProjects(db, scope)).length, 0)
    })

    it('a missing CSRF token is refused, on upload and on accept', async () => {
      const { tenant } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const q = `?tenant=${tenant.id}`
      const noToken = await upload(app, coordinator, q, 'a.txt', Buffer.from('Projekt X\n'), undefined)
      assert.equal(noToken.statusCode, 403)
      const accept = await app.inject({
        method: 'POST',
        url: `/import/accept${q}`,
        headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'pending=%7B%7D',
      })
      assert.equal(accept.statusCode, 403)
    })

    it('a seed: records beside highlighted source lines; a bad correction is shown; one corrected name is stored with provenance', {
      skip: !HAVE_SEED && 'needs ../shared/seeds',
    }, async () => {
      const { tenant, scope } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const q = `?tenant=${tenant.id}`
      const bytes = readFileSync(SEED)
      const review = await upload(app, coordinator, q, '002_b20c6c70555887fc.txt', bytes, coordinator.csrf)
      assert.equal(review.statusCode, 200, review.body.slice(0, 500))
      const $ = load(review.body)
      const records = $('fieldset.import-record')
      assert.ok(records.length >= 3, `${records.length} records shown`)
      assert.ok($('mark').length > records.length, 'source lines of the records are highlighted')
      const firstSource = $('fieldset#r0 a[href^="#L"]').attr('href') ?? ''
      assert.match(firstSource, /^#L[0-9]+$/)
      assert.equal($(firstSource).find('mark').length, 1, 'the record links to its highlighted first line')
      assert.equal((await listProjects(db, scope)).length, 0, 'nothing is stored before accepting')

      const form = formFields(review.body)
      const originalName = form.get('r0.name') ?? ''
      assert.ok(originalName.length > 0)
      const send = (f: URLSearchParams) =>
        app.inject({
          method: 'POST',
          url: `/import/accept${q}`,
          headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: f.toString(),
        })

      const bad = new URLSearchParams(form)
      bad.set('r0.start', '23 mars')
      bad.set('r1.name', '')
      const refused = await send(bad)
      assert.equal(refused.statusCode, 400)
      const $r = load(refused.body)
      assert.equal($r('.error-summary a[href="#r0-start"]').length, 1, refused.body.slice(0, 2000))
      assert.equal($r('.error-summary a[href="#r1-name"]').length, 1)
      assert.equal($r('#r0-start').attr('value'), '23 mars', 'the posted value is kept')
      assert.equal((await listProjects(db, scope)).length, 0)

      // A well-formed but altered copy of the document (other source lines) is not what was uploaded.
      const signed = form.get('pending') ?? ''
      const forged = new URLSearchParams(form)
      forged.set('pending', signed.replace('002_b20c6c70555887fc.txt', 'forged.txt'))
      assert.notEqual(forged.get('pending'), signed)
      const forgedAnswer = await send(forged)
      assert.equal(forgedAnswer.statusCode, 400)
      assert.match(forgedAnswer.body, /Ladda upp dokumentet igen/)
      assert.equal((await listProjects(db, scope)).length, 0)

      const good = new URLSearchParams(form)
      good.set('r0.name', 'Rättat projektnamn')
      const accepted = await send(good)
      assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 2000))
      assert.match(String(accepted.headers.location), /^\/import\?tenant=[0-9]+&created=[0-9]+/)
      const summary = await app.inject({
        method: 'GET',
        url: String(accepted.headers.location),
        headers: coordinator.session,
      })
      assert.match(summary.body, /Importen är klar/)

      const projects = await listProjects(db, scope)
      assert.equal(projects.length, records.length)
      const corrected = projects.find((p) => p.name === 'Rättat projektnamn')
      assert.ok(corrected, 'the corrected name is stored')
      assert.ok(!projects.some((p) => p.name === originalName))
      const provenance = await getProvenance(db, scope, 'project', corrected.id)
      assert.ok(provenance.length > 0)
      assert.ok(provenance.every((p) => p.documentName === '002_b20c6c70555887fc.txt'))
      assert.ok(
        provenance.some((p) => p.lineStart !== null && `#L${p.lineStart}` === firstSource),
        "provenance cites the record's source line",
      )
      assert.ok(provenance.some((p) => p.rawText !== null && p.rawText.length > 0))

      const again = await send(good)
      assert.equal(again.statusCode, 303)
      assert.match(String(again.headers.location), /unchanged=1/)
    })

    it('a tampered hidden field is refused with a 400 page, nothing stored', async () => {
      const { tenant, scope } = await buildTenant(db)
      const coordinator = await callerWithRole(db, tenant.id, 'coordinator')
      const res = await app.inject({
        method: 'POST',
        url: `/import/accept?tenant=${tenant.id}`,
        headers: { cookie: coordinator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: coordinator.csrf, pending: '{"document":1}' }).toString(),
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Ladda upp dokumentet igen/)
      assert.equal((await listProjects(db, scope)).length, 0)
    })
  })
}
