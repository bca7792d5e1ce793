import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ImportFormatError } from '../../shared/errors.js'
import { readAnnualReport } from '../parse/annual-report/index.js'
import { extractPdf, extractPdfLines, PdfReaderThread } from './pdf.js'

const FORMS = resolve(process.cwd(), '../shared/forms')
const haveForms = existsSync(FORMS)
if (!haveForms) {
  console.log(`# skipping the committee-form PDF tests: ${FORMS} is absent`)
}

/** A one-page PDF with text at the given positions (Helvetica 10 pt), optionally with a password. */
function makePdf(
  texts: readonly { x: number; y: number; s: string }[],
  opts: { encrypt?: boolean } = {},
): Uint8Array {
  return makePagedPdf([texts], opts)
}

/**
 * A PDF of 600×800 pages with text at the given positions (Helvetica 10 pt, WinAnsi); with
 * `damagedKid`, its page tree also lists, past its /Count, a page whose cross-reference entry is off.
 */
function makePagedPdf(
  pages: readonly (readonly { x: number; y: number; s: string }[])[],
  opts: { encrypt?: boolean; damagedKid?: boolean } = {},
): Uint8Array {
  const n = pages.length
  const damaged = 4 + 2 * n + (opts.encrypt ? 1 : 0)
  const kids = [
    ...pages.map((_, i) => `${3 + 2 * i} 0 R`),
    ...(opts.damagedKid ? [`${damaged} 0 R`] : []),
  ].join(' ')
  const font = 3 + 2 * n
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`]
  for (const [i, texts] of pages.entries()) {
    const content = texts.map((t) => `BT /F1 10 Tf ${t.x} ${t.y} Td (${t.s}) Tj ET`).join('\n')
    objs.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents ${4 + 2 * i} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    )
  }
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  if (opts.encrypt) {
    // Standard security handler, revision 2, with a user password the empty string does not open.
    objs.push(`<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`)
  }
  if (opts.damagedKid) {
    objs.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>')
  }
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1') + (i + 1 === damaged ? 3 : 0))
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  const encrypt = opts.encrypt
    ? ` /Encrypt ${3 + 2 * n + 1} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`
    : ''
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(out, 'latin1'))
}

describe('extractPdfLines', () => {
  it('writes a form printed as label | answer as label<TAB>answer, a wrapped answer as <TAB>more', async () => {
    const pdf = makePdf([
      { x: 56, y: 700, s: 'Projektnamn' },
      { x: 320, y: 700, s: 'Medvind Malmo' },
      { x: 56, y: 686, s: 'Projektstart' },
      { x: 320, y: 686, s: '2025-09-01' },
      { x: 56, y: 672, s: 'Program' },
      { x: 320, y: 672, s: 'Europeiska socialfonden+,' },
      { x: 320, y: 662, s: 'A2' },
      {
        x: 56,
        y: 630,
        s: 'A description that runs across the whole width of the page, past the answer column.',
      },
    ])
    const lines = await extractPdfLines(pdf, 'form.pdf')
    assert.deepEqual(
      lines.map((l) => l.text),
      [
        'Projektnamn\tMedvind Malmo',
        'Projektstart\t2025-09-01',
        'Program\tEuropeiska socialfonden+,',
        '\tA2',
        '',
        'A description that runs across the whole width of the page, past the answer column.',
      ],
    )
    assert.ok(lines.every((l, i) => l.page === 1 && l.line === i + 1))
  })

  it('reads a page set in two columns of running text column by column', async () => {
    const left = [
      'The left column starts here and its',
      'lines fill the column up to its edge,',
      'as running text in a column does, so',
      'that a reader reads it top to bottom',
      'and it ends here.',
    ]
    const right = [
      'The right column comes second and',
      'its lines fill that column as well,',
      'and only then does the reading go on',
      'in the right column, top to bottom,',
      'and it ends there.',
    ]
    const pdf = makePdf([
      { x: 40, y: 760, s: 'A heading across the page that is long enough to cross into the right column' },
      ...left.map((s, i) => ({ x: 40, y: 730 - i * 12, s })),
      ...right.map((s, i) => ({ x: 230, y: 730 - i * 12, s })),
    ])
    const texts = (await extractPdfLines(pdf, 'columns.pdf')).map((l) => l.text).filter((t) => t !== '')
    assert.deepEqual(texts, [
      'A heading across the page that is long enough to cross into the right column',
      ...left,
      ...right,
    ])
  })

  it('writes running headers and footers once, at the top, and lets a form run on over the page break', async () => {
    const page = (n: number, rows: [string, string][]) => [
      { x: 56, y: 780, s: 'Internationell redovisning 2025' },
      ...rows.flatMap(([l, r], i) => [
        { x: 56, y: 700 - i * 14, s: l },
        { x: 320, y: 700 - i * 14, s: r },
      ]),
      { x: 56, y: 30, s: `Sida ${n} av 4` },
    ]
    const pdf = makePagedPdf([
      page(1, [
        ['Projektnamn', 'Medvind'],
        ['Projektstart', '2025-09-01'],
        ['Program', 'ESF+'],
      ]),
      page(2, [
        ['Projektslut', '2028-04-30'],
        ['Vilket av kommunfullmäktigemål?', 'En mer jämlik stad'],
        ['Beskriv förvaltningens roll:', 'Projektägare'],
      ]),
      page(3, [
        ['Projektnamn', 'Uppsök'],
        ['Projektstart', '2023-03-01'],
        ['Program', 'ESF+'],
      ]),
      page(4, [
        ['Projektslut', '2026-02-28'],
        ['Total budget SEK', '1 000 kr'],
        ['Utbetalt SEK', '0 kr'],
      ]),
    ])
    const texts = (await extractPdfLines(pdf, 'report.pdf')).map((l) => l.text).filter((t) => t !== '')
    assert.equal(texts[0], 'Internationell redovisning 2025')
    assert.equal(texts.filter((t) => t === 'Internationell redovisning 2025').length, 1)
    assert.equal(texts.filter((t) => /^Sida \d av 4$/.test(t)).length, 1)
    const at = texts.indexOf('Projektslut\t2028-04-30')
    assert.deepEqual(texts.slice(at, at + 3), [
      'Projektslut\t2028-04-30',
      'Vilket av kommunfullmäktigemål?\tEn mer jämlik stad',
      'Beskriv förvaltningens roll:\tProjektägare',
    ])
  })

  it('reads a PDF whose page tree lists a damaged page it never needs, and leaves no stray failure', async () => {
    // pdf.js prefetches every top-level page; the damaged one's rejection is never awaited
    const stray: unknown[] = []
    const onStray = (e: unknown) => stray.push(e)
    process.on('unhandledRejection', onStray)
    try {
      const pdf = makePagedPdf([[{ x: 56, y: 700, s: 'Projektnamn' }]], { damagedKid: true })
      assert.deepEqual(
        (await extractPdfLines(pdf, 'tree.pdf')).map((l) => l.text),
        ['Projektnamn'],
      )
      await new Promise((r) => setTimeout(r, 50))
      assert.deepEqual(stray, [])
    } finally {
      process.off('unhandledRejection', onStray)
    }
  })

  it('refuses a PDF that outruns or outgrows its reader thread, and gives the next document a fresh thread', async () => {
    const pdf = makePdf([{ x: 56, y: 700, s: 'Projektnamn' }])
    const slow = new PdfReaderThread({ timeoutMs: 1, heapMb: 512, idleMs: 1_000 })
    const refusedTwice = [slow.read(pdf, 'a.pdf'), slow.read(pdf, 'b.pdf')]
    for (const [i, read] of refusedTwice.entries()) {
      await assert.rejects(read, (e: unknown) => {
        assert.ok(e instanceof ImportFormatError)
        assert.equal(e.file, i === 0 ? 'a.pdf' : 'b.pdf')
        assert.match(e.reason, /took longer than 0.001 s/)
        return true
      })
    }
    const starved = new PdfReaderThread({ timeoutMs: 60_000, heapMb: 1, idleMs: 1_000 })
    await assert.rejects(starved.read(pdf, 'c.pdf'), {
      name: 'ImportFormatError',
      reason: /needs more than 1 MB/,
    })
    const healthy = new PdfReaderThread({ timeoutMs: 60_000, heapMb: 512, idleMs: 1 })
    for (const name of ['d.pdf', 'e.pdf']) {
      const pages = await healthy.read(pdf, name)
      assert.deepEqual(
        pages.map((p) => p.items.map((i) => i.str)),
        [['Projektnamn']],
      )
      await new Promise((r) => setTimeout(r, 20))
    }
  })

  // [what, bytes, reason]
  const refused: [string, Uint8Array, RegExp][] = [
    [
      'a password-protected PDF',
      makePdf([{ x: 50, y: 700, s: 'secret' }], { encrypt: true }),
      /encrypted with a password/,
    ],
    ['a truncated PDF', makePdf([{ x: 50, y: 700, s: 'cut' }]).subarray(0, 300), /truncated/],
    ['a damaged PDF', new Uint8Array(Buffer.from('%PDF-1.4\nnothing here\n%%EOF\n')), /not a readable PDF/],
  ]
  for (const [what, bytes, reason] of refused) {
    it(`refuses ${what} with a one-line reason naming the file`, async () => {
      await assert.rejects(extractPdfLines(bytes, 'bad.pdf'), (e: unknown) => {
        assert.ok(e instanceof ImportFormatError)
        assert.equal(e.file, 'bad.pdf')
        assert.match(e.reason, reason)
        assert.equal(e.message.includes('\n'), false)
        return true
      })
    })
  }
})

describe('extractPdf on the committee forms', { skip: !haveForms }, () => {
  for (const form of ['kulturnamnden', 'arbetsmarknads-och-socialnamnden']) {
    it(`gives the records of ${form}.gold.json from ${form}.pdf`, async () => {
      const doc = await extractPdf(new Uint8Array(readFileSync(join(FORMS, `${form}.pdf`))), `${form}.pdf`)
      assert.equal(doc.mediaType, 'application/pdf')
      assert.ok(doc.lines.some((l) => l.text.startsWith('Projektnamn\t')))
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
        ] as const) {
          assert.deepEqual(r[k], g[k], `${r.name}: ${k}`)
        }
        for (const k of [
          'totalBudget',
          'paidInYear',
          'goals',
          'partners',
          'summary',
          'programmeRaw',
        ] as const) {
          assert.deepEqual(r[k], g[k], `${r.name}: ${k}`)
        }
        assert.equal(r.source.page !== null && r.source.page >= 1, true)
      })
    })
  }
})

describe('extractPdfLines on damaged copies of a committee form (property)', { skip: !haveForms }, () => {
  it('reads the copy or refuses it with an ImportFormatError, nothing else', async () => {
    const original = new Uint8Array(readFileSync(join(FORMS, 'kulturnamnden.pdf')))
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
            await extractPdfLines(bytes, 'damaged.pdf')
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
