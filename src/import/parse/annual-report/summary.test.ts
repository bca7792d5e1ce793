import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import type { SourceDocument } from '../../source-document.js'
import { readAnnualReportSummary } from './summary.js'

const SEED = resolve(process.cwd(), '../shared/seeds/004_719ae671d378f085.txt')
const haveSeed = existsSync(SEED)
if (!haveSeed) {
  console.log(`# skipping the Malmö summary tests: ${SEED} is absent`)
}

function textDocument(text: string): SourceDocument {
  const lines = text.split(/\r?\n/).map((t, i) => ({ text: t, line: i + 1, page: null }))
  return { name: '004_719ae671d378f085.txt', mediaType: 'text/plain', sha256: '', bytes: text.length, lines }
}

describe('readAnnualReportSummary on the Malmö report', { skip: !haveSeed }, () => {
  const summary = haveSeed ? readAnnualReportSummary(textDocument(readFileSync(SEED, 'utf8'))) : null

  it('reads the organisation and the year', () => {
    assert.equal(summary?.organisation, 'Malmö stad')
    assert.equal(summary?.year, 2025)
  })

  // [kind, subjectKind, subject, year, value, currency, approximate]: figures as printed
  const figures: [string, string, string, number, number, string | null, boolean][] = [
    ['projects', 'total', 'Malmö stad', 2025, 63, null, false],
    ['projects', 'total', 'Malmö stad', 2024, 60, null, false],
    ['committees', 'total', 'Malmö stad', 2025, 8, null, false],
    ['paid', 'total', 'Malmö stad', 2025, 55_700_000, 'SEK', true],
    ['paid', 'total', 'Malmö stad', 2024, 50_500_000, 'SEK', true],
    ['projects', 'goal', 'En grön stad som leder klimatomställnigen', 2025, 31, null, false],
    ['paid', 'programme', 'ESF', 2025, 27_400_000, 'SEK', true],
    ['paid', 'programme', 'Interreg', 2025, 1_800_000, 'SEK', true],
    ['projects', 'unit', 'Miljönämnden', 2025, 24, null, false],
    ['paid', 'unit', 'Miljönämnden', 2025, 16_000_000, 'SEK', true],
    ['paid', 'unit', 'Förskolenämnden', 2025, 890_000, 'SEK', true],
  ]
  for (const [kind, subjectKind, subject, year, value, currency, approximate] of figures) {
    it(`reads the printed ${kind} for ${subject} (${year})`, () => {
      const f = summary?.printedFigures.find(
        (x) => x.kind === kind && x.subjectKind === subjectKind && x.subject === subject && x.year === year,
      )
      assert.ok(f, JSON.stringify(summary?.printedFigures.map((x) => [x.kind, x.subject, x.year])))
      assert.equal(f.value, value)
      assert.equal(f.currency, currency)
      assert.equal(f.approximate, approximate)
    })
  }

  it('reads both part 1 answers of every committee, not the numbered lists inside them', () => {
    const n = summary?.narratives ?? []
    assert.equal(n.length, 26)
    assert.equal(new Set(n.map((x) => x.unit)).size, 13)
    assert.ok(n.every((x) => /^(Redogör|Beskriv) kortfattat/.test(x.question)))
    const first = n[0]
    assert.equal(first?.unit, 'Arbetsmarknads- och socialnämnden')
    assert.match(first?.answer ?? '', /^European Family Justice Center Alliance\n\n/)
  })
})

describe('readAnnualReportSummary on a committee form', () => {
  it('finds no summary and no narratives', () => {
    const s = readAnnualReportSummary(
      textDocument('Del 2; EU och internationellt finansierade projekt — Kulturnämnden\n\nProjektnamn\tX'),
    )
    assert.deepEqual(s.printedFigures, [])
    assert.deepEqual(s.narratives, [])
  })
})
