import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { Value } from 'typebox/value'
import type { ProjectRecord } from '../../../registry/project-record.js'
import { ProjectRecord as ProjectRecordSchema } from '../../../registry/project-record.js'
import type { SourceDocument } from '../../source-document.js'
import { looksLikeAnnualReport, readAnnualReport } from './index.js'

const SHARED = resolve(process.cwd(), '../shared')
const SEED = join(SHARED, 'seeds/004_719ae671d378f085.txt')
const FIXTURES = resolve(process.cwd(), 'test/fixtures/documents')
const haveShared = existsSync(SEED)
if (!haveShared) {
  console.log(`# skipping the Malmö seed tests: ${SEED} is absent`)
}

function textDocument(name: string, text: string, from = 1): SourceDocument {
  const lines = text.split(/\r?\n/).map((t, i) => ({ text: t, line: from + i, page: null }))
  return { name, mediaType: 'text/plain', sha256: '', bytes: text.length, lines }
}

/** The seed's lines a..b (1-based, inclusive) as a document that keeps the seed's line numbers. */
function seedExcerpt(a: number, b: number): SourceDocument {
  const all = readFileSync(SEED, 'utf8').split(/\r?\n/)
  return textDocument('004_719ae671d378f085.txt', all.slice(a - 1, b).join('\n'), a)
}

function byName(records: readonly ProjectRecord[], name: string): ProjectRecord {
  const r = records.find((x) => x.name === name)
  assert.ok(r, `no record named ${name}; got ${records.map((x) => x.name).join(' | ')}`)
  return r
}

