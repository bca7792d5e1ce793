import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Browser } from 'playwright-core'
import { setPublished } from '../../src/accounts/publication.service.js'
import { addUser } from '../../src/accounts/user.service.js'
import type { Database } from '../../src/db/database.js'
import { extractRecords } from '../../src/import/extract-records.js'
import { importDocument } from '../../src/import/import-document.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import { listProjects, updateProject } from '../../src/registry/project.service.js'
import type { App } from '../../src/web/app.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createTestDb } from './dialects.js'
import { buildTestApp, type Caller, callerWithRole } from './security-fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const SEED = resolve(import.meta.dirname, '../../../shared/seeds/000_54173b202783afc2.txt')

// Each payload sets a flag or opens a dialog if it ever runs; the test fails on either.
const PAYLOADS = [
  '<script>window.__xss = "script"; alert("script")</script>',
  "<img src=x onerror=\"window.__xss = 'onerror'; alert('onerror')\">",
  "\"><svg onload=\"window.__xss = 'svg'; alert('svg')\">",
  "' onmouseover='window.__xss = 1' x='",
  'javascript:window.__xss="href";alert("href")',
  '</title><script>window.__xss = "title"</script>',
]

// Reflected through the URL: one payload per context (element body, attribute, URL).
const REFLECTED = [PAYLOADS[0], PAYLOADS[2], PAYLOADS[4]].filter((p): p is string => p !== undefined)

/** Pages are walked like this: every GET route outside /api, its params filled in. */
function htmlRoutes(app: App): string[] {
  return [
    ...new Set(
      app.routeTable
        .filter((r) => r.method === 'GET' && !r.url.startsWith('/api') && !r.url.startsWith('/healthz'))
        .filter((r) => !r.url.startsWith('/login/oidc'))
        // Downloads (CSV, XLSX, JSON-LD …) are not pages; their escaping is their own format's.
        .filter((r) => !/\.[a-z]+$/i.test(r.url) && !/\/(export|download)/.test(r.url))
        .map((r) => r.url),
    ),
  ]
}

