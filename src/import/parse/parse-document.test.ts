import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { toLines } from '../extract/text.js'
import type { SourceDocument } from '../source-document.js'
import { parseDocument, readLabelValues, recogniseFamily } from './parse-document.js'

const SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url))

function textDoc(name: string, text: string): SourceDocument {
  return { name, mediaType: 'text/plain', sha256: '', bytes: text.length, lines: toLines(text) }
}

describe('recogniseFamily', { skip: existsSync(SEEDS) ? false : `no seeds at ${SEEDS}` }, () => {
  const cases: [string, string][] = [
    ['000_54173b202783afc2.txt', 'listing-page'],
    ['001_dedbdf052308ff63.txt', 'listing-page'],
    ['002_b20c6c70555887fc.txt', 'listing-page'],
    ['003_87f3a4273544f461.txt', 'publication'],
    ['004_719ae671d378f085.txt', 'annual-report'],
  ]
  for (const [file, family] of cases) {
    it(`${file} is a ${family}`, () => {
      const doc = textDoc(file, readFileSync(`${SEEDS}${file}`, 'utf8'))
      assert.equal(recogniseFamily(doc), family)
    })
  }
  it('reads the 18 project stories of the Interact publication', () => {
    const file = '003_87f3a4273544f461.txt'
    const records = parseDocument(textDoc(file, readFileSync(`${SEEDS}${file}`, 'utf8')))
    assert.equal(records.length, 18)
    const arc = records[0]
    assert.equal(arc?.acronym, 'ARC')
    assert.equal(arc?.name, 'Active Refugees in the Community')
    assert.deepEqual(arc?.totalBudget, { amount: 169956, currency: 'EUR' })
    assert.deepEqual(arc?.euContribution, { amount: 127467, currency: 'EUR' })
    assert.equal(arc?.leadPartner, 'Tampere Region Martat')
    assert.deepEqual(arc?.partners[0], { name: 'Tampere Region Martat', country: 'FI' })
    assert.deepEqual(arc?.areas, ['Finland - Pirkanmaa', 'Sweden - Östra Mellansverige'])
    assert.deepEqual(arc?.source, { document: file, page: null, line: 95 })
    // "Total Budget: 2 2213 206 €" cannot be read: no value, an issue instead.
    const garbled = records.find((r) => r.issues.some((i) => i.includes('2 2213 206')))
    assert.ok(garbled)
    assert.equal(garbled.totalBudget, null)
  })
})

describe('readLabelValues (general reader)', () => {
  it('reads one record per name label, with the field readers', () => {
    const doc = textDoc(
      'form.txt',
      [
        'Projektnamn: Gröna gårdar',
        'Projektperiod: 2019-01-01 – 2021-12-31',
        'Program: Europeiska regionala utvecklingsfonden',
        'Total budget: 1 200 000 kr',
        'EU-bidrag: 2 000 000 kr',
        'Lead partner: Lunds kommun',
        'Partners: Region Skåne, Aarhus Kommune (Danmark)',
        'Kontakt: Anna Berg, projektledare, anna.berg@example.se',
        '',
        'Project name: Blue Paths',
        'Start: 2024-02-01',
      ].join('\n'),
    )
    const [a, b] = readLabelValues(doc)
    assert.equal(a?.name, 'Gröna gårdar')
    assert.deepEqual([a?.start, a?.end], ['2019-01-01', '2021-12-31'])
    assert.equal(a?.programme, 'ERDF')
    assert.deepEqual(a?.totalBudget, { amount: 1200000, currency: 'SEK' })
    assert.ok(a?.issues.some((i) => /above the total budget/.test(i)))
    assert.equal(a?.leadPartner, 'Lunds kommun')
    assert.deepEqual(a?.partners, [
      { name: 'Lunds kommun', country: null },
      { name: 'Region Skåne', country: null },
      { name: 'Aarhus Kommune', country: 'DK' },
    ])
    assert.deepEqual(a?.contacts, [
      { name: 'Anna Berg', title: 'projektledare', phone: null, email: 'anna.berg@example.se' },
    ])
    assert.equal(b?.name, 'Blue Paths')
    assert.equal(b?.source.line, 10)
  })
  it('reads fact boxes under titles when no name labels are given', () => {
    const doc = textDoc(
      'sheet.txt',
      [
        'Våra EU-projekt',
        '',
        'Smarta byar',
        'Vi utvecklar service på landsbygden tillsammans med byarna.',
        'Projektperiod: 2021-2023',
        'Finansieringskälla: Landsbygdsprogrammet',
        '',
        'Kontakt: Eva Ek',
        '',
        'Ung i Europa',
        'Program: Erasmus+',
        'Budget: 300 000 kr',
      ].join('\n'),
    )
    const records = readLabelValues(doc)
    assert.deepEqual(
      records.map((r) => [r.name, r.start, r.end, r.programme, r.source.line]),
      [
        ['Smarta byar', '2021', '2023', 'EAFRD', 3],
        ['Ung i Europa', null, null, 'Erasmus+', 10],
      ],
    )
    assert.equal(records[0]?.contacts[0]?.name, 'Eva Ek')
  })
  it('gives no records for prose without labels', () => {
    assert.deepEqual(parseDocument(textDoc('prose.txt', 'Vi arbetar med många projekt.\nDet är roligt.')), [])
  })
})
