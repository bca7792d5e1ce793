import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Role } from '../../src/accounts/role.js'
import { ROLES, roleAtLeast } from '../../src/accounts/role.js'
import { revokeApiToken } from '../../src/accounts/session.service.js'
import type { Database } from '../../src/db/database.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import { getProject } from '../../src/registry/project.service.js'
import type { App } from '../../src/web/app.js'
import { BODY_LIMIT_BYTES } from '../../src/web/app.js'
import type { RouteAccess } from '../../src/web/plugins/auth.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

// Written into tenant A's drafts: it must never appear in an answer to anyone outside tenant A.
const SECRET = 'HEMLIGT-UTKAST-A'

/** The records a walked route's path parameters point at. */
interface Targets {
  readonly tenant: number
  readonly project: number
  readonly participation: number
  readonly user: number
  readonly token: number
  readonly organisation: number
}

/** Fills a route's `:params` with the ids of tenant A's records. */
function pathFor(route: RouteAccess, t: Targets): string {
  return route.url.replace(/:(\w+)/g, (_m, name: string, offset: number) => {
    const before = route.url.slice(0, offset)
    if (name === 'projectId') {
      return String(t.project)
    }
    if (name === 'token') {
      return 'x'.repeat(43)
    }
    if (before.endsWith('/participations/')) {
      return String(t.participation)
    }
    if (before.includes('/api/users')) {
      return String(t.user)
    }
    if (before.includes('/api/tokens')) {
      return String(t.token)
    }
    if (before.includes('/organisations')) {
      return String(t.organisation)
    }
    return String(t.project)
  })
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString()
  return qs ? `${path}?${qs}` : path
}

// The routes to walk: every method the table lists, except HEAD (GET's twin).
function walkable(app: App): RouteAccess[] {
  // Sign-out would end the walking session itself; the accounts tests cover it.
  return app.routeTable.filter(
    (r) =>
      r.method !== 'HEAD' && r.method !== 'OPTIONS' && !(r.url.startsWith('/logout') && r.method !== 'GET'),
  )
}

// Organisations are shared reference data (partners), not any tenant's drafts.
const SHARED = /^\/api\/organisations/

