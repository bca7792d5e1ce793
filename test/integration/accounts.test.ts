import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { setPublished } from '../../src/accounts/publication.service.js'
import { startSession } from '../../src/accounts/session.service.js'
import {
  addUser,
  createPasswordReset,
  MAX_FAILED_LOGINS,
  setUserDisabled,
} from '../../src/accounts/user.service.js'
import type { Database } from '../../src/db/database.js'
import { listAuditEvents } from '../../src/registry/audit.service.js'
import { addContact } from '../../src/registry/contact.service.js'
import { createUnit } from '../../src/registry/organisation.service.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import type { Scope } from '../../src/registry/scope.js'
import { type App, buildApp } from '../../src/web/app.js'
import { createLogger } from '../../src/web/logger.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole, testConfig } from './security-fixtures.js'

const PASSWORD = 'korrekt-häst-batteri-1'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** The value of a Set-Cookie header's cookie, as the browser would send it back. */
function cookieFrom(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  for (const c of all) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c)
    if (m) {
      return m[1]
    }
  }
  return undefined
}

/** Signs in through the HTML form, as a browser does: GET the form, POST it back with its token. */
async function signIn(app: App, email: string, password: string, next = '/') {
  const form = await app.inject({ method: 'GET', url: '/login' })
  const csrfCookie = cookieFrom(form.headers['set-cookie'], 'pa_csrf')
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
  assert.ok(csrfCookie && token, 'the login form carries a CSRF token')
  return app.inject({
    method: 'POST',
    url: '/login',
    headers: { ...FORM, cookie: `pa_csrf=${csrfCookie}` },
    payload: new URLSearchParams({ _csrf: token, email, password, next }).toString(),
  })
}

