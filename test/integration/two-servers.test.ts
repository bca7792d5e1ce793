import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { addUser } from '../../src/accounts/user.service.js'
import { createDb } from '../../src/db/create-db.js'
import { buildTenant } from '../support/factories.js'
import { findPgBin } from '../support/pg-cluster.mjs'
import { startServe } from '../support/serve-process.js'
import { createTestDbConfig, DIALECTS } from './dialects.js'

// The shared deployment of docs/deployment.md: two `projektatlas serve` processes against one
// PostgreSQL. Whatever one server writes (a project, a session) the other must see at once, so a
// load balancer may send any request to any server.

const PASSWORD = 'two servers, one database'
const SECRET = 'a-shared-cookie-signing-secret-of-32+chars'

/** Starts `./bin/projektatlas serve` against `databaseUrl` with the shared cookie secret. */
function serve(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  return startServe({ DATABASE_URL: databaseUrl, PROJEKTATLAS_SESSION_SECRET: SECRET })
}

function cookie(res: Response, name: string): string | undefined {
  for (const c of res.headers.getSetCookie()) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c)
    if (m) {
      return `${name}=${m[1]}`
    }
  }
  return undefined
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1]

const skip = !DIALECTS.includes('postgres')
  ? 'DIALECTS leaves PostgreSQL out'
  : findPgBin() === undefined && !process.env.PROJEKTATLAS_TEST_PG_URL
    ? 'no PostgreSQL server binaries on this machine'
    : undefined
if (skip) {
  process.stdout.write(`# two-servers: skipped (${skip})\n`)
}

describe('two servers, one PostgreSQL', { skip, timeout: 60_000 }, () => {
  const servers: ChildProcess[] = []
  let a = ''
  let b = ''
  const email = 'redaktor@example.org'

  before(async () => {
    const config = await createTestDbConfig('postgres')
    assert.equal(config.dialect, 'postgres')
    const db = createDb(config, { poolSize: 1 })
    try {
      const { tenant } = await buildTenant(db)
      await addUser(
        db,
        { tenantId: null, actor: 'test' },
        { email, password: PASSWORD, tenantId: tenant.id, role: 'editor' },
      )
    } finally {
      await db.destroy()
    }
    const url = config.dialect === 'postgres' ? config.url : ''
    // Both start at once: each migrates on start (a no-op here), so this also runs that race.
    const [sa, sb] = await Promise.all([serve(url), serve(url)])
    servers.push(sa.child, sb.child)
    a = sa.url
    b = sb.url
  })

  after(() => {
    for (const s of servers) {
      s.kill('SIGTERM')
    }
  })

  it('a session made through one server works on the other, and writes through either are read through both', async () => {
    // Sign in through A, as a browser does.
    const form = await fetch(`${a}/login`)
    const preCookie = cookie(form, 'pa_csrf')
    const preToken = csrfOf(await form.text())
    assert.ok(preCookie && preToken, 'the login form carries a CSRF token')
    const login = await fetch(`${a}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: preCookie },
      body: new URLSearchParams({ _csrf: preToken, email, password: PASSWORD, next: '/' }).toString(),
    })
    assert.equal(login.status, 303, `sign-in through A answered ${login.status}`)
    const session = cookie(login, 'pa_session')
    assert.ok(session, 'A set a session cookie')

    // The session is valid on B: B renders a signed-in page with the session's CSRF token.
    const logoutPage = await fetch(`${b}/logout`, { headers: { cookie: session } })
    assert.equal(logoutPage.status, 200, 'B knows the session A created')
    const token = csrfOf(await logoutPage.text())
    assert.ok(token, 'B shows the session CSRF token')

    // Write through A with the token B showed; read it through B (record and tenant search).
    const created = await fetch(`${a}/api/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session, 'x-csrf-token': token },
      body: JSON.stringify({ name: 'Tvåservrarsprojektet' }),
    })
    assert.equal(created.status, 201, await created.clone().text())
    const { id } = (await created.json()) as { id: number }
    const readB = await fetch(`${b}/api/projects/${id}`, { headers: { cookie: session } })
    assert.equal(readB.status, 200)
    assert.equal(((await readB.json()) as { name: string }).name, 'Tvåservrarsprojektet')
    const searchB = await fetch(`${b}/api/projects?q=tvåservrarsprojektet`, { headers: { cookie: session } })
    assert.equal(searchB.status, 200)
    const found = (await searchB.json()) as { items: Array<{ name: string }> }
    assert.deepEqual(
      found.items.map((p) => p.name),
      ['Tvåservrarsprojektet'],
      'B’s search index sees A’s write at once',
    )

    // And the other way: change it through B, read through A.
    const patched = await fetch(`${b}/api/projects/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: session, 'x-csrf-token': token },
      body: JSON.stringify({ name: 'Tvåservrarsprojektet, ändrat' }),
    })
    assert.equal(patched.status, 200, await patched.clone().text())
    const readA = await fetch(`${a}/api/projects/${id}`, { headers: { cookie: session } })
    assert.equal(((await readA.json()) as { name: string }).name, 'Tvåservrarsprojektet, ändrat')

    // Signing out through B ends the session on A too (sessions live in the database).
    const out = await fetch(`${b}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
      body: new URLSearchParams({ _csrf: token }).toString(),
    })
    assert.equal(out.status, 200)
    const afterOut = await fetch(`${a}/api/projects/${id}`, { headers: { cookie: session } })
    assert.equal(afterOut.status, 401, 'A no longer accepts the ended session')
  })
})
