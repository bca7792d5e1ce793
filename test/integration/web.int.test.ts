import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { pino } from 'pino'
import type { Config, Dialect } from '../../src/config/config.js'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { loadDemoPortfolio } from '../../src/demo/load-demo.js'
import { listTenants } from '../../src/registry/organisation.service.js'
import { type App, BODY_LIMIT_BYTES, buildApp } from '../../src/web/app.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { callerWithRole } from './security-fixtures.js'

const config: Config = Object.freeze({
  db: { dialect: 'sqlite' as const, file: ':memory:' },
  server: { port: 0, host: '127.0.0.1' },
  log: { level: 'silent' },
  import: { maxFileBytes: 1024 * 1024 },
})
const silent = pino({ level: 'silent' })

type Json = Record<string, unknown>

// The app branches on the configured dialect (the catalogue's search SQL), so it must match the database.
async function build(db: Kysely<Database>, dialect: Dialect): Promise<App> {
  const dbConfig =
    dialect === 'sqlite'
      ? config.db
      : ({ dialect: 'postgres', url: 'postgres://test' } as const satisfies Config['db'])
  return buildApp({ config: { ...config, db: dbConfig }, db, logger: silent })
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: web API`, () => {
    let db: Kysely<Database>
    let app: App
    let tenantId: number
    let partnerId: number
    // The API is closed to the public: requests carry an API token (security*.test.ts tests access).
    let auth: Record<string, string> = {}

    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
      const res = await app.inject({
        method,
        url,
        headers: auth,
        ...(payload === undefined ? {} : { payload: payload as Json }),
      })
      return { status: res.statusCode, body: res.body ? (res.json() as Json) : {}, res }
    }

    before(async () => {
      db = await createTestDb(dialect)
      app = await build(db, dialect)
      // An admin somewhere may add a tenant organisation through the API.
      const { tenant } = await buildTenant(db, { name: 'Bootstrap kommun' })
      auth = (await callerWithRole(db, tenant.id, 'admin')).bearer
    })
    after(async () => {
      await app.close()
      await db.destroy()
    })

    it('healthz answers 200 when the database does', async () => {
      const { status, body } = await call('GET', '/healthz')
      assert.equal(status, 200)
      assert.deepEqual(body, { status: 'ok', database: 'ok' })
    })

    it('refuses the public', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/projects' })
      assert.equal(res.statusCode, 401)
    })

    it('creates, reads, lists and updates organisations', async () => {
      const created = await call('POST', '/api/organisations', {
        name: 'Hässleholms kommun',
        aliases: ['Hässleholm Municipality'],
        country: 'SE',
        kind: 'municipality',
        orgNumber: '212000-0969',
        isTenant: true,
      })
      assert.equal(created.status, 201)
      assert.equal(created.res.headers.location, `/api/organisations/${created.body.id}`)
      tenantId = created.body.id as number
      // From here on act as an admin of the new tenant (its only tenant: no ?tenant needed).
      auth = (await callerWithRole(db, tenantId, 'admin')).bearer
      const partner = await call('POST', '/api/organisations', {
        name: 'Region Skåne',
        country: 'SE',
        kind: 'region',
      })
      assert.equal(partner.status, 201)
      partnerId = partner.body.id as number

      const got = await call('GET', `/api/organisations/${tenantId}`)
      assert.equal(got.status, 200)
      assert.deepEqual(got.body.aliases, ['Hässleholm Municipality'])
      assert.equal(got.body.isTenant, true)

      const byAlias = await call(
        'GET',
        `/api/organisations?q=${encodeURIComponent('hässleholm municipality')}`,
      )
      assert.deepEqual(
        (byAlias.body.items as Json[]).map((o) => o.id),
        [tenantId],
      )
      const swedish = await call('GET', '/api/organisations?country=SE&limit=1')
      assert.equal((swedish.body.items as Json[]).length, 1)

      const patched = await call('PATCH', `/api/organisations/${partnerId}`, { euPic: '999999999' })
      assert.equal(patched.status, 200)
      assert.equal(patched.body.euPic, '999999999')
      assert.equal(patched.body.name, 'Region Skåne')

      const clash = await call('POST', '/api/organisations', { name: 'Dubblett', orgNumber: '212000-0969' })
      assert.equal(clash.status, 409)
      assert.equal(clash.body.code, 'CONFLICT')
    })

    let projectId: number
    it('creates, reads, filters, pages, updates and deletes projects', async () => {
      const created = await call('POST', '/api/projects', {
        name: 'Green Region with Alternative fuels for Transport',
        acronym: 'GREAT',
        programme: 'Interreg ÖKS',
        start: '2015',
        end: '2018-09',
        status: 'completed',
        totalBudget: { amountMinor: 260000000, currency: 'EUR' },
        euContribution: { amountMinor: 130000000, currency: 'EUR' },
        externalIds: [{ scheme: 'keep.eu', value: '12345' }],
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      projectId = created.body.id as number
      assert.equal(created.body.programme, 'Interreg Öresund-Kattegat-Skagerrak')
      assert.equal(created.body.start, '2015', 'a year stays a year')
      assert.deepEqual(created.body.totalBudget, { amountMinor: 260000000, currency: 'EUR' })

      for (const name of ['Alfa', 'Beta', 'Gamma']) {
        assert.equal((await call('POST', '/api/projects', { name, status: 'ongoing' })).status, 201)
      }
      const got = await call('GET', `/api/projects/${projectId}`)
      assert.equal(got.status, 200)
      assert.deepEqual(got.body, created.body)

      const ongoing = await call('GET', '/api/projects?status=ongoing&limit=2')
      assert.deepEqual(
        (ongoing.body.items as Json[]).map((p) => p.name),
        ['Alfa', 'Beta'],
      )
      assert.equal(ongoing.body.nextOffset, 2)
      const last = await call('GET', '/api/projects?status=ongoing&limit=2&offset=2')
      assert.deepEqual(
        (last.body.items as Json[]).map((p) => p.name),
        ['Gamma'],
      )
      assert.equal(last.body.nextOffset, null)
      const search = await call('GET', '/api/projects?q=great')
      assert.deepEqual(
        (search.body.items as Json[]).map((p) => p.id),
        [projectId],
      )
      const byProgramme = await call(
        'GET',
        `/api/projects?programme=${encodeURIComponent('Interreg Öresund-Kattegat-Skagerrak')}`,
      )
      assert.equal((byProgramme.body.items as Json[]).length, 1)
      const withTenant = await call('GET', `/api/projects?tenant=${tenantId}&limit=500`)
      assert.equal((withTenant.body.items as Json[]).length, 4)

      const patched = await call('PATCH', `/api/projects/${projectId}`, {
        summary: 'Fossilfria transporter.',
        end: null,
      })
      assert.equal(patched.status, 200)
      assert.equal(patched.body.summary, 'Fossilfria transporter.')
      assert.equal(patched.body.end, null)
      assert.equal(patched.body.acronym, 'GREAT', 'fields not given stay')

      const gamma = (last.body.items as Json[])[0]?.id
      assert.equal((await call('DELETE', `/api/projects/${gamma}`)).status, 204)
      assert.equal((await call('GET', `/api/projects/${gamma}`)).status, 404)
      assert.equal((await call('DELETE', `/api/projects/${gamma}`)).status, 404)
    })

    it('keeps participations with their own money, per project', async () => {
      const base = `/api/projects/${projectId}/participations`
      const lead = await call('POST', base, {
        organisationId: partnerId,
        role: 'lead',
        budget: { amountMinor: 150000000, currency: 'EUR' },
      })
      assert.equal(lead.status, 201, JSON.stringify(lead.body))
      const own = await call('POST', base, {
        organisationId: tenantId,
        role: 'partner',
        budget: { amountMinor: 40000000, currency: 'EUR' },
        euCofinancing: { amountMinor: 20000000, currency: 'EUR' },
        theme: 'Transport',
        payments: [{ year: 2017, amount: { amountMinor: 120000000, currency: 'SEK' } }],
      })
      assert.equal(own.status, 201, JSON.stringify(own.body))
      assert.equal(own.body.organisationName, 'Hässleholms kommun')
      const ownId = own.body.id as number

      const list = await call('GET', base)
      assert.equal(list.status, 200)
      assert.deepEqual(
        (list.body.items as Json[]).map((p) => p.role),
        ['lead', 'partner'],
      )
      const project = await call('GET', `/api/projects/${projectId}`)
      assert.deepEqual(
        project.body.totalBudget,
        { amountMinor: 260000000, currency: 'EUR' },
        'project totals untouched',
      )

      const patched = await call('PATCH', `${base}/${ownId}`, {
        theme: 'Fossilfria transporter',
        payments: [],
      })
      assert.equal(patched.status, 200)
      assert.equal(patched.body.theme, 'Fossilfria transporter')
      assert.deepEqual(patched.body.payments, [])
      assert.equal((await call('GET', `${base}/${ownId}`)).status, 200)

      const other = await call('POST', '/api/projects', { name: 'Annat projekt' })
      const otherBase = `/api/projects/${other.body.id}/participations`
      assert.equal(
        (await call('GET', `${otherBase}/${ownId}`)).status,
        404,
        'a participation of another project',
      )
      assert.equal((await call('PATCH', `${otherBase}/${ownId}`, { theme: 'x' })).status, 404)
      assert.equal((await call('GET', '/api/projects/999999/participations')).status, 404)
      const unknownOrg = await call('POST', base, { organisationId: 999999, role: 'partner' })
      assert.equal(unknownOrg.status, 400)
      assert.equal(unknownOrg.body.field, 'organisationId')

      assert.equal((await call('DELETE', `${base}/${ownId}`)).status, 204)
      assert.equal((await call('GET', `${base}/${ownId}`)).status, 404)
      const blocked = await call('DELETE', `/api/organisations/${partnerId}`)
      assert.equal(blocked.status, 409, 'an organisation that still takes part cannot be deleted')
    })

    it('answers 404 for unknown ids and routes', async () => {
      for (const url of ['/api/projects/424242', '/api/organisations/424242', '/api/nothing-here']) {
        const { status, body, res } = await call('GET', url)
        assert.equal(status, 404, url)
        assert.equal(body.code, 'NOT_FOUND')
        assert.match(String(res.headers['content-type']), /application\/json/)
      }
      assert.equal((await call('PATCH', '/api/projects/424242', { name: 'x' })).status, 404)
    })

    const badInput: ReadonlyArray<[string, 'GET' | 'POST' | 'PATCH', string, unknown, string | undefined]> = [
      ['empty name', 'POST', '/api/projects', { name: '' }, 'name'],
      ['missing name', 'POST', '/api/projects', { acronym: 'X' }, 'name'],
      ['name of wrong type', 'POST', '/api/projects', { name: 42 }, 'name'],
      ['unknown field', 'POST', '/api/projects', { name: 'X', budget: 5 }, 'budget'],
      ['bad status', 'POST', '/api/projects', { name: 'X', status: 'done' }, 'status'],
      ['impossible date', 'POST', '/api/projects', { name: 'X', start: '2015-13' }, 'start'],
      ['end before start', 'POST', '/api/projects', { name: 'X', start: '2020', end: '2019' }, 'end'],
      [
        'float money',
        'POST',
        '/api/projects',
        { name: 'X', totalBudget: { amountMinor: 1.5, currency: 'SEK' } },
        'totalBudget.amountMinor',
      ],
      [
        'bad currency',
        'POST',
        '/api/projects',
        { name: 'X', totalBudget: { amountMinor: 1, currency: 'kr' } },
        'totalBudget.currency',
      ],
      [
        'unknown programme',
        'POST',
        '/api/projects',
        { name: 'X', programme: 'Interstellar Fund' },
        'programme',
      ],
      ['empty patch', 'PATCH', '/api/projects/1', {}, undefined],
      ['bad role', 'POST', '/api/projects/1/participations', { organisationId: 1, role: 'boss' }, 'role'],
      [
        'payment year',
        'POST',
        '/api/projects/1/participations',
        {
          organisationId: 1,
          role: 'lead',
          payments: [{ year: 1800, amount: { amountMinor: 1, currency: 'SEK' } }],
        },
        'payments[0].year',
      ],
      ['bad country', 'POST', '/api/organisations', { name: 'X', country: 'Sweden' }, 'country'],
      ['bad orgNumber', 'POST', '/api/organisations', { name: 'X', orgNumber: '123' }, 'orgNumber'],
      ['non-numeric id', 'GET', '/api/projects/abc', undefined, 'id'],
      ['zero id', 'GET', '/api/projects/0', undefined, 'id'],
      ['huge id', 'GET', '/api/projects/99999999999999999999', undefined, 'id'],
      ['negative limit', 'GET', '/api/projects?limit=-1', undefined, 'limit'],
      ['limit too large', 'GET', '/api/projects?limit=100000', undefined, 'limit'],
      ['bad status filter', 'GET', '/api/projects?status=done', undefined, 'status'],
      ['unknown tenant', 'GET', '/api/projects?tenant=abc', undefined, 'tenant'],
      ['long query', 'GET', `/api/projects?q=${'x'.repeat(300)}`, undefined, 'q'],
    ]
    for (const [name, method, url, payload, field] of badInput) {
      it(`rejects bad input with a 4xx naming the field: ${name}`, async () => {
        const { status, body } = await call(method, url, payload)
        assert.equal(status, 400, JSON.stringify(body))
        assert.equal(body.code, 'VALIDATION')
        assert.equal(body.field, field)
        if (field) {
          assert.ok(String(body.message).includes(field.split(/[.[]/)[0] ?? field), String(body.message))
        }
      })
    }

    it('survives hostile requests and stays healthy', async () => {
      const raw = async (
        method: 'GET' | 'POST',
        url: string,
        payload?: string | Buffer,
        contentType?: string,
      ) => {
        const res = await app.inject({
          method,
          url,
          ...(payload === undefined ? {} : { payload }),
          headers: { ...auth, ...(contentType ? { 'content-type': contentType } : {}) },
        })
        return res
      }
      const cases: ReadonlyArray<[string, () => Promise<{ statusCode: number; body: string }>, number]> = [
        ['garbage JSON', () => raw('POST', '/api/projects', '{"name": ', 'application/json'), 400],
        ['JSON array body', () => raw('POST', '/api/projects', '[1,2]', 'application/json'), 400],
        ['JSON null body', () => raw('POST', '/api/projects', 'null', 'application/json'), 400],
        [
          '__proto__ key',
          () => raw('POST', '/api/projects', '{"name":"x","__proto__":{"admin":true}}', 'application/json'),
          400,
        ],
        ['text body', () => raw('POST', '/api/projects', 'name=x', 'text/plain'), 400],
        ['form body', () => raw('POST', '/api/projects', 'name=x', 'application/x-www-form-urlencoded'), 415],
        [
          'body over the limit',
          () =>
            raw(
              'POST',
              '/api/projects',
              JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) }),
              'application/json',
            ),
          413,
        ],
        [
          'invalid UTF-8 body',
          () =>
            raw(
              'POST',
              '/api/projects',
              Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
              'application/json',
            ),
          201,
        ],
        ['bad UTF-8 in the query', () => raw('GET', '/api/projects?q=%E0%A4%A&status=%FF'), 400],
        ['bad percent-escape in the path', () => raw('GET', '/api/projects/%E0%A4%A'), 400],
        [
          'deep nesting',
          () =>
            raw('POST', '/api/projects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, 'application/json'),
          400,
        ],
        [
          'NUL in a name',
          () => raw('POST', '/api/projects', JSON.stringify({ name: 'a\u0000b' }), 'application/json'),
          400,
        ],
        [
          'NUL in a nested field',
          () =>
            raw(
              'POST',
              '/api/organisations',
              JSON.stringify({ name: 'x', aliases: ['ok', 'a\u0000'] }),
              'application/json',
            ),
          400,
        ],
        ['NUL in the query', () => raw('GET', '/api/projects?q=a%00b'), 400],
      ]
      for (const [name, send, want] of cases) {
        const res = await send()
        assert.equal(res.statusCode, want, `${name}: ${res.body.slice(0, 200)}`)
        assert.doesNotMatch(res.body, /at .*\.(ts|js):\d+/, `${name}: no stack trace`)
      }
      // A long name that fits the body limit is stored and read back intact.
      const long = 'Å'.repeat(100_000)
      const created = await call('POST', '/api/projects', { name: long })
      assert.equal(created.status, 201)
      assert.equal((await call('GET', `/api/projects/${created.body.id}`)).body.name, long)
      assert.equal((await call('GET', '/healthz')).status, 200)
    })

    it('serves a valid OpenAPI document generated from the route schemas', async () => {
      const { status, body } = await call('GET', '/api/openapi.json')
      assert.equal(status, 200)
      assert.match(String(body.openapi), /^3\.0\./)
      const paths = body.paths as Record<string, Record<string, Json>>
      const expected: Record<string, string[]> = {
        '/healthz': ['get'],
        '/api/projects': ['get', 'post'],
        '/api/projects/{id}': ['get', 'patch', 'delete'],
        '/api/projects/{projectId}/participations': ['get', 'post'],
        '/api/projects/{projectId}/participations/{id}': ['get', 'patch', 'delete'],
        '/api/organisations': ['get', 'post'],
        '/api/organisations/{id}': ['get', 'patch', 'delete'],
        '/api/me': ['get'],
        '/api/users': ['get', 'post'],
        '/api/users/{id}': ['patch'],
        '/api/tokens': ['get', 'post'],
        '/api/tokens/{id}': ['delete'],
        '/api/audit': ['get'],
        '/katalog/export.csv': ['get'],
        '/katalog/export.xlsx': ['get'],
        '/katalog/export.json': ['get'],
        '/katalog/dcat.rdf': ['get'],
        '/katalog/dcat.jsonld': ['get'],
      }
      // Every route listed here is documented (other capabilities add their own routes beside them).
      for (const [path, methods] of Object.entries(expected)) {
        assert.ok(paths[path], `${path} is documented`)
        for (const method of methods) {
          assert.ok(paths[path]?.[method], `${method} ${path} is documented`)
        }
      }
      // Every documented operation states a success response.
      for (const [path, operations] of Object.entries(paths)) {
        for (const [method, op] of Object.entries(operations)) {
          const responses = (op as { responses?: Json }).responses ?? {}
          assert.ok(
            Object.keys(responses).some((c) => /^[23]/.test(c)),
            `${method} ${path}: a success response`,
          )
        }
      }
      for (const [path, methods] of Object.entries(expected)) {
        for (const method of methods) {
          const op = paths[path]?.[method] as { responses?: Json; requestBody?: Json; parameters?: Json[] }
          assert.ok(
            op.responses && Object.keys(op.responses).some((c) => c.startsWith('2')),
            `${method} ${path}: a 2xx response`,
          )
          if (method === 'post' || method === 'patch') {
            assert.ok(op.requestBody, `${method} ${path}: a request body schema`)
          }
          for (const param of path.match(/\{(\w+)\}/g) ?? []) {
            const name = param.slice(1, -1)
            assert.ok(
              op.parameters?.some((p) => p.name === name && p.in === 'path'),
              `${method} ${path}: ${name}`,
            )
          }
        }
      }
      // Every $ref points somewhere that exists.
      const text = JSON.stringify(body)
      for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
        assert.ok((body.components as { schemas?: Json })?.schemas?.[ref ?? ''], `dangling $ref ${ref}`)
      }
    })

    it('renders the home page in Swedish, accessible and escaped', async () => {
      await call('POST', '/api/projects', { name: '<script>alert(1)</script> & co' })
      const res = await app.inject({ method: 'GET', url: '/', headers: auth })
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /text\/html/)
      assert.match(res.body, /<html lang="sv">/)
      assert.equal(res.body.match(/<main\b/g)?.length, 1)
      assert.match(res.body, /<a class="skip-link" href="#main">/)
      assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'))
      assert.ok(!res.body.includes('<script>alert(1)'))
      assert.ok(res.body.includes('Green Region with Alternative fuels for Transport'))
    })

    it('answers unknown pages with a Swedish HTML error page', async () => {
      const res = await app.inject({ method: 'GET', url: '/finns-inte?x=<b>' })
      assert.equal(res.statusCode, 404)
      assert.match(String(res.headers['content-type']), /text\/html/)
      assert.match(res.body, /Sidan hittades inte/)
      assert.equal(res.body.match(/<main\b/g)?.length, 1)
    })
  })

  describe(`${dialect}: web app over a demo portfolio and a broken database`, () => {
    it('shows the demo portfolio marked as demo', async (t) => {
      const db = await createTestDb(dialect)
      const app = await build(db, dialect)
      t.after(async () => {
        await app.close()
        await db.destroy()
      })
      const outcome = await loadDemoPortfolio(db)
      assert.equal(outcome.status, 'loaded')
      assert.equal((await loadDemoPortfolio(db)).status, 'skipped', 'never into a registry with data')
      const [demoTenant] = (await listTenants(db)).filter((o) => o.name.startsWith('[Demo]'))
      assert.ok(demoTenant)
      const auth = (await callerWithRole(db, demoTenant.id, 'viewer')).bearer
      const page = await app.inject({ method: 'GET', url: '/', headers: auth })
      assert.match(page.body, /class="demo"/)
      assert.match(page.body, /påhittade exempel/)
      const list = (await app.inject({ method: 'GET', url: '/api/projects', headers: auth })).json() as {
        items: Json[]
      }
      assert.ok(list.items.length > 0)
      assert.ok(list.items.every((p) => String(p.name).startsWith('[Demo] ')))
      // Anyone sees the published demo projects in the catalogue; the draft stays with the tenant.
      const catalogue = await app.inject({ method: 'GET', url: '/katalog' })
      assert.equal(catalogue.statusCode, 200)
      assert.match(catalogue.body, /\[Demo\] Blå kust/)
      assert.doesNotMatch(catalogue.body, /Hamnstaden för alla/)
      const orgs = (await app.inject({ method: 'GET', url: '/api/organisations', headers: auth })).json() as {
        items: Json[]
      }
      assert.ok(
        orgs.items.every((o) => String(o.name).startsWith('[Demo] ') || o.name === 'Bootstrap kommun'),
      )
    })

    it('hides 5xx details and reports an unhealthy database', async () => {
      // A closed SQLite handle, or a PostgreSQL server that is not there.
      const db =
        dialect === 'sqlite'
          ? await createTestDb(dialect)
          : createDb({ dialect: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }, { poolSize: 1 })
      const app = await build(db, dialect)
      await db.destroy()
      try {
        // Credentials make the app look them up, in the database that is gone.
        const auth = { authorization: 'Bearer pat_unreachable' }
        const api = await app.inject({ method: 'GET', url: '/api/organisations', headers: auth })
        assert.equal(api.statusCode, 500)
        assert.deepEqual(api.json(), { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' })
        const page = await app.inject({ method: 'GET', url: '/', headers: { cookie: 'pa_session=gone' } })
        assert.equal(page.statusCode, 500)
        assert.match(page.body, /Något gick fel/)
        assert.doesNotMatch(page.body, /destroyed|closed|Error:/i)
        const health = await app.inject({ method: 'GET', url: '/healthz' })
        assert.equal(health.statusCode, 503)
      } finally {
        await app.close()
      }
    })
  })
}