describe('readAnnualReport on the Malmö report (seed 004)', { skip: !haveShared }, () => {
  const doc = haveShared ? textDocument('004_719ae671d378f085.txt', readFileSync(SEED, 'utf8')) : null
  const records = doc ? readAnnualReport(doc) : []

  it('gives one record per Del 2 form and none for the summary or Del 1', () => {
    assert.equal(records.length, 68)
    assert.ok(records.every((r) => Value.Check(ProjectRecordSchema, r)))
    assert.ok(records.every((r) => r.organisation === 'Malmö stad' && r.paidInYear?.year !== 0))
    assert.ok(records.every((r) => r.source.line >= 2648))
  })

  // [name, field, expected]: answers that need more than copying a cell
  const cases: [string, keyof ProjectRecord, unknown][] = [
    [
      'Samverkan för barns rätt till lek, vila & fritid',
      'source',
      { document: '004_719ae671d378f085.txt', page: null, line: 2648 },
    ],
    [
      'Samverkan för barns rätt till lek, vila & fritid',
      'paidInYear',
      { amount: 4116140, currency: 'SEK', year: 2025 },
    ],
    ['Hållbara övergångar för unga i riskzon', 'role', 'partner'],
    ['Hållbara övergångar för unga i riskzon', 'totalBudget', { amount: 22185963, currency: 'SEK' }],
    ['Hållbara övergångar för unga i riskzon', 'leadPartner', 'Grundskoleförvaltningen'],
    [
      'Utväg II',
      'goals',
      [
        'En mer jämlik stad',
        'En attraktiv stad för arbete och hållbar tillväxt',
        'En stad med goda uppväxtvillkor för barn och unga',
      ],
    ],
    ['Digital kompetens för medarbetare', 'acronym', 'Digit'],
    ['UNITY', 'totalBudget', { amount: 3050000, currency: 'SEK' }],
    ['UNITY', 'status', 'completed'],
    ['ICANDO', 'start', '2023-03-01'],
    ['2024-KA121-VET-000111396', 'paidInYear', { amount: 0, currency: 'SEK', year: 2025 }],
    ['Nordplus Junior NPJR-2025-10068', 'programme', 'Nordplus'],
    ['NordUng', 'programme', 'Köpenhamns Universitet'],
    [
      'Förstudie Etablering av innovationshub för kunskapsutveckling och klimatomställning',
      'unit',
      'Kommunstyrelsen',
    ],
    ['Unga Talanger till Skånsk Industri för Cirkulär Tillväxt', 'acronym', 'UTSICT'],
    ['Samverkan för attraktiva livsmedelsföretag i tillväxt', 'acronym', 'SALT'],
    ['Barns rätt till lek, vila och fritid', 'start', '2023-02-01'],
    ['Barns rätt till lek, vila och fritid', 'totalBudget', { amount: 12000000, currency: 'SEK' }],
    ['Barns rätt till lek, vila och fritid', 'unit', 'Kulturnämnden'],
    ['Kultur och hälsa', 'acronym', 'Perfare'],
    ['[mis]information in progress! @ The Dawit Isaak Library, Malmö', 'start', '2025-11'],
    [
      '[mis]information in progress! @ The Dawit Isaak Library, Malmö',
      'programme',
      'The Europe Challenge 2025/2026',
    ],
    [
      'TrAnsformative climate ResilienCe by nAture-baseD solutions in the contInentAl bio-geographical region',
      'acronym',
      'Arcadia',
    ],
    ['Resilient Water Innovation for Smart Economy', 'paidInYear', null],
    ['Resurshubben i Malmö', 'acronym', null],
    ['Good Cities', 'totalBudget', { amount: 20300000, currency: 'SEK' }],
    ['Klimatomställning Malmö - Processledning och innovation', 'acronym', null],
    ['Clean Construction Machinery II', 'programme', 'Interreg Öresund-Kattegat-Skagerrak'],
    ['Powerbio', 'programme', 'Interreg Öresund-Kattegat-Skagerrak'],
    ['Powerbio', 'website', 'https://www.sbhub.se/power-bio'],
    ['delad mikromobilitet & kollektivtrafik - samverkansprojekt för kunskap och agens', 'programme', null],
    ['delad mikromobilitet & kollektivtrafik - samverkansprojekt för kunskap och agens', 'totalBudget', null],
  ]
  for (const [name, field, expected] of cases) {
    it(`reads ${field} of ${name}`, () => {
      assert.deepEqual(byName(records, name)[field], expected)
    })
  }

  // [name, issue pattern]: what a careful reader flags
  const issues: [string, RegExp][] = [
    ['UNITY', /both budget boxes filled although role is lead/],
    ['UNITY', /ended 2024-10-30, before the reporting year/],
    ['Good Cities', /budget given in the partner box although role is lead/],
    ['ICANDO', /approximate amount/],
    ['Gemensamt i rätt riktning', /paid amount missing/],
    ['Energy Circle', /budget not stated/],
    [
      'Samverkan för barns rätt till lek, vila & fritid',
      /same project reported by Kulturnämnden as 'Barns rätt till lek, vila och fritid' \(line 5141\)/,
    ],
    ['STRIVE', /same project reported by Tekniska nämnden .*line 7033/],
    ['Powerbio', /same project reported by Miljönämnden as 'PowerBio' \(line 6416\)/],
    ['Barns rätt till lek, vila och fritid', /budget given as free text/],
    [
      'delad mikromobilitet & kollektivtrafik - samverkansprojekt för kunskap och agens',
      /'Vet ej' \(unknown\) for programme/,
    ],
    ['Erasmus-Ackreditering Projekt 8670', /two goals written as one phrase/],
    ['Resurshubben i Malmö', /programme 'ERUF' written in front of the project name/],
    ['Kompetensutvecklingsprojekt Medledare', /goal numbered '4\.' although 'En god organisation' is goal 5/],
    ['Ackreditering Erasmus+', /goal 'Utbildning och arbete' is not one of the council goals/],
    [
      '[mis]information in progress! @ The Dawit Isaak Library, Malmö',
      /goal written 'En jämlik stad' \(the report lists 'En mer jämlik stad'\)/,
    ],
    ['[mis]information in progress! @ The Dawit Isaak Library, Malmö', /paid amount equals the total budget/],
    [
      'Good Cities',
      /paid amount identical to another project's \(Klimatomställning Malmö - Processledning och innovation, line 6083/,
    ],
    [
      'Erasmus-Ackreditering-2025 Projekt 8690',
      /form heading \(line 3710\) says 'Erasmus-Ackreditering-2024 Projekt 8690'/,
    ],
    ['NordUng', /programme 'Köpenhamns Universitet' is not an EU programme/],
    ['Erasmus-Ackreditering-2024 Projekt 8680', /description only refers to text elsewhere/],
  ]
  for (const [name, pattern] of issues) {
    it(`flags ${pattern.source} for ${name}`, () => {
      const r = byName(records, name)
      assert.ok(
        r.issues.some((i) => pattern.test(i)),
        `issues were: ${JSON.stringify(r.issues)}`,
      )
    })
  }

  it('scores at least the figures last reached against the hand-checked gold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'annual-report-'))
    try {
      const pred = join(dir, 'pred.json')
      writeFileSync(pred, JSON.stringify(records))
      const out = execFileSync(
        process.execPath,
        [
          join(SHARED, 'tools/score-records.mjs'),
          '--gold',
          join(SHARED, 'gold/malmo-del2.json'),
          '--pred',
          pred,
        ],
        { encoding: 'utf8' },
      )
      const fields = Number(/fields F1 ([\d.]+)/.exec(out)?.[1])
      const recs = /records: gold (\d+) pred (\d+) matched (\d+)/.exec(out)
      assert.ok(fields >= 0.998, `fields F1 ${fields} (last reached 0.999)`)
      assert.equal(recs?.[3], recs?.[1])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('readAnnualReport on excerpts of the seed', { skip: !haveShared }, () => {
  // [from, to, what]: one form cut out of the report reads on its own, with the seed's line numbers
  const excerpts: [number, number, string, Partial<ProjectRecord>][] = [
    [
      4019,
      4110,
      'UNITY (two-digit years, both boxes filled)',
      { name: 'UNITY', start: '2021-11-01', end: '2024-10-30', role: 'lead', unit: null },
    ],
    [
      6946,
      7032,
      'Cleancon II (name and programme wrapped, committee heading above)',
      {
        name: 'Clean Construction Machinery II',
        acronym: 'Cleancon II',
        unit: 'Tekniska nämnden',
        programmeRaw: 'Interreg ØKS (Öresund-Kattegat-Skagerrak)',
      },
    ],
  ]
  for (const [a, b, what, expected] of excerpts) {
    it(`reads ${what}`, () => {
      const [r] = readAnnualReport(seedExcerpt(a, b))
      assert.ok(r)
      for (const [k, v] of Object.entries(expected)) {
        assert.deepEqual(r[k as keyof ProjectRecord], v, k)
      }
      assert.equal(r.source.line >= a && r.source.line <= b, true)
    })
  }
})

describe('readAnnualReport on a report of the same family from another municipality', () => {
  it('reads a form with its own wording (fixture)', () => {
    const text = readFileSync(join(FIXTURES, 'annual-report-lund-2024.txt'), 'utf8')
    const doc = textDocument('annual-report-lund-2024.txt', text)
    assert.equal(looksLikeAnnualReport(doc), true)
    const records = readAnnualReport(doc)
    assert.equal(records.length, 3)
    const [a, b, c] = records
    assert.equal(a?.organisation, 'Lunds kommun')
    assert.equal(a?.unit, 'Miljönämnden')
    assert.equal(a?.name, 'Grön stadsdel')
    assert.equal(a?.acronym, 'GRÖNA')
    assert.deepEqual(a?.paidInYear, { amount: 250000, currency: 'SEK', year: 2024 })
    assert.equal(a?.programme, 'Interreg Öresund-Kattegat-Skagerrak')
    assert.deepEqual(a?.goals, ['Ett hållbart Lund', 'En stad för alla'])
    assert.equal(b?.unit, 'Kultur- och fritidsnämnden')
    assert.equal(b?.role, 'partner')
    assert.deepEqual(b?.totalBudget, { amount: 1200000, currency: 'EUR' })
    assert.equal(b?.end, '2027-06-30')
    // the same form worded differently: one period question, one box per amount, "Koppling till … mål"
    assert.equal(c?.unit, 'Servicenämnden')
    assert.equal(c?.name, 'Digitala tjänster för alla')
    assert.equal(c?.acronym, 'DIGI')
    assert.equal(c?.start, '2024-01-01')
    assert.equal(c?.end, '2026-12-31')
    assert.equal(c?.role, 'partner')
    assert.deepEqual(c?.totalBudget, { amount: 2000000, currency: 'SEK' })
    assert.deepEqual(c?.paidInYear, { amount: 150000, currency: 'SEK', year: 2024 })
    assert.equal(c?.programme, 'ESF+')
    assert.deepEqual(c?.goals, ['En stad för alla'])
    assert.equal(c?.leadPartner, 'Region Skåne')
    assert.equal(c?.summary, 'Projektet utvecklar digitala tjänster. Region Skåne är projektägare.')
  })
})

describe('looksLikeAnnualReport', () => {
  it('says no to a listing page and to plain prose', () => {
    assert.equal(
      looksLikeAnnualReport(
        textDocument('a.txt', 'Pågående projekt\n\nProjektperiod: 2020-2022\nProgram: Interreg'),
      ),
      false,
    )
    assert.equal(looksLikeAnnualReport(textDocument('b.txt', 'Projektnamn är ett ord.')), false)
  })
  it('says yes to the Malmö report and no to the other seeds', { skip: !haveShared }, () => {
    for (const [file, expected] of [
      ['004_719ae671d378f085.txt', true],
      ['000_54173b202783afc2.txt', false],
      ['001_dedbdf052308ff63.txt', false],
      ['002_b20c6c70555887fc.txt', false],
      ['003_87f3a4273544f461.txt', false],
    ] as const) {
      const doc = textDocument(file, readFileSync(join(SHARED, 'seeds', file), 'utf8'))
      assert.equal(looksLikeAnnualReport(doc), expected, file)
    }
  })
})

describe('readAnnualReport on mangled forms (property)', { skip: !haveShared }, () => {
  it('never throws and always gives records of the interchange schema', () => {
    const all = readFileSync(SEED, 'utf8').split(/\r?\n/).slice(3700, 4300)
    const edit = fc.oneof(
      fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('tab' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('junk' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
      fc.record({ op: fc.constant('cut' as const), at: fc.nat(), len: fc.nat({ max: 30 }) }),
    )
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const lines = [...all]
        for (const e of edits) {
          const i = lines.length === 0 ? 0 : e.at % lines.length
          const line = lines[i] ?? ''
          if (e.op === 'drop') {
            lines.splice(i, 1)
          } else if (e.op === 'dup') {
            lines.splice(i, 0, line)
          } else if (e.op === 'tab') {
            lines[i] = line.replace(' ', '\t')
          } else if (e.op === 'junk') {
            lines.splice(i, 0, e.text)
          } else {
            lines[i] = line.slice(0, Math.max(0, line.length - e.len))
          }
        }
        for (const r of readAnnualReport(textDocument('mangled.txt', lines.join('\n')))) {
          assert.ok(
            Value.Check(ProjectRecordSchema, r),
            JSON.stringify([...Value.Errors(ProjectRecordSchema, r)][0]),
          )
        }
      }),
      { numRuns: 150 },
    )
  })
})
