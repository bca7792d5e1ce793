import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { crc32, deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { ImportFormatError } from '../../shared/errors.js'
import { readAnnualReport } from '../parse/annual-report/index.js'
import { extractDocx, extractDocxLines } from './docx.js'

const FORMS = resolve(process.cwd(), '../shared/forms')
const haveForms = existsSync(FORMS)
if (!haveForms) {
  console.log(`# skipping the committee-form DOCX tests: ${FORMS} is absent`)
}

interface Entry {
  readonly name: string
  readonly data: Buffer
  /** the unpacked size the archive declares, when it should lie about it */
  readonly declared?: number
}

/** Writes a zip archive (deflated entries, one central directory) the way Word does. */
function makeZip(entries: readonly Entry[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const packed = deflateRawSync(e.data)
    const crc = crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(e.declared ?? e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(e.declared ?? e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, dir, end]))
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
)
const RELS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
)

function para(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`
}

function row(...cells: string[][]): string {
  return `<w:tr>${cells.map((ps) => `<w:tc>${ps.map(para).join('')}</w:tc>`).join('')}</w:tr>`
}

/** A minimal Word document: a title, a two-column form table and a description. */
function makeDocx(extra: readonly Entry[] = []): Uint8Array {
  const body = [
    para('Del 2; EU och internationellt finansierade projekt — Kulturnämnden'),
    `<w:tbl>${row(['Beskrivning av Projekt'], ['Svar'])}${row(['Projektnamn'], ['Medvind Malmö'])}${row(['Vilket av kommunfullmäktigemål för redovisningsåret relaterar projektet till?'], ['En mer jämlik stad', 'En god organisation'])}</w:tbl>`,
    para('Projektet stöttar Malmöbor mot arbete.'),
  ].join('')
  const document = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  )
  return makeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: document },
    ...extra,
  ])
}

describe('extractDocxLines', () => {
  it('writes table rows as cells joined by a tab, a cell of two paragraphs on two lines', async () => {
    const lines = await extractDocxLines(makeDocx(), 'form.docx')
    assert.deepEqual(
      lines.map((l) => l.text),
      [
        'Del 2; EU och internationellt finansierade projekt — Kulturnämnden',
        '',
        'Beskrivning av Projekt\tSvar',
        'Projektnamn\tMedvind Malmö',
        'Vilket av kommunfullmäktigemål för redovisningsåret relaterar projektet till?\tEn mer jämlik stad',
        '\tEn god organisation',
        '',
        'Projektet stöttar Malmöbor mot arbete.',
      ],
    )
    assert.ok(lines.every((l, i) => l.page === null && l.line === i + 1))
  })

  it('keeps a cell of two paragraphs as two goals for the reader', async () => {
    const doc = await extractDocx(makeDocx(), 'form.docx')
    const [r] = readAnnualReport(doc)
    assert.deepEqual(r?.goals, ['En mer jämlik stad', 'En god organisation'])
    assert.equal(r?.unit, 'Kulturnämnden')
    assert.equal(r?.summary, 'Projektet stöttar Malmöbor mot arbete.')
  })

  // [what, bytes, reason]: each refused before mammoth unzips anything
  const refused: [string, () => Uint8Array, RegExp][] = [
    [
      'a zip bomb (an entry that unpacks a thousand times its size)',
      () => makeDocx([{ name: 'word/media/zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }]),
      /possible zip bomb: word\/media\/zeros\.bin unpacks \d+ times/,
    ],
    [
      'an archive with too many entries',
      () =>
        makeDocx(
          Array.from({ length: 2100 }, (_, i) => ({ name: `word/x${i}.xml`, data: Buffer.from('x') })),
        ),
      /possible zip bomb: 2103 entries/,
    ],
    [
      'a zip bomb that declares small sizes',
      () => makeDocx([{ name: 'word/media/zeros.bin', data: Buffer.alloc(5 * 1024 * 1024), declared: 1000 }]),
      /does not unpack as the archive declares/,
    ],
    ['a truncated archive', () => makeDocx().subarray(0, 200), /damaged or truncated/],
    [
      'a zip that is no Word document',
      () => makeZip([{ name: 'notes.txt', data: Buffer.from('hello') }]),
      /holds no word\/document\.xml/,
    ],
  ]
  for (const [what, bytes, reason] of refused) {
    it(`refuses ${what} with a one-line reason naming the file`, async () => {
      await assert.rejects(extractDocxLines(bytes(), 'bad.docx'), (e: unknown) => {
        assert.ok(e instanceof ImportFormatError)
        assert.equal(e.file, 'bad.docx')
        assert.match(e.reason, reason)
        assert.equal(e.message.includes('\n'), false)
        return true
      })
    })
  }
})

describe('extractDocx on the committee forms', { skip: !haveForms }, () => {
  for (const form of ['kulturnamnden', 'arbetsmarknads-och-socialnamnden']) {
    it(`gives the records of ${form}.gold.json from ${form}.docx`, async () => {
      const doc = await extractDocx(new Uint8Array(readFileSync(join(FORMS, `${form}.docx`))), `${form}.docx`)
      assert.equal(doc.mediaType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      const gold = JSON.parse(readFileSync(join(FORMS, `${form}.gold.json`), 'utf8')) as Record<
        string,
        unknown
      >[]
      const records = readAnnualReport(doc)
      assert.equal(records.length, gold.length)
      records.forEach((r, i) => {
        const g = gold[i] ?? {}
        for (const k of [
          'name',
          'acronym',
          'organisation',
          'unit',
          'role',
          'start',
          'end',
          'programme',
          'programmeRaw',
          'totalBudget',
          'paidInYear',
          'goals',
          'partners',
          'summary',
        ] as const) {
          assert.deepEqual(r[k], g[k], `${r.name}: ${k}`)
        }
      })
    })
  }
})

describe('extractDocxLines on damaged copies of a committee form (property)', { skip: !haveForms }, () => {
  it("refuses a copy whose XML is damaged in one line, without the XML parser's wrapping", async () => {
    const bytes = new Uint8Array(readFileSync(join(FORMS, 'kulturnamnden.docx')))
    bytes[3362] = 67 // inside word/document.xml's deflated stream: a redefined namespace comes out
    await assert.rejects(extractDocxLines(bytes, 'damaged.docx'), {
      name: 'ImportFormatError',
      message: 'damaged.docx: not a readable Word document (damaged XML: Attribute xmlns:w redefined)',
    })
  })

  it('reads the copy or refuses it with an ImportFormatError, nothing else', async () => {
    const original = new Uint8Array(readFileSync(join(FORMS, 'kulturnamnden.docx')))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        async (flips, cut) => {
          const bytes = original.slice(0, original.length - (cut % 64))
          for (const f of flips) {
            bytes[f.at % bytes.length] = f.byte
          }
          try {
            await extractDocxLines(bytes, 'damaged.docx')
          } catch (e) {
            assert.ok(e instanceof ImportFormatError, String(e))
            assert.equal(/[\n\r\t]/.test(e.message), false, e.message)
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})
