import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { sampleInput } from '../model/fixture.js'
import { buildReportModel } from '../model/report-model.js'
import { formatMoney } from './format.js'
import { renderReport } from './index.js'
import { DEFAULT_CHROMIUM } from './pdf.js'

const model = buildReportModel(sampleInput(14))
const paidTotal = formatMoney(model.paidTotal)
const flat = (s: string) => s.replace(/\s+/g, ' ')

describe('report renderers', () => {
  it('HTML: Swedish document with title, headings, tables with header cells', async () => {
    const r = await renderReport(model, 'html')
    const text = r.body.toString('utf8')
    assert.match(text, /^<!doctype html>\n<html lang="sv">/)
    assert.match(text, /<title>Internationell redovisning 2025 – Exempelstad<\/title>/)
    assert.match(text, /<th scope="col">Nämnd<\/th>/)
    assert.match(text, /@page/)
    assert.ok(text.includes(paidTotal))
  })

  it('JSON: exactly the documented keys', async () => {
    const json = JSON.parse((await renderReport(model, 'json')).body.toString('utf8')) as Record<
      string,
      unknown
    >
    assert.deepEqual(Object.keys(json), [
      'organisation',
      'year',
      'projects',
      'units',
      'paidTotal',
      'byProgrammeFamily',
      'byGoal',
      'reconciliation',
    ])
  })

  it('DOCX: opens in mammoth with headings and the figures', async () => {
    const r = await renderReport(model, 'docx')
    const mammoth = await import('mammoth')
    const { value } = await mammoth.convertToHtml({ buffer: r.body })
    assert.match(value, /<h1>Sammanfattning<\/h1>/)
    assert.ok(flat(value).includes(flat(paidTotal)))
    assert.match(value, /<table>/)
  })

  it('PDF: tagged, Swedish, titled, with headings and table structure', {
    skip: !existsSync(DEFAULT_CHROMIUM) && `${DEFAULT_CHROMIUM} is absent`,
  }, async () => {
    const r = await renderReport(model, 'pdf')
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: new Uint8Array(r.body) }).promise
    const meta = (await doc.getMetadata()).info as { Title?: string; Language?: string }
    assert.equal(meta.Title, 'Internationell redovisning 2025 – Exempelstad')
    assert.equal(meta.Language, 'sv')
    assert.equal((await doc.getMarkInfo())?.Marked, true)
    const roles = new Set<string>()
    const walk = (n: { role?: string; children?: unknown[] } | null) => {
      if (n?.role) {
        roles.add(n.role)
      }
      for (const c of n?.children ?? []) {
        walk(c as { role?: string; children?: unknown[] })
      }
    }
    let text = ''
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i)
      walk((await page.getStructTree()) as { role?: string; children?: unknown[] })
      text += (await page.getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' ')
    }
    for (const role of ['H1', 'H2', 'Table', 'TR', 'TH', 'TD', 'P']) {
      assert.ok(roles.has(role), `${role} in ${[...roles].join(',')}`)
    }
    assert.ok(flat(text).includes(flat(paidTotal)), paidTotal)
    await doc.destroy()
  })
})
