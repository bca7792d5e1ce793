import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { prepareDatabase } from '../../src/db/open-database.js'
import type { App } from '../../src/web/app.js'
import { buildRoundPortfolio } from '../integration/report-fixture.js'
import { buildTestApp, callerWithRole } from '../integration/security-fixtures.js'
import { buildTenant } from '../support/factories.js'

// A whole reporting round in Chromium: the coordinator opens it, two units' editors fill in and
// submit, one unit is returned with a comment and resubmits, the coordinator approves both and
// downloads the report as DOCX and PDF, which are read back (mammoth, pdfjs) for the figures.

const CHROMIUM = '/usr/bin/chromium'
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent`
if (skip) {
  console.log(`# skipping the report round browser test: ${skip}`)
}

const flat = (s: string) => s.replace(/\s+/g, ' ')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** WCAG 2.1 AA violations axe-core finds on the page (rule id and first targets). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG)} } })
    .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`)
}

describe('reporting round in Chromium', { skip }, () => {
  let dir: string
  let db: Kysely<Database>
  let app: App
  let browser: Browser
  let base: string
  let coordinator: BrowserContext
  let editor: BrowserContext
  let units: { id: number; name: string }[]

  async function signedIn(secretCookie: string): Promise<BrowserContext> {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' })
    const [name, value] = secretCookie.split('=')
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: base }])
    return context
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projektatlas-round-'))
    db = createDb({ dialect: 'sqlite', file: join(dir, 'registry.db') })
    assert.equal((await prepareDatabase(db, 'sqlite')).error, undefined)
    const { tenant, scope } = await buildTenant(db, { name: 'Rundstad' })
    ;({ units } = await buildRoundPortfolio(db, scope))
    app = await buildTestApp(db, 'sqlite', { cookieSecure: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    coordinator = await signedIn((await callerWithRole(db, tenant.id, 'coordinator')).cookie)
    editor = await signedIn((await callerWithRole(db, tenant.id, 'editor')).cookie)
  })

  after(async () => {
    await coordinator?.close()
    await editor?.close()
    await browser?.close()
    await app?.close()
    await db?.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  async function fillUnit(page: Page, unitId: number, amounts: readonly string[]): Promise<void> {
    await page.goto(`${base}/rapport/2025/enhet/${unitId}`)
    await page.getByLabel('Redogör kortfattat').fill('Vi deltog i Eurocities och tog emot två studiebesök.')
    await page.getByLabel('Beskriv kortfattat').fill('Nya arbetssätt för klimatanpassning.')
    const paid = page.getByLabel('Utbetalt 2025 (kr)')
    assert.equal(await paid.count(), amounts.length)
    for (const [i, amount] of amounts.entries()) {
      await paid.nth(i).fill(amount)
    }
    await page.getByRole('button', { name: 'Skicka in' }).click()
    await page.waitForURL(`**/rapport/2025/enhet/${unitId}`)
  }

  it('walks the round from opening to the downloaded report', async () => {
    const [miljo, kultur] = units
    assert.ok(miljo && kultur)
    const c = await coordinator.newPage()
    await c.goto(`${base}/rapport`)
    assert.deepEqual(await axe(c), [], 'rounds page')
    await c.getByLabel('År').fill('2025')
    await c.getByRole('button', { name: 'Öppna omgången' }).click()
    await c.waitForURL('**/rapport/2025')
    assert.equal(await c.locator('td[data-status="not_started"]').count(), 2)
    const remind = await c.getByRole('link', { name: 'Påminn Miljönämnden (e-post)' }).getAttribute('href')
    assert.match(remind ?? '', /^mailto:user\d+-editor@example\.se\?subject=/)

    const e = await editor.newPage()
    await fillUnit(e, miljo.id, ['150 000', '20 000'])
    assert.equal(await e.locator('strong[data-status="submitted"]').count(), 1)
    await fillUnit(e, kultur.id, ['30 000', '40 000'])

    await c.reload()
    assert.equal(await c.locator('td[data-status="submitted"]').count(), 2)
    assert.deepEqual(await axe(c), [], 'round overview')
    await c.getByLabel('Kommentar vid återsändning').nth(0).fill('Kontrollera beloppet för Gröna skolgårdar')
    await c.getByRole('button', { name: 'Skicka tillbaka Kulturnämnden' }).click()
    await c.waitForURL('**/rapport/2025')
    assert.equal(await c.locator('td[data-status="returned"]').count(), 1)

    await e.goto(`${base}/rapport/2025/enhet/${kultur.id}`)
    assert.match((await e.locator('main').textContent()) ?? '', /Kontrollera beloppet för Gröna skolgårdar/)
    assert.deepEqual(await axe(e), [], 'unit form')
    await fillUnit(e, kultur.id, ['35 000', '40 000'])

    await c.reload()
    await c.getByRole('button', { name: 'Godkänn Kulturnämnden' }).click()
    await c.waitForURL('**/rapport/2025')
    await c.getByRole('button', { name: 'Godkänn Miljönämnden' }).click()
    await c.waitForURL('**/rapport/2025')
    assert.equal(await c.locator('td[data-status="approved"]').count(), 2)

    await c.getByRole('link', { name: 'Visa redovisningen och ladda ner' }).click()
    await c.waitForURL('**/rapport/2025/redovisning')
    const total = '245 000 kr'
    assert.ok(flat((await c.locator('main').textContent()) ?? '').includes(total))
    assert.deepEqual(await axe(c), [], 'report view')

    const [docx] = await Promise.all([
      c.waitForEvent('download'),
      c.getByRole('link', { name: /DOCX/ }).click(),
    ])
    const docxBytes = await readFile((await docx.path()) ?? '')
    const mammoth = await import('mammoth')
    const docText = flat((await mammoth.extractRawText({ buffer: docxBytes })).value)
    assert.ok(docText.includes(total), 'DOCX has the total paid out')
    assert.ok(docText.includes('Vi deltog i Eurocities'), 'DOCX has part 1')

    const [pdf] = await Promise.all([
      c.waitForEvent('download'),
      c.getByRole('link', { name: /PDF/ }).click(),
    ])
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile((await pdf.path()) ?? '')) })
      .promise
    let text = ''
    for (let i = 1; i <= doc.numPages; i++) {
      text += (await (await doc.getPage(i)).getTextContent()).items
        .map((x) => ('str' in x ? x.str : ''))
        .join(' ')
    }
    await doc.destroy()
    assert.ok(flat(text).includes(total), 'PDF has the total paid out')
    assert.ok(flat(text).includes('Kulturnämnden'))
  })
})