async function send(
  app: App,
  method: Method,
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
): Promise<{ status: number; body: string }> {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined || method === 'GET' || method === 'DELETE'
      ? {}
      : { payload: payload as object }),
  })
  return { status: res.statusCode, body: res.body }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: security`, () => {
    let db: Kysely<Database>
    let app: App
    let targets: Targets
    let outsider: Caller
    const inA = {} as Record<Role, Caller>
    const snapshot = async () => {
      const count = async (table: keyof Database) =>
        Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
      const project = await getProject(db, { tenantId: targets.tenant, actor: 'test' }, targets.project)
      return {
        project: JSON.stringify(project),
        projects: await count('project'),
        participations: await count('participation'),
        users: await count('app_user'),
        roles: await count('user_role'),
        liveTokens: Number(
          (
            await db
              .selectFrom('api_token')
              .select(sql<number>`count(*)`.as('n'))
              .where('revoked_at', 'is', null)
              .executeTakeFirstOrThrow()
          ).n,
        ),
        organisations: await count('organisation'),
      }
    }

    before(async () => {
      db = await createTestDb(dialect)
      app = await buildTestApp(db, dialect)
      const a = await buildTenant(db, { name: 'Kommun A' })
      const b = await buildTenant(db, { name: 'Kommun B' })
      const partner = await buildOrganisation(db, { name: 'Partner AB' })
      const project = await buildProject(db, a.scope, { name: `${SECRET} projekt`, summary: SECRET })
      const participation = await addParticipation(db, a.scope, project.id, {
        organisationId: partner.id,
        role: 'partner',
        theme: SECRET,
      })
      for (const role of ROLES) {
        inA[role] = await callerWithRole(db, a.tenant.id, role)
      }
      outsider = await callerWithRole(db, b.tenant.id, 'editor')
      await buildProject(db, b.scope, { name: 'Projekt hos B' })
      const token = await db
        .selectFrom('api_token')
        .select('id')
        .where('user_id', '=', inA.editor.user.id)
        .executeTakeFirstOrThrow()
      targets = {
        tenant: a.tenant.id,
        project: project.id,
        participation: participation.id,
        user: inA.admin.user.id,
        token: token.id,
        organisation: partner.id,
      }
    })
    after(async () => {
      await app.close()
      await db.destroy()
    })

    it('has an access decision for every route, and closes all but a known few to the public', () => {
      const routes = walkable(app)
      assert.ok(routes.length >= 20, `only ${routes.length} routes`)
      for (const r of routes.filter((x) => x.access === 'public')) {
        // Public routes are sign-in forms, health, the OpenAPI document, or (catalogue) published data.
        assert.ok(
          /^\/(login|reset|healthz|static|api\/openapi\.json)|^\/(catalogue|katalog|api\/catalogue|open-?data|statistik|statistics|dcat|accessibility|tillganglighet)/.test(
            r.url,
          ) || r.url === '/',
          `unexpected public route ${r.method} ${r.url}`,
        )
      }
    })

    for (const mode of ['token', 'session'] as const) {
      it(`tenant isolation (${mode}): an editor of B gets 404 on every tenant route addressing A, and learns nothing`, async () => {
        const before = await snapshot()
        const headers = mode === 'token' ? outsider.bearer : outsider.session
        const failures: string[] = []
        for (const route of walkable(app)) {
          const path = pathFor(route, targets)
          const payload = {
            name: 'pwned',
            role: 'admin',
            email: 'x@example.se',
            scope: 'write',
            tenant: targets.tenant,
          }
          for (const url of [withQuery(path, { tenant: String(targets.tenant) }), path]) {
            const { status, body } = await send(app, route.method as Method, url, headers, payload)
            if (body.includes(SECRET)) {
              failures.push(`${route.method} ${url}: leaks A's draft (${status})`)
            }
            if (status >= 500) {
              failures.push(`${route.method} ${url}: ${status}`)
            }
            if (route.access === 'tenant' && url.includes('tenant=') && status !== 404) {
              failures.push(`${route.method} ${url}: ${status}, not 404`)
            }
            if (
              route.access === 'tenant' &&
              !url.includes('tenant=') &&
              route.url.includes(':') &&
              !SHARED.test(route.url) &&
              status < 400
            ) {
              failures.push(`${route.method} ${url}: ${status} on A's record id`)
            }
          }
        }
        assert.deepEqual(failures, [])
        assert.deepEqual(await snapshot(), before, "A's data is unchanged")
      })
    }

    it('role checks: each role is refused (403) what it may not do, on every tenant route, and the public is refused', async () => {
      const failures: string[] = []
      for (const route of walkable(app)) {
        if (route.access === 'public') {
          continue
        }
        // A fresh, harmless target per route so no role's success changes what the next one sees.
        const url = withQuery(
          pathFor(route, {
            ...targets,
            project: 2147483000,
            participation: 2147483000,
            user: 2147483000,
            token: 2147483000,
            organisation: 2147483000,
          }),
          {
            tenant: String(targets.tenant),
          },
        )
        const anonymous = await send(app, route.method as Method, url, {})
        const okAnonymous =
          anonymous.status === 401 ||
          (route.method === 'GET' && !route.url.startsWith('/api') && anonymous.status === 303)
        if (!okAnonymous) {
          failures.push(`public ${route.method} ${url}: ${anonymous.status}`)
        }
        if (route.access !== 'tenant') {
          continue
        }
        for (const role of ROLES) {
          const { status } = await send(app, route.method as Method, url, inA[role].bearer, {})
          const allowed = roleAtLeast(role, route.role)
          if (!allowed && status !== 403) {
            failures.push(`${role} ${route.method} ${url}: ${status}, not 403`)
          }
          if (allowed && (status === 401 || status === 403)) {
            failures.push(`${role} ${route.method} ${url}: refused (${status}) though ${route.role} suffices`)
          }
        }
      }
      assert.deepEqual(failures, [])
    })

    it('tenant organisations are changed only by their own admins; only admins add tenants', async () => {
      const patch = (headers: Record<string, string>) =>
        send(app, 'PATCH', `/api/organisations/${targets.tenant}`, headers, { name: 'Kapad kommun' })
      assert.equal((await patch(outsider.bearer)).status, 403)
      assert.equal((await patch(inA.editor.bearer)).status, 403)
      assert.equal(
        (await send(app, 'DELETE', `/api/organisations/${targets.tenant}`, outsider.bearer)).status,
        403,
      )
      assert.equal(
        (
          await send(app, 'POST', '/api/organisations', outsider.bearer, {
            name: 'Ny kommun',
            isTenant: true,
          })
        ).status,
        403,
      )
      assert.equal((await patch(inA.admin.bearer)).status, 200)
      assert.equal(
        (
          await send(app, 'PATCH', `/api/organisations/${targets.tenant}`, inA.admin.bearer, {
            name: 'Kommun A',
          })
        ).status,
        200,
      )
    })

    it('a read-only token cannot write, a revoked token is refused', async () => {
      const reader = await callerWithRole(db, targets.tenant, 'admin')
      const readTokenRes = await send(app, 'POST', '/api/tokens', reader.session, {
        tenant: targets.tenant,
        name: 'read only',
        scope: 'read',
      })
      assert.equal(readTokenRes.status, 201, readTokenRes.body)
      const { secret, token } = JSON.parse(readTokenRes.body) as { secret: string; token: { id: number } }
      const auth = { authorization: `Bearer ${secret}` }
      assert.equal((await send(app, 'GET', '/api/projects', auth)).status, 200)
      assert.equal((await send(app, 'POST', '/api/projects', auth, { name: 'x' })).status, 403)
      assert.equal(
        (await send(app, 'POST', '/api/tokens', auth, { tenant: targets.tenant, name: 'y', scope: 'write' }))
          .status,
        403,
      )
      await revokeApiToken(db, { tenantId: null, actor: 'test' }, reader.user.id, token.id)
      assert.equal((await send(app, 'GET', '/api/projects', auth)).status, 401)
      assert.equal(
        (await send(app, 'GET', '/api/projects', { authorization: 'Bearer pat_forged' })).status,
        401,
      )
    })

    it('CSRF: a cross-site form post is refused; same-site writes need the session token', async () => {
      const editor = inA.editor
      const form = 'name=evil'
      const formHeaders = { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }
      // The classic attack: an auto-submitting form on another site posts with the victim's cookie.
      const crossSite = await send(
        app,
        'POST',
        '/logout',
        { ...formHeaders, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        form,
      )
      assert.equal(crossSite.status, 403)
      const noToken = await send(app, 'POST', '/logout', formHeaders, form)
      assert.equal(noToken.status, 403)
      const wrongToken = await send(app, 'POST', '/logout', formHeaders, '_csrf=guess')
      assert.equal(wrongToken.status, 403)
      // The session survived all three.
      assert.equal((await send(app, 'GET', '/api/me', { cookie: editor.cookie })).status, 200)
      // JSON writes with the cookie: refused without the header, from another origin, accepted with it.
      const json = { cookie: editor.cookie }
      assert.equal((await send(app, 'POST', '/api/projects', json, { name: 'CSRF 1' })).status, 403)
      assert.equal(
        (
          await send(
            app,
            'POST',
            '/api/projects',
            { ...editor.session, origin: 'https://evil.example' },
            { name: 'CSRF 2' },
          )
        ).status,
        403,
      )
      assert.equal(
        (
          await send(
            app,
            'POST',
            '/api/projects',
            { ...editor.session, origin: 'http://localhost:80' },
            { name: 'CSRF 3' },
          )
        ).status,
        201,
      )
      // Login CSRF: a sign-in form without the signed pre-session cookie is refused.
      const login = await send(
        app,
        'POST',
        '/login',
        { 'content-type': 'application/x-www-form-urlencoded' },
        '_csrf=x&email=a%40b.se&password=whatever1234',
      )
      assert.equal(login.status, 403)
    })

    it('SQL injection payloads in every query parameter change nothing and never give a 500', async () => {
      const payloads = [
        "' OR '1'='1",
        '1; DROP TABLE project; --',
        "%' UNION SELECT email, password_hash FROM app_user --",
        '\\',
        "'); DELETE FROM app_user; --",
        '%_',
      ]
      const before = await snapshot()
      const failures: string[] = []
      const routes = walkable(app).filter((r) => r.method === 'GET')
      for (const route of routes) {
        const path = pathFor(route, targets)
        const names = new Set([...route.query, 'tenant', 'q'])
        for (const name of names) {
          for (const payload of payloads) {
            const url = withQuery(path, { [name]: payload })
            const { status, body } = await send(app, 'GET', url, inA.admin.bearer)
            if (status >= 500) {
              failures.push(`${url}: ${status}`)
            }
            if (/\$argon2/.test(body)) {
              failures.push(`${url}: leaks password hashes`)
            }
          }
        }
        // And in the path itself.
        for (const payload of payloads) {
          const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(payload))
          const { status } = await send(app, 'GET', url, inA.admin.bearer)
          if (status >= 500) {
            failures.push(`${url}: ${status}`)
          }
        }
      }
      assert.deepEqual(failures, [])
      assert.deepEqual(await snapshot(), before)
    })

    it('sends security headers on pages, API answers and errors', async () => {
      for (const [url, headers] of [
        ['/login', {}],
        ['/', inA.viewer.bearer],
        ['/api/projects', inA.viewer.bearer],
        ['/finns-inte', {}],
        ['/api/projects', {}],
      ] as const) {
        const res = await app.inject({ method: 'GET', url, headers })
        const csp = String(res.headers['content-security-policy'])
        const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
        assert.ok(
          script.includes("'self'") && !script.includes('unsafe-inline') && !script.includes('unsafe-eval'),
          `${url}: ${csp}`,
        )
        assert.match(csp, /frame-ancestors 'none'/, url)
        assert.match(csp, /object-src 'none'/, url)
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url)
        assert.equal(res.headers['referrer-policy'], 'same-origin', url)
        assert.equal(res.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain http`)
      }
      const authed = await app.inject({ method: 'GET', url: '/api/projects', headers: inA.viewer.bearer })
      assert.equal(authed.headers['cache-control'], 'no-store')
      const tls = await buildTestApp(db, dialect, { publicUrl: 'https://projekt.example.se' })
      try {
        const res = await tls.inject({ method: 'GET', url: '/login' })
        assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/)
        const login = String(res.headers['set-cookie'])
        assert.match(login, /HttpOnly/)
        assert.match(login, /Secure/)
        assert.match(login, /SameSite=Strict/)
      } finally {
        await tls.close()
      }
      // Behind a TLS-terminating proxy that the app is told to trust.
      const proxied = await buildTestApp(db, dialect, { trustProxy: true })
      try {
        const res = await proxied.inject({
          method: 'GET',
          url: '/login',
          headers: { 'x-forwarded-proto': 'https' },
        })
        assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/)
        const plain = await proxied.inject({ method: 'GET', url: '/login' })
        assert.equal(plain.headers['strict-transport-security'], undefined)
      } finally {
        await proxied.close()
      }
    })

    it('never sends a stack trace, and enforces body size limits', async () => {
      const cases: Array<[Method, string, Record<string, string>, string | Buffer]> = [
        ['POST', '/api/projects', { ...inA.editor.bearer, 'content-type': 'application/json' }, '{"name":'],
        [
          'POST',
          '/api/projects',
          { ...inA.editor.bearer, 'content-type': 'application/json' },
          JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) }),
        ],
        [
          'POST',
          '/login',
          { 'content-type': 'application/x-www-form-urlencoded' },
          `email=${'a'.repeat(70 * 1024)}`,
        ],
        ['GET', '/api/projects/%E0%A4%A', inA.editor.bearer, ''],
        [
          'PATCH',
          `/api/projects/${targets.project}`,
          { ...inA.editor.bearer, 'content-type': 'application/json' },
          '{"name": {"$gt": ""}}',
        ],
      ]
      const statuses: number[] = []
      for (const [method, url, headers, payload] of cases) {
        const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
        statuses.push(res.statusCode)
        assert.doesNotMatch(res.body, /\n\s+at |\.ts:\d+|node_modules/, `${method} ${url}`)
      }
      assert.deepEqual(statuses, [400, 413, 413, 400, 400])
    })
  })
}
