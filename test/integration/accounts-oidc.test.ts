import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { createServer } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Browser } from 'playwright-core'
import { addUser, setUserDisabled } from '../../src/accounts/user.service.js'
import type { Database } from '../../src/db/database.js'
import type { App } from '../../src/web/app.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildTestApp } from './security-fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const CLIENT = { id: 'projektatlas', secret: 'a-long-client-secret-for-the-test-only' }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

// One engine is enough here: the flow is HTTP and cookies; the account lookups run in accounts.test.ts.
const dialect = DIALECTS[0] ?? 'sqlite'

describe(`${dialect}: OpenID Connect sign-in against a local provider`, {
  skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium',
}, () => {
  let db: Kysely<Database>
  let app: App
  let provider: Server
  let browser: Browser
  let base: string

  before(async () => {
    db = await createTestDb(dialect)
    const { tenant } = await buildTenant(db, { name: 'OIDC kommun' })
    await addUser(
      db,
      { tenantId: null, actor: 'test' },
      { email: 'greta@example.se', tenantId: tenant.id, role: 'editor' },
    )
    await addUser(
      db,
      { tenantId: null, actor: 'test' },
      { email: 'avstangd@example.se', tenantId: tenant.id, role: 'editor' },
    )
    const disabled = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'avstangd@example.se')
      .executeTakeFirstOrThrow()
    await setUserDisabled(db, { tenantId: null, actor: 'test' }, disabled.id, true)

    const [appPort, idpPort] = [await freePort(), await freePort()]
    base = `http://127.0.0.1:${appPort}`
    const issuer = `http://127.0.0.1:${idpPort}`
    const { default: Provider } = await import('oidc-provider')
    const oidc = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${base}/login/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // The test's accounts: the login typed on the provider's page is the e-mail it vouches for.
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, email: sub, email_verified: true }),
      }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: true } },
    })
    await new Promise<void>((resolve) => {
      provider = oidc.listen(idpPort, '127.0.0.1', () => resolve())
    })
    app = await buildTestApp(db, dialect, {
      cookieSecure: false,
      publicUrl: base,
      oidc: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret },
    })
    await app.listen({ port: appPort, host: '127.0.0.1' })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  })
  after(async () => {
    await browser?.close()
    await app?.close()
    await new Promise((resolve) => provider?.close(resolve))
    provider?.closeAllConnections?.()
    await db.destroy()
  })

  /** Walks the provider's own login and consent pages as a person would. */
  async function signInThroughProvider(login: string) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await page.click('a[href^="/login/oidc"]')
    await page.fill('input[name="login"]', login)
    await page.fill('input[name="password"]', 'anything')
    await page.click('button[type="submit"]')
    // Consent screen (first authorisation of this client).
    if (await page.locator('button[type="submit"]').count()) {
      await page.click('button[type="submit"]')
    }
    await page.waitForLoadState('load')
    const me = await context.request.get(`${base}/api/me`)
    const result = {
      url: page.url(),
      body: await page.content(),
      me: me.status() === 200 ? ((await me.json()) as { email: string; via: string }) : null,
    }
    await context.close()
    return result
  }

  it('signs a known user in with the provider-verified e-mail and links the identity', async () => {
    const { me } = await signInThroughProvider('greta@example.se')
    assert.deepEqual(me && { email: me.email, via: me.via }, { email: 'greta@example.se', via: 'session' })
    const linked = await db
      .selectFrom('app_user')
      .select(['oidc_subject', 'oidc_issuer'])
      .where('email', '=', 'greta@example.se')
      .executeTakeFirstOrThrow()
    assert.equal(linked.oidc_subject, 'greta@example.se')
    assert.match(String(linked.oidc_issuer), /^http:\/\/127\.0\.0\.1:/)
  })

  it('refuses identities without an account, and disabled accounts', async () => {
    for (const login of ['stranger@example.se', 'avstangd@example.se']) {
      const { me, body } = await signInThroughProvider(login)
      assert.equal(me, null, login)
      assert.match(body, /Inget konto/)
    }
  })

  it('refuses a callback that does not match the sign-in it started (state)', async () => {
    const res = await app.inject({ method: 'GET', url: '/login/oidc/callback?code=forged&state=forged' })
    assert.equal(res.statusCode, 400)
  })
})
