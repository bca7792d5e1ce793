import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ImportFormatError } from '../../shared/errors.js'
import { documentFromBytes, looksLikeHtml, readDocument } from './read-document.js'
import { decodeText } from './text.js'

const config = { import: { maxFileBytes: 4096 } }
const utf8 = (s: string) => new TextEncoder().encode(s)

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    assert.ok(e instanceof ImportFormatError, `expected ImportFormatError, got ${String(e)}`)
    return e.reason
  }
  assert.fail('expected a refusal')
}

describe('decodeText', () => {
  const text = 'Projektnamn: Hållbara övergångar – ESF+\n'
  const cases: [string, Uint8Array][] = [
    ['UTF-8', utf8(text)],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-16 LE without BOM', new Uint8Array(Buffer.from(text, 'utf16le'))],
    ['windows-1252', new Uint8Array(Buffer.from(text.replace('–', '-'), 'latin1'))],
  ]
  for (const [label, bytes] of cases) {
    it(`reads ${label}`, () => {
      const r = decodeText(bytes)
      assert.ok(r.ok, JSON.stringify(r))
      assert.equal(r.text.replace('-', '–'), text)
    })
  }
  it('refuses binary content', () => {
    const r = decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 4, 5, 6]))
    assert.deepEqual(r, { ok: false, reason: 'binary content, not a text document' })
  })
  it('refuses an encoding that is neither UTF nor plausible windows-1252', () => {
    // Shift-JIS bytes: high bytes that windows-1252 would turn into symbol soup.
    const r = decodeText(
      new Uint8Array([0x83, 0x76, 0x83, 0x8d, 0x83, 0x57, 0x83, 0x46, 0x83, 0x4e, 0x83, 0x67, 0x0a]),
    )
    assert.deepEqual(r, { ok: false, reason: 'unknown text encoding' })
  })
  it('refuses an empty or blank file', () => {
    assert.deepEqual(decodeText(new Uint8Array()), { ok: false, reason: 'empty file' })
    assert.deepEqual(decodeText(utf8(' \n\n ')), { ok: false, reason: 'empty file' })
  })
})

describe('looksLikeHtml', () => {
  it('tells markup from text', () => {
    assert.equal(looksLikeHtml('<!DOCTYPE html><html><body><p>x</p></body></html>'), true)
    assert.equal(looksLikeHtml('<div><h2>Projekt</h2><p>x</p></div>'), true)
    assert.equal(looksLikeHtml('Projekt och samarbeten\n<3 EU'), false)
  })
})

describe('documentFromBytes', () => {
  it('numbers the lines of a text document and hashes its bytes', async () => {
    const doc = await documentFromBytes(utf8('Första raden\r\nAndra raden\n'), 'a.txt')
    assert.equal(doc.mediaType, 'text/plain')
    assert.equal(doc.bytes, 27)
    assert.match(doc.sha256, /^[0-9a-f]{64}$/)
    assert.deepEqual(doc.lines.slice(0, 2), [
      { text: 'Första raden', line: 1, page: null },
      { text: 'Andra raden', line: 2, page: null },
    ])
  })
  it('refuses an old-style Office file', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    assert.match(await refusal(documentFromBytes(ole, 'old.doc')), /old-style Office file/)
  })
  it('refuses a zip that is not a Word document', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('xl/workbook.xml')])
    assert.match(await refusal(documentFromBytes(zip, 'book.docx')), /not a Word document/)
  })
})

describe('readDocument', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projektatlas-read-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  it('refuses a file over the size limit before reading it', async () => {
    const p = join(dir, 'big.txt')
    await writeFile(p, 'x'.repeat(5000))
    assert.match(await refusal(readDocument(p, config)), /larger than the limit of 4 KB/)
  })
  it('refuses a missing file and an empty one', async () => {
    assert.match(await refusal(readDocument(join(dir, 'none.txt'), config)), /no such file/)
    const p = join(dir, 'empty.txt')
    await writeFile(p, '')
    assert.equal(await refusal(readDocument(p, config)), 'empty file')
  })
  it('names the document by its base name', async () => {
    const p = join(dir, 'projekt.txt')
    await writeFile(p, 'Projektnamn: X\n')
    assert.equal((await readDocument(p, config)).name, 'projekt.txt')
  })
})
