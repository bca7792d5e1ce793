import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { prepareDatabase } from '../../src/db/open-database.js'
import type { App } from '../../src/web/app.js'
import { importSeeds, SEEDS_SKIP } from '../integration/catalogue-fixture.js'
import { buildTestApp } from '../integration/security-fixtures.js'

// A newcomer's path through the public catalogue in Debian's Chromium, axe-core on every page type,
// keyboard-only reach, screenshots for docs/screenshots/, and hostile input in search and filters.

const CHROMIUM = '/usr/bin/chromium'
const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is absent` : SEEDS_SKIP
if (skip) {
  console.log(`# skipping catalogue browser tests: ${skip}`)
}

interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: string[]
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE)
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG)} } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)
}

describe('catalogue in Chromium', { skip }, () => {
  let dir: string
  let db: Kysely<Database>
  let app: App
  let browser: Browser
  let context: BrowserContext
  let base: string
  let projectId: number
  let organisationId: number

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projektatlas-browser-'))
    db = createDb({ dialect: 'sqlite', file: join(dir, 'registry.db') })
    const outcome = await prepareDatabase(db, 'sqlite')
    assert.equal(outcome.error, undefined)
    await importSeeds(db)
    app = await buildTestApp(db, 'sqlite', { cookieSecure: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    // CSP stays on: axe is evaluated through the DevTools protocol, not as an inline script.
    context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' })
    const withPartner = await db
      .selectFrom('participation as p')
      .innerJoin('project as j', 'j.id', 'p.project_id')
      .select(['p.project_id', 'p.organisation_id'])
      .where('p.organisation_id', '!=', (eb) => eb.ref('j.tenant_id'))
      .orderBy('p.project_id')
      .executeTakeFirstOrThrow()
    projectId = withPartner.project_id
    // The organisation page shown is the busiest one (a tenant with many projects).
    const busiest = await db
      .selectFrom('participation')
      .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('organisation_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow()
    organisationId = busiest.organisation_id
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await app?.close()
    await db?.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  const pages = () =>
    [
      ['catalogue', '/katalog'],
      ['search', '/katalog?q=migration&sort=name'],
      ['project', `/katalog/projekt/${projectId}`],
      ['organisation', `/katalog/organisation/${organisationId}`],
      ['statistics', '/katalog/statistik'],
      ['open-data', '/katalog/oppna-data'],
      ['accessibility', '/tillganglighet'],
      ['project-en', `/katalog/projekt/${projectId}?lang=en`],
    ] as const

  it('has no axe-core violations (WCAG 2.1 A/AA) on any page type, and saves screenshots', async () => {
    const page = await context.newPage()
    const problems: string[] = []
    for (const [name, path] of pages()) {
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport)
        const response = await page.goto(base + path)
        assert.equal(response?.status(), 200, path)
        await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: size === 'desktop' })
      }
      for (const v of await axe(page)) {
        problems.push(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`)
      }
    }
    await page.close()
    assert.deepEqual(problems, [])
  })

  it("walks a newcomer's path: search, filter, open, switch language, download CSV and XLSX", async () => {
    const page = await context.newPage()
    await page.goto(`${base}/katalog`)
    await page.getByLabel('Sökord').fill('migration')
    await page.getByLabel('Sökord').press('Enter')
    await page.waitForURL(/q=migration/)
    const found = await page.locator('.result').count()
    assert.ok(found > 0, 'results for "migration"')
    // Filter by the first partner country offered.
    const country = page
      .locator('fieldset.facet', { hasText: 'Partnerland' })
      .locator('input[type=checkbox]')
      .first()
    const value = await country.getAttribute('value')
    await country.check()
    await page.getByRole('button', { name: 'Visa träffar' }).click()
    await page.waitForURL(new RegExp(`country=${value}`))
    assert.ok((await page.locator('.result').count()) > 0)
    assert.ok((await page.locator('.result').count()) <= found)
    // Open the first result.
    const first = page.locator('.result h3 a').first()
    const title = (await first.innerText()).trim()
    await first.click()
    await page.waitForURL(/\/katalog\/projekt\/\d+/)
    assert.ok((await page.locator('h1').innerText()).length > 0)
    assert.ok(title.startsWith((await page.locator('h1').innerText()).slice(0, 10)))
    // Switch language: the same page in English.
    await page.getByRole('link', { name: 'In English' }).click()
    await page.waitForURL(/lang=en/)
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    assert.ok(await page.getByRole('heading', { name: 'About the project' }).isVisible())
    // Back to the search, and download what it found.
    await page.goto(`${base}/katalog?q=migration&country=${value}`)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ])
    const csvText = await readFile((await csv.path()) ?? '', 'utf8')
    assert.ok(csvText.startsWith('\uFEFFProject ID,Project name'), 'BOM and header')
    const csvRows = csvText.trim().split('\r\n').length - 1
    assert.ok(csvRows > 0)
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await xlsx.path()) ?? '')
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Projects', 'Partners'],
    )
    assert.equal(wb.getWorksheet('Projects')?.getRow(1).getCell(2).value, 'Project name')
    assert.equal((wb.getWorksheet('Projects')?.rowCount ?? 0) - 1, csvRows, 'the same projects as the CSV')
    assert.ok((wb.getWorksheet('Partners')?.rowCount ?? 0) > 1)
    await page.close()
  })

  it('lets the keyboard alone reach every control', async () => {
    const page = await context.newPage()
    for (const path of ['/katalog?q=projekt', `/katalog/projekt/${projectId}`, '/katalog/statistik']) {
      await page.goto(base + path)
      const controls = await page.evaluate<number>(
        // Controls inside a closed disclosure are reached by opening it (its summary is counted).
        `[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, [tabindex="0"]')]
          .filter((e) => e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })).length`,
      )
      const reached = new Set<string>()
      for (let i = 0; i < controls + 5; i++) {
        await page.keyboard.press('Tab')
        const id = await page.evaluate<string>(`(() => {
          const e = document.activeElement
          if (!e || e === document.body) return ''
          const all = [...document.querySelectorAll('*')]
          return e.tagName + '#' + all.indexOf(e)
        })()`)
        if (id) {
          reached.add(id)
        }
      }
      assert.equal(reached.size, controls, `${path}: every control takes focus`)
      // Focus is visible: the focused control draws an outline.
      const outline = await page.evaluate<string>(`getComputedStyle(document.activeElement).outlineStyle`)
      assert.notEqual(outline, 'none', `${path}: visible focus`)
    }
    await page.close()
  })

  it('answers hostile input in search and filters with a normal page or a 4xx, never running it', async () => {
    const page = await context.newPage()
    let dialogs = 0
    page.on('dialog', async (d) => {
      dialogs++
      await d.dismiss()
    })
    const payloads = [
      '<script>window.__pwned = 1; alert(1)</script>',
      '"><img src=x onerror="window.__pwned = 2">',
      "' OR 1=1; DROP TABLE project; --",
      'x'.repeat(10_000),
      'NEAR("a" "b") OR * AND "',
    ]
    const urls = [
      ...payloads.flatMap((p) => [
        `/katalog?q=${encodeURIComponent(p)}`,
        `/katalog?country=${encodeURIComponent(p)}&programme=${encodeURIComponent(p)}`,
        `/katalog/export.csv?q=${encodeURIComponent(p)}`,
      ]),
      '/katalog?q=%ED%A0%80',
      '/katalog?q=%FF%FE',
      '/katalog?q=%E0%A4%A',
      '/katalog?page=-1',
      '/katalog?sort=drop',
      '/katalog/projekt/0',
      '/katalog/projekt/abc',
    ]
    for (const url of urls) {
      const res = await page.request.get(base + url)
      assert.ok(res.status() < 500, `${url.slice(0, 80)}: ${res.status()}`)
      if (!url.includes('export')) {
        await page.goto(base + url)
      }
      assert.equal(await page.evaluate('window.__pwned === undefined'), true, url.slice(0, 80))
    }
    assert.equal(dialogs, 0)
    await page.close()
  })
})
