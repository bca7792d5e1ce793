import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { Value } from 'typebox/value'
import { documentFromBytes } from '../../src/import/extract/read-document.js'
import { toLines } from '../../src/import/extract/text.js'
import { parseDocument } from '../../src/import/parse/parse-document.js'
import { ProjectRecord } from '../../src/registry/project-record.js'
import { ImportFormatError } from '../../src/shared/errors.js'

/**
 * Property: whatever a seed document is mutated into, extraction either gives schema-valid
 * records or refuses the document with an ImportFormatError; it never throws anything else.
 * Runs are bounded so the whole file stays well under 20 s.
 */

const SEEDS = resolve(process.cwd(), '../shared/seeds')
const FORMS = resolve(process.cwd(), '../shared/forms')
const seeds = existsSync(SEEDS)
  ? [
      '000_54173b202783afc2.txt',
      '001_dedbdf052308ff63.txt',
      '002_b20c6c70555887fc.txt',
      '003_87f3a4273544f461.txt',
      '004_719ae671d378f085.txt',
    ].map((f) => ({ name: f, lines: readFileSync(resolve(SEEDS, f), 'utf8').split('\n') }))
  : []

// Strings the readers key on, so mutations reach their edge cases rather than only noise.
const TOKENS = [
  'Projektnamn',
  'Projektnamn ',
  'Projektstart 2 0 -13-45',
  'Projektslut 99-99-99',
  'Projektperiod: 2019-04-31 – 2015',
  'Total budget SEK för projektet där',
  'Total Budget: 2 2213 206 €',
  'EU Contribution: 9 999 999 999 999 999 €',
  'c:a ,, kr',
  'Vet ej',
  '-',
  '•',
  '• ',
  'Lead Partner:',
  'Övriga partners: , , och samt (',
  '(Lead partner), XX',
  'Program: Europeiska socialfonden+',
  'Beskriv förvaltningens roll: projektägare',
  'Projektägare',
  'Kontakt',
  '• Telefon 0',
  'Area',
  'Partners',
  'Project webpage',
  'ÅÄÖ',
  '\t',
  '\u0000',
  '\uFFFD',
  '(((((',
  ')))',
  'Webb: http://',
]

type Op =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number; to: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'edit'; at: number; pos: number; text: string }
  | { kind: 'truncate'; at: number }

const text = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 60 }),
    to: fc.nat(),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), pos: fc.nat(), text }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
)

function mutate(lines: readonly string[], ops: readonly Op[]): string[] {
  const out = [...lines]
  for (const o of ops) {
    const n = Math.max(1, out.length)
    switch (o.kind) {
      case 'delete':
        out.splice(o.at % n, o.len)
        break
      case 'duplicate':
        out.splice(o.to % n, 0, ...out.slice(o.at % n, (o.at % n) + o.len))
        break
      case 'insert':
        out.splice(o.at % (n + 1), 0, o.text)
        break
      case 'swap': {
        const a = o.a % n
        const b = o.b % n
        const t = out[a] ?? ''
        out[a] = out[b] ?? ''
        out[b] = t
        break
      }
      case 'edit': {
        const i = o.at % n
        const line = out[i] ?? ''
        const p = o.pos % (line.length + 1)
        out[i] = line.slice(0, p) + o.text + line.slice(p + 1)
        break
      }
      case 'truncate':
        out.splice(o.at % n)
        break
    }
  }
  return out
}

function checkRecords(name: string, lines: readonly string[]): void {
  const doc = {
    name,
    mediaType: 'text/plain' as const,
    sha256: '',
    bytes: 0,
    lines: toLines(lines.join('\n')),
  }
  const records = parseDocument(doc)
  for (const r of records) {
    assert.ok(Value.Check(ProjectRecord, r), JSON.stringify([...Value.Errors(ProjectRecord, r)][0]))
  }
}

describe('extract under mutation', { skip: seeds.length > 0 ? false : `no seeds at ${SEEDS}` }, () => {
  for (const seed of seeds) {
    it(`${seed.name}: mutated text parses to valid records or none, never throws`, () => {
      // The large report costs more per run; fewer runs keep the file fast.
      const numRuns = seed.lines.length > 3000 ? 10 : 30
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
          checkRecords(seed.name, mutate(seed.lines, ops))
        }),
        { numRuns, seed: 20261127 },
      )
    })
  }

  it('mutated committee forms (PDF, DOCX) are read or refused with an ImportFormatError', {
    skip: existsSync(FORMS) ? false : `no forms at ${FORMS}`,
  }, async () => {
    const files = ['kulturnamnden.pdf', 'kulturnamnden.docx'].map((f) => ({
      name: f,
      bytes: readFileSync(resolve(FORMS, f)),
    }))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (file, edits, cut) => {
          const bytes = Buffer.from(
            cut === undefined ? file.bytes : file.bytes.subarray(0, cut % file.bytes.length),
          )
          for (const e of edits) {
            bytes[e.at % Math.max(1, bytes.length)] = e.byte
          }
          try {
            parseDocument(await documentFromBytes(new Uint8Array(bytes), file.name))
          } catch (e) {
            assert.ok(
              e instanceof ImportFormatError,
              `unexpected ${e instanceof Error ? e.stack : String(e)}`,
            )
          }
        },
      ),
      { numRuns: 40, seed: 20261127 },
    )
  })

  it('mutated bytes are read or refused with an ImportFormatError, never anything else', async () => {
    const sample = Buffer.from(seeds.map((s) => s.lines.slice(0, 150).join('\n')).join('\n'))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('', '%PDF-1.7\n', 'PK\u0003\u0004', '\uFEFF', '<html><body>'),
        async (edits, cut, prefix) => {
          const bytes = Buffer.concat([
            Buffer.from(prefix, 'latin1'),
            sample.subarray(0, (cut % sample.length) + 1),
          ])
          for (const e of edits) {
            bytes[e.at % bytes.length] = e.byte
          }
          try {
            const doc = await documentFromBytes(new Uint8Array(bytes), 'fuzz.txt')
            parseDocument(doc)
          } catch (e) {
            assert.ok(
              e instanceof ImportFormatError,
              `unexpected ${e instanceof Error ? e.stack : String(e)}`,
            )
          }
        },
      ),
      { numRuns: 60, seed: 20261127 },
    )
  })
})
