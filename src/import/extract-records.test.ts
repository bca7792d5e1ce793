import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ImportFormatError } from '../shared/errors.js'
import { toLines } from './extract/text.js'
import { extractRecords } from './extract-records.js'
import type { SourceDocument } from './source-document.js'

const config = { import: { maxFileBytes: 1024 * 1024 } }

describe('extractRecords', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projektatlas-extract-'))
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'a.txt'), 'Projektnamn: Alfa\nProjektperiod: 2020-2022\n')
    await writeFile(join(dir, 'sub', 'b.txt'), 'Projektnamn: Beta\n')
    await writeFile(join(dir, 'sub', 'notes.md'), 'Projektnamn: not a document ending\n')
    await writeFile(join(dir, '.hidden.txt'), 'Projektnamn: Hidden\n')
    await writeFile(join(dir, 'empty.txt'), '')
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads folders recursively, in name order, and reports each failure as a value', async () => {
    const outcomes = await extractRecords([dir, join(dir, 'missing.txt')], { config })
    assert.deepEqual(
      outcomes.map((o) => [o.file.slice(dir.length + 1), o.status]),
      [
        ['a.txt', 'ok'],
        ['empty.txt', 'failed'],
        ['sub/b.txt', 'ok'],
        ['missing.txt', 'failed'],
      ],
    )
    const names = outcomes.flatMap((o) => (o.status === 'ok' ? o.records.map((r) => r.name) : []))
    assert.deepEqual(names, ['Alfa', 'Beta'])
    const empty = outcomes[1]
    assert.equal(empty?.status === 'failed' ? empty.error : '', 'empty file')
  })

  it('fails a file whose reader produced an invalid record instead of returning it', async () => {
    const doc: SourceDocument = {
      name: 'bad.txt',
      mediaType: 'text/plain',
      sha256: '',
      bytes: 0,
      lines: toLines('Projektnamn: Gamma\nProjektstart: 2020-01-01\n'),
    }
    const outcomes = await extractRecords(['bad.txt'], {
      config,
      read: async () => ({ ...doc, lines: doc.lines.map((l) => ({ ...l, line: 0 })) }),
    })
    assert.equal(outcomes[0]?.status, 'failed')
    assert.match(
      outcomes[0]?.status === 'failed' ? outcomes[0].error : '',
      /record 1 is invalid \(\/source\/line/,
    )
  })

  it('turns an unexpected extractor error into a failed outcome', async () => {
    const outcomes = await extractRecords(['x.pdf', 'y.pdf'], {
      config,
      read: async (p) => {
        if (p === 'x.pdf') {
          throw new ImportFormatError('x.pdf', 'the PDF is encrypted')
        }
        throw new TypeError('boom')
      },
    })
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'failed' ? o.error : '')),
      ['the PDF is encrypted', 'internal error while extracting the text: boom'],
    )
  })
})