describe('security: stored and reflected XSS render inert in Chromium', {
  skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium',
}, () => {
  let db: Kysely<Database>
  let app: App
  let browser: Browser
  let base: string
  let admin: Caller
  let projectIds: number[] = []
  let seedImported = false
  let tenantIdOf = 0

  before(async () => {
    db = await createTestDb('sqlite')
    // Plain-http test server: cookies without Secure so Chromium sends them to 127.0.0.1.
    app = await buildTestApp(db, 'sqlite', { cookieSecure: false })
    const { tenant, scope } = await buildTenant(db, { name: 'XSS kommun' })
    tenantIdOf = tenant.id
    admin = await callerWithRole(db, tenant.id, 'admin')
    const partner = await buildOrganisation(db, { name: `Partner ${PAYLOADS[1]}` })
    for (const [i, payload] of PAYLOADS.entries()) {
      const project = await buildProject(db, scope, {
        name: `Projekt ${i} ${payload}`,
        acronym: payload.slice(0, 40),
        summary: `Sammanfattning ${payload}`,
        website: payload.startsWith('javascript:') ? payload : `https://example.se/?q=${payload}`,
        areas: [payload],
      })
      await addParticipation(db, scope, project.id, {
        organisationId: partner.id,
        role: 'partner',
        theme: payload,
      })
      // An edit, so the history page shows before/after values carrying the payload too.
      await updateProject(db, scope, project.id, { summary: `Ändrad ${payload}` })
      projectIds.push(project.id)
    }
    // An imported document carrying the payloads: a real seed page with markup written into it.
    if (existsSync(SEED)) {
      const dir = await mkdtemp(join(tmpdir(), 'pa-xss-'))
      try {
        const text = (await readFile(SEED, 'utf8')).replace(/ELAINE/g, `ELAINE ${PAYLOADS[0]} ${PAYLOADS[1]}`)
        const file = join(dir, 'listing.txt')
        await writeFile(file, text)
        const [outcome] = await extractRecords([file], {
          config: { import: { maxFileBytes: 10 * 1024 * 1024 } },
        })
        if (outcome?.status === 'ok' && outcome.records.length > 0) {
          const { documentFromBytes } = await import('../../src/import/extract/read-document.js')
          const document = await documentFromBytes(new TextEncoder().encode(text), 'listing.txt')
          const imported = await importDocument(db, scope, { document, records: outcome.records })
          seedImported = imported.status !== 'rejected'
        }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    } else {
      console.log('# skipping the imported-document payloads: ../shared/seeds is absent')
    }
    projectIds = (await listProjects(db, scope, { limit: 500 })).map((p) => p.id)
    // Published, so the public catalogue's pages show the payloads too.
    for (const id of projectIds) {
      await setPublished(db, scope, id, true)
    }
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  })
  after(async () => {
    await browser?.close()
    await app.close()
    await db.destroy()
  })

  for (const csp of ['with', 'without'] as const) {
    it(`no payload runs on any page (${csp} the Content-Security-Policy)`, async () => {
      const context = await browser.newContext()
      const sessionValue = admin.cookie.split('=')[1] ?? ''
      await context.addCookies([{ name: 'pa_session', value: sessionValue, url: base }])
      if (csp === 'without') {
        // Escaping alone must make the payloads inert: take the browser's second line of defence away.
        await context.route('**/*', async (route) => {
          const response = await route.fetch()
          const headers = { ...response.headers() }
          delete headers['content-security-policy']
          await route.fulfill({ response, headers })
        })
      }
      const page = await context.newPage()
      const fired: string[] = []
      page.on('dialog', async (dialog) => {
        fired.push(`${page.url()}: dialog ${dialog.message()}`)
        await dialog.dismiss()
      })
      const urls: string[] = []
      for (const route of htmlRoutes(app)) {
        if (route.includes(':')) {
          for (const id of projectIds.slice(0, 4)) {
            urls.push(
              route.replace(/:(\w+)/g, (_m, name: string) =>
                name === 'token' ? 'x'.repeat(43) : String(id),
              ),
            )
          }
        } else {
          urls.push(route)
        }
      }
      // Reflected input: search boxes, the sign-in redirect target, unknown pages. Once is enough:
      // the CSP-less walk is the one that proves escaping.
      for (const payload of csp === 'without' ? REFLECTED : []) {
        const q = encodeURIComponent(payload)
        urls.push(`/?q=${q}`, `/login?next=${q}`, `/finns-inte/${q}?x=${q}`)
        for (const route of htmlRoutes(app).filter((r) => !r.includes(':'))) {
          urls.push(`${route}?q=${q}&query=${q}&search=${q}`)
        }
      }
      let sawPayloadText = 0
      for (const url of urls) {
        await page.goto(base + url, { waitUntil: 'load' })
        // A string, so this Node-typed file needs no DOM types; it runs in the page.
        const result = (await page.evaluate(`({
          flag: window.__xss ?? null,
          injected: document.querySelectorAll('[onerror], [onload], [onmouseover], [onclick], svg script, img[src="x"]').length,
          inlineScripts: [...document.scripts].filter((s) => !s.src && !/json/.test(s.type)).length,
          text: document.body ? document.body.innerText : '',
        })`)) as { flag: unknown; injected: number; inlineScripts: number; text: string }
        if (result.flag !== null) {
          fired.push(`${url}: ran (${String(result.flag)})`)
        }
        if (result.injected > 0 || result.inlineScripts > 0) {
          fired.push(`${url}: ${result.injected} injected elements, ${result.inlineScripts} inline scripts`)
        }
        if (result.text.includes('<script>') || result.text.includes('onerror=')) {
          sawPayloadText++
        }
        // javascript: links must not run when followed.
        for (const link of await page.locator('a[href^="javascript:" i]').all()) {
          await link.click({ timeout: 1000 }).catch(() => undefined)
          const flag = await page.evaluate('window.__xss ?? null')
          if (flag !== null) {
            fired.push(`${url}: javascript: link ran`)
          }
        }
      }
      await context.close()
      assert.deepEqual(fired, [])
      // The payloads were on the pages, shown as text: the walk looked at the right pages.
      assert.ok(sawPayloadText >= 3, `payload text seen on ${sawPayloadText} pages`)
    })
  }

  it('in a real browser: the sign-in form works, and a cross-site auto-submitting form does not sign anyone out', async () => {
    await addUser(
      db,
      { tenantId: null, actor: 'test' },
      { email: 'form@example.se', password: 'ett-långt-lösenord', tenantId: tenantIdOf, role: 'viewer' },
    )
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await page.fill('#email', 'form@example.se')
    await page.fill('#password', 'ett-långt-lösenord')
    await page.click('button[type="submit"]')
    await page.waitForLoadState('load')
    const me = await context.request.get(`${base}/api/me`)
    assert.equal(me.status(), 200, await page.content())
    // Another site's page posts a sign-out form to us as soon as it loads.
    await context.route('http://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form id="f" method="post" action="${base}/logout"><input name="_csrf" value="guess"></form><script>document.getElementById('f').submit()</script>`,
      }),
    )
    await page.goto('http://evil.example/')
    await page.waitForLoadState('load')
    assert.equal((await context.request.get(`${base}/api/me`)).status(), 200, 'still signed in')
    await context.close()
  })

  it('the imported document carried its payloads into the registry', (t) => {
    if (!seedImported) {
      t.skip('seed page not imported (absent or not read)')
    }
  })
})