function sessionOf(res: { headers: Record<string, unknown> }): string {
  const value = cookieFrom(res.headers['set-cookie'] as string[] | string | undefined, 'pa_session')
  assert.ok(value, 'a session cookie was set')
  return `pa_session=${value}`
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: accounts`, () => {
    let db: Kysely<Database>
    let app: App
    let tenantId: number
    let scope: Scope
    let admin: Caller
    const apps: App[] = []
    // A fresh app per sign-in scenario: the per-address rate limit is counted per app.
    const freshApp = async () => {
      const a = await buildTestApp(db, dialect)
      apps.push(a)
      return a
    }
    const userWithPassword = async (
      email: string,
      role: 'viewer' | 'editor' | 'coordinator' | 'admin' = 'editor',
    ) => addUser(db, { tenantId: null, actor: 'test' }, { email, password: PASSWORD, tenantId, role })

    before(async () => {
      db = await createTestDb(dialect)
      app = await buildTestApp(db, dialect)
      const t = await buildTenant(db, { name: 'Accounts kommun' })
      tenantId = t.tenant.id
      scope = t.scope
      admin = await callerWithRole(db, tenantId, 'admin')
    })
    after(async () => {
      for (const a of [app, ...apps]) {
        await a.close()
      }
      await db.destroy()
    })

    it('signs in with e-mail and password: a Secure, HttpOnly, SameSite session cookie that expires', async () => {
      await userWithPassword('Anna@Example.se')
      const res = await signIn(await freshApp(), 'anna@example.se', PASSWORD, '/projects/1/history')
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/projects/1/history')
      const raw = String(
        ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('pa_session=')),
      )
      for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Expires=', 'Path=/']) {
        assert.ok(raw.includes(flag), `${flag} in ${raw}`)
      }
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionOf(res) } })
      assert.equal(me.statusCode, 200)
      assert.equal(me.json().email, 'anna@example.se')
      assert.equal(me.json().roles[0].role, 'editor')
      // Only the hash of the session id is stored.
      const secret = sessionOf(res).split('=')[1] ?? ''
      const stored = await db.selectFrom('user_session').select('id_hash').execute()
      assert.ok(stored.every((s) => s.id_hash !== secret))
      // Never an open redirect.
      for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
        const r = await signIn(await freshApp(), 'anna@example.se', PASSWORD, next)
        assert.equal(r.headers.location, '/', next)
      }
    })

    it('refuses wrong passwords alike for unknown users, locks the account after repeated failures', async () => {
      await userWithPassword('bertil@example.se')
      const a = await freshApp()
      const unknown = await signIn(a, 'nobody@example.se', PASSWORD)
      assert.equal(unknown.statusCode, 401)
      assert.match(unknown.body, /Fel e-postadress eller lösenord/)
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
        assert.equal((await signIn(a, 'bertil@example.se', 'fel-lösenord-123')).statusCode, 401)
      }
      const locked = await signIn(a, 'bertil@example.se', 'fel-lösenord-123')
      assert.equal(locked.statusCode, 429)
      assert.match(locked.body, /låst/)
      // Locked: even the right password is refused until the lock runs out.
      const b = await freshApp()
      assert.equal((await signIn(b, 'bertil@example.se', PASSWORD)).statusCode, 429)
      await db
        .updateTable('app_user')
        .set({ locked_until: '2000-01-01T00:00:00.000Z' })
        .where('email', '=', 'bertil@example.se')
        .execute()
      assert.equal((await signIn(b, 'bertil@example.se', PASSWORD)).statusCode, 303)
    })

    it('rate-limits sign-in attempts per address', async () => {
      const a = await freshApp()
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) {
        statuses.push((await signIn(a, `flood${i}@example.se`, 'whatever-123')).statusCode)
      }
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401))
      assert.equal(statuses[11], 429)
    })

    it('ends sessions: expiry, logout, logout everywhere, disabling the account', async () => {
      const user = await userWithPassword('cecilia@example.se')
      const short = await startSession(db, user.id, 1)
      await new Promise((r) => setTimeout(r, 5))
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: '/api/me',
            headers: { cookie: `pa_session=${short.secret}` },
          })
        ).statusCode,
        401,
      )

      const one = await startSession(db, user.id, 60_000)
      const two = await startSession(db, user.id, 60_000)
      const me = (s: { secret: string }) =>
        app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `pa_session=${s.secret}` } })
      const page = await app.inject({
        method: 'GET',
        url: '/logout',
        headers: { cookie: `pa_session=${one.secret}` },
      })
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(`value="${one.csrfToken}"`), 'the sign-out form carries the session token')
      const out = await app.inject({
        method: 'POST',
        url: '/logout',
        headers: { ...FORM, cookie: `pa_session=${one.secret}` },
        payload: `_csrf=${one.csrfToken}`,
      })
      assert.equal(out.statusCode, 200)
      assert.equal((await me(one)).statusCode, 401)
      assert.equal((await me(two)).statusCode, 200)

      const three = await startSession(db, user.id, 60_000)
      const everywhere = await app.inject({
        method: 'POST',
        url: '/logout/everywhere',
        headers: { cookie: `pa_session=${three.secret}`, 'x-csrf-token': three.csrfToken },
      })
      assert.equal(everywhere.statusCode, 200)
      assert.equal((await me(two)).statusCode, 401)
      assert.equal((await me(three)).statusCode, 401)

      const caller = await callerWithRole(db, tenantId, 'viewer')
      await setUserDisabled(db, { tenantId: null, actor: 'test' }, caller.user.id, true)
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: caller.cookie } })).statusCode,
        401,
      )
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/me', headers: caller.bearer })).statusCode,
        401,
      )
    })

    it('resets a password through a one-time link, which also ends old sessions', async () => {
      const user = await userWithPassword('david@example.se')
      const old = await startSession(db, user.id, 60_000)
      const { token } = await createPasswordReset(db, { tenantId: null, actor: 'cli' }, 'david@example.se')
      const a = await freshApp()
      const form = await a.inject({ method: 'GET', url: `/reset/${token}` })
      assert.equal(form.statusCode, 200)
      const csrfCookie = cookieFrom(form.headers['set-cookie'], 'pa_csrf')
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
      const post = (password: string) =>
        a.inject({
          method: 'POST',
          url: `/reset/${token}`,
          headers: { ...FORM, cookie: `pa_csrf=${csrfCookie}` },
          payload: new URLSearchParams({ _csrf: csrf, password }).toString(),
        })
      assert.equal((await post('kort')).statusCode, 400)
      assert.equal((await post('ett-nytt-långt-lösenord')).statusCode, 200)
      assert.equal((await post('ett-annat-långt-lösenord')).statusCode, 404, 'the link works once')
      assert.equal((await a.inject({ method: 'GET', url: `/reset/${token}` })).statusCode, 404)
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `pa_session=${old.secret}` } }))
          .statusCode,
        401,
      )
      assert.equal((await signIn(a, 'david@example.se', 'ett-nytt-långt-lösenord')).statusCode, 303)
      assert.equal((await signIn(a, 'david@example.se', PASSWORD)).statusCode, 401)
    })

    it('API tokens: created from a session, shown once, listed without secrets, scoped, revocable, expiring', async () => {
      const caller = await callerWithRole(db, tenantId, 'editor')
      const create = (body: object) =>
        app.inject({ method: 'POST', url: '/api/tokens', headers: caller.session, payload: body })
      const made = await create({ tenant: tenantId, name: 'rapportskript', scope: 'write' })
      assert.equal(made.statusCode, 201, made.body)
      const { secret, token } = made.json() as { secret: string; token: { id: number } }
      assert.match(secret, /^pat_/)
      const list = await app.inject({ method: 'GET', url: '/api/tokens', headers: caller.session })
      assert.ok(!list.body.includes(secret))
      assert.ok((list.json().items as Array<{ name: string }>).some((t) => t.name === 'rapportskript'))
      const auth = { authorization: `Bearer ${secret}` }
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/api/projects',
            headers: auth,
            payload: { name: 'Via token' },
          })
        ).statusCode,
        201,
      )
      // A tenant the user has no role in: not found.
      assert.equal((await create({ tenant: 999999, name: 'x', scope: 'read' })).statusCode, 404)
      assert.equal(
        (await create({ tenant: tenantId, name: 'x', scope: 'read', expiresAt: '2000-01-01T00:00:00Z' }))
          .statusCode,
        400,
      )
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/tokens/${token.id}`,
        headers: caller.session,
      })
      assert.equal(revoke.statusCode, 204)
      assert.equal((await app.inject({ method: 'GET', url: '/api/projects', headers: auth })).statusCode, 401)
      // Expired tokens stop working.
      // Wide enough for a loaded CI machine to use the token before it expires; then wait it out.
      const expiresAt = Date.now() + 3000
      const soon = await create({
        tenant: tenantId,
        name: 'kort',
        scope: 'read',
        expiresAt: new Date(expiresAt).toISOString(),
      })
      const soonAuth = { authorization: `Bearer ${(soon.json() as { secret: string }).secret}` }
      assert.equal((await app.inject({ method: 'GET', url: '/api/me', headers: soonAuth })).statusCode, 200)
      await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 100))
      assert.equal((await app.inject({ method: 'GET', url: '/api/me', headers: soonAuth })).statusCode, 401)
    })

    it("admins manage their tenant's users; nobody else can, and other tenants' users do not exist", async () => {
      const added = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.bearer,
        payload: { email: 'Erik@Example.se', role: 'viewer' },
      })
      assert.equal(added.statusCode, 201, added.body)
      const { user, resetUrl } = added.json() as { user: { id: number; email: string }; resetUrl: string }
      assert.equal(user.email, 'erik@example.se')
      assert.match(resetUrl, /\/reset\/[\w-]{40,}$/)
      const promoted = await app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: admin.bearer,
        payload: { role: 'coordinator' },
      })
      assert.equal(promoted.statusCode, 200)
      assert.equal(promoted.json().roles[0].role, 'coordinator')
      const coordinator = await callerWithRole(db, tenantId, 'coordinator')
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/users', headers: coordinator.bearer })).statusCode,
        403,
      )
      const other = await buildTenant(db, { name: 'Annan kommun' })
      const otherAdmin = await callerWithRole(db, other.tenant.id, 'admin')
      assert.equal(
        (
          await app.inject({
            method: 'PATCH',
            url: `/api/users/${user.id}`,
            headers: otherAdmin.bearer,
            payload: { role: 'admin' },
          })
        ).statusCode,
        404,
      )
      const listed = await app.inject({ method: 'GET', url: '/api/users', headers: otherAdmin.bearer })
      assert.ok(!listed.body.includes('erik@example.se'))
    })

    it('audits every change with who, when, before and after; the project page shows its history; coordinators read the log', async () => {
      const editor = await callerWithRole(db, tenantId, 'editor', 'fia@example.se')
      const created = await app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: editor.bearer,
        payload: { name: 'Historikprojekt', acronym: 'HIST' },
      })
      const id = (created.json() as { id: number }).id
      await app.inject({
        method: 'PATCH',
        url: `/api/projects/${id}`,
        headers: editor.session,
        payload: { acronym: 'HIST2' },
      })
      const events = await listAuditEvents(db, scope, { entity: 'project', entityId: id })
      assert.deepEqual(
        events.map((e) => [e.action, e.actor]),
        [
          ['update', 'fia@example.se'],
          ['create', 'fia@example.se'],
        ],
      )
      const [update] = events
      assert.ok(update)
      assert.equal((update.before as { acronym: string }).acronym, 'HIST')
      assert.equal((update.after as { acronym: string }).acronym, 'HIST2')
      assert.match(update.at, /^\d{4}-\d{2}-\d{2}T/)

      const page = await app.inject({ method: 'GET', url: `/projects/${id}/history`, headers: editor.bearer })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /fia@example\.se/)
      assert.match(page.body, /acronym<\/strong>: HIST → HIST2/)

      const coordinator = await callerWithRole(db, tenantId, 'coordinator')
      const log = await app.inject({
        method: 'GET',
        url: `/api/audit?entity=project&entityId=${id}&actor=fia%40example.se`,
        headers: coordinator.bearer,
      })
      assert.equal(log.statusCode, 200)
      assert.equal((log.json().items as unknown[]).length, 2)
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/audit', headers: editor.bearer })).statusCode,
        403,
      )
      // Account changes are audited too, never with a password hash.
      const userEvents = await db.selectFrom('audit_event').selectAll().where('entity', '=', 'user').execute()
      assert.ok(userEvents.length > 0)
      assert.ok(userEvents.every((e) => !String(e.after_json).includes('argon2')))
    })

    it('the public sees a project only once a coordinator publishes it', async () => {
      const project = await buildProject(db, scope, { name: 'Publiceringsprojekt Zeta' })
      const publicHas = async () =>
        (await app.inject({ method: 'GET', url: '/katalog?q=Zeta' })).body.includes(
          'Publiceringsprojekt Zeta',
        )
      const catalogue = await app.inject({ method: 'GET', url: '/katalog' })
      if (catalogue.statusCode === 404) {
        return // no public catalogue registered in this build
      }
      assert.equal(await publicHas(), false, 'a draft is not public')
      const editor = await callerWithRole(db, tenantId, 'editor')
      const url = `/api/projects/${project.id}/publication`
      assert.equal((await app.inject({ method: 'PUT', url, headers: editor.bearer })).statusCode, 403)
      const coordinator = await callerWithRole(db, tenantId, 'coordinator')
      const published = await app.inject({ method: 'PUT', url, headers: coordinator.bearer })
      assert.equal(published.statusCode, 200)
      assert.ok(published.json().publishedAt)
      assert.equal(await publicHas(), true)
      await setPublished(db, scope, project.id, false)
      assert.equal(await publicHas(), false)
    })

    it('GDPR: exports everything about a person, erases them everywhere (records, audit payloads, search index), audits the erasure without the data', async () => {
      const partner = await buildOrganisation(db, { name: 'GDPR partner' })
      const project = await buildProject(db, scope, {
        name: 'Kontaktprojekt Omega',
        summary: 'Kontakt: Gunilla Gdprsson, gunilla.gdprsson@example.se',
      })
      const participation = await addParticipation(db, scope, project.id, {
        organisationId: partner.id,
        role: 'partner',
      })
      await addContact(db, scope, participation.id, {
        name: 'Gunilla Gdprsson',
        email: 'gunilla.gdprsson@example.se',
        phone: '070-1234567',
      })
      await setPublished(db, scope, project.id, true)
      const publicFinds = async () =>
        (await app.inject({ method: 'GET', url: '/katalog?q=Gdprsson' })).body.includes(
          'Kontaktprojekt Omega',
        )
      const catalogue = (await app.inject({ method: 'GET', url: '/katalog' })).statusCode === 200
      if (catalogue) {
        assert.equal(await publicFinds(), true)
      }
      const person = { email: 'gunilla.gdprsson@example.se' }
      const editor = await callerWithRole(db, tenantId, 'editor')
      const api = (url: string, headers: Record<string, string>) =>
        app.inject({ method: 'POST', url, headers, payload: person })
      assert.equal((await api('/api/personal-data/export', editor.bearer)).statusCode, 403, 'admins only')
      const exported = await api('/api/personal-data/export', admin.bearer)
      assert.equal(exported.statusCode, 200, exported.body)
      assert.equal((exported.json() as { contacts: unknown[] }).contacts.length, 1)
      assert.ok(exported.body.includes('070-1234567'))

      const erased = await api('/api/personal-data/erase', admin.bearer)
      assert.equal(erased.statusCode, 200, erased.body)
      assert.deepEqual(erased.json(), { erasedContacts: 1 })
      const everything = JSON.stringify(await db.selectFrom('audit_event').selectAll().execute())
      for (const trace of ['Gdprsson', 'gunilla.gdprsson', '070-1234567']) {
        assert.ok(!everything.includes(trace), `${trace} left in the audit log`)
        assert.ok(!JSON.stringify(await db.selectFrom('contact').selectAll().execute()).includes(trace))
        assert.ok(!JSON.stringify(await db.selectFrom('project').selectAll().execute()).includes(trace))
      }
      const erasures = await listAuditEvents(db, scope, { action: 'erase' })
      assert.ok(erasures.length >= 1, 'the erasure is audited')
      if (catalogue) {
        assert.equal(await publicFinds(), false, 'the search index forgot the person')
      }
    })

    it("an editor narrowed to a unit changes only that unit's projects", async () => {
      const unit = await createUnit(db, scope, { name: 'Miljöförvaltningen' })
      const ours = await buildProject(db, scope, { name: 'Enhetens projekt' })
      const theirs = await buildProject(db, scope, { name: 'Annan enhets projekt' })
      await addParticipation(db, scope, ours.id, { organisationId: tenantId, unitId: unit.id, role: 'lead' })
      const user = await addUser(
        db,
        { tenantId: null, actor: 'test' },
        { email: 'enhet@example.se', tenantId, role: 'editor', unitId: unit.id },
      )
      const session = await startSession(db, user.id, 60_000)
      const headers = { cookie: `pa_session=${session.secret}`, 'x-csrf-token': session.csrfToken }
      const patch = (id: number) =>
        app.inject({ method: 'PATCH', url: `/api/projects/${id}`, headers, payload: { acronym: 'ENH' } })
      assert.equal((await patch(ours.id)).statusCode, 200)
      assert.equal((await patch(theirs.id)).statusCode, 403)
      assert.equal(
        (await app.inject({ method: 'GET', url: `/api/projects/${theirs.id}`, headers })).statusCode,
        200,
        'reads stay tenant-wide',
      )
    })

    it('keeps one-time secrets out of the request log', async () => {
      const lines: string[] = []
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk))
          done()
        },
      })
      const config = { ...testConfig(dialect), log: { level: 'info' } }
      const logged = await buildApp({ config, db, logger: createLogger(config, sink) })
      apps.push(logged)
      const { token } = await createPasswordReset(db, { tenantId: null, actor: 'cli' }, 'anna@example.se')
      await logged.inject({ method: 'GET', url: `/reset/${token}` })
      const log = lines.join('')
      assert.match(log, /\/reset\/\[secret\]/)
      assert.ok(!log.includes(token))
    })
  })
}
