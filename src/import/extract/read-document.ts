import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Config } from '../../config/config.js'
import { ImportFormatError } from '../../shared/errors.js'
import type { MediaType, SourceDocument, SourceLine } from '../source-document.js'
import { decodeText, toLines } from './text.js'

/**
 * The extract stage's front door: file in, SourceDocument out. The type is told from the content
 * (a renamed file is still read right), never from the file name alone.
 */

const DOCX: MediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** What {@link readDocument} needs from the configuration. */
export type ReadDocumentConfig = Pick<Config, 'import'>

/**
 * Reads a file into a SourceDocument: refuses it before reading when it is larger than
 * `config.import.maxFileBytes`, then detects its type from its bytes and extracts its text lines.
 * @param path the file to read
 * @throws {ImportFormatError} naming the file and the reason (missing, too large, empty, binary,
 *   unknown encoding, or whatever the PDF/DOCX/HTML extractor refused)
 */
export async function readDocument(path: string, config: ReadDocumentConfig): Promise<SourceDocument> {
  const name = basename(path)
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) {
      throw new ImportFormatError(name, 'not a regular file')
    }
    size = info.size
  } catch (e) {
    if (e instanceof ImportFormatError) {
      throw e
    }
    throw new ImportFormatError(name, `cannot be read (${systemReason(e)})`, { cause: e })
  }
  const limit = config.import.maxFileBytes
  if (size > limit) {
    throw new ImportFormatError(
      name,
      `file is ${formatBytes(size)}, larger than the limit of ${formatBytes(limit)}`,
    )
  }
  // Read at most limit + 1 bytes: a file that grows after stat is still refused, never loaded whole.
  const bytes = await readAtMost(path, name, limit + 1)
  if (bytes.length > limit) {
    throw new ImportFormatError(name, `file is larger than the limit of ${formatBytes(limit)}`)
  }
  return documentFromBytes(bytes, name)
}

/**
 * Turns a document's bytes into a SourceDocument (no file system): the part of
 * {@link readDocument} that tests and the web upload call directly.
 * @throws {ImportFormatError} when the bytes are not a readable document
 */
export async function documentFromBytes(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const { mediaType, lines } = await extractLines(bytes, name)
  if (!lines.some((l) => l.text.trim() !== '')) {
    throw new ImportFormatError(name, 'the document holds no text')
  }
  return { name, mediaType, sha256, bytes: bytes.length, lines }
}

/** Detects the type from the bytes and hands them to that type's extractor. */
async function extractLines(
  bytes: Uint8Array,
  name: string,
): Promise<{ mediaType: MediaType; lines: readonly SourceLine[] }> {
  if (bytes.length === 0) {
    throw new ImportFormatError(name, 'empty file')
  }
  const kind = sniff(bytes)
  if (kind === 'pdf') {
    const { extractPdfLines } = await import('./pdf.js')
    return { mediaType: 'application/pdf', lines: await extractPdfLines(bytes, name) }
  }
  if (kind === 'zip') {
    if (!containsAscii(bytes, 'word/')) {
      throw new ImportFormatError(name, 'a zip archive that is not a Word document (.docx)')
    }
    const { extractDocxLines } = await import('./docx.js')
    return { mediaType: DOCX, lines: await extractDocxLines(bytes, name) }
  }
  if (kind === 'ole') {
    throw new ImportFormatError(
      name,
      'an old-style Office file (.doc/.xls) or a password-protected Office document; save it as .docx without a password',
    )
  }
  const decoded = decodeText(bytes)
  if (!decoded.ok) {
    throw new ImportFormatError(name, decoded.reason)
  }
  if (looksLikeHtml(decoded.text)) {
    const { extractHtmlLines } = await import('./html.js')
    return { mediaType: 'text/html', lines: await extractHtmlLines(decoded.text, name) }
  }
  return { mediaType: 'text/plain', lines: toLines(decoded.text) }
}

type Sniffed = 'pdf' | 'zip' | 'ole' | 'other'

function sniff(bytes: Uint8Array): Sniffed {
  // PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1, annex H).
  if (containsAscii(bytes.subarray(0, 1024), '%PDF-')) {
    return 'pdf'
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return 'zip'
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return 'ole'
  }
  return 'other'
}

/** HTML by its markup: a doctype or an html/head/body element, or block elements near the start. */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*<!doctype html/i.test(head)) {
    return true
  }
  if (/<(?:html|head|body)[\s>]/i.test(head)) {
    return true
  }
  return (
    head.startsWith('<') &&
    (head.match(/<(?:p|div|h[1-6]|ul|ol|li|table|section|article|main)[\s>]/gi) ?? []).length >= 2
  )
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1')
}

async function readAtMost(path: string, name: string, max: number): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(path, 'r')
    const chunks: Buffer[] = []
    let total = 0
    while (total < max) {
      const want = Math.min(max - total, 1024 * 1024)
      const buf = Buffer.alloc(want)
      const { bytesRead } = await handle.read(buf, 0, want, total)
      if (bytesRead === 0) {
        break
      }
      chunks.push(buf.subarray(0, bytesRead))
      total += bytesRead
    }
    return new Uint8Array(Buffer.concat(chunks, total))
  } catch (e) {
    throw new ImportFormatError(name, `cannot be read (${systemReason(e)})`, { cause: e })
  } finally {
    await handle?.close()
  }
}

function systemReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ENOENT') {
    return 'no such file'
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied'
  }
  if (code === 'EISDIR') {
    return 'is a folder'
  }
  return e instanceof Error ? e.message : String(e)
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) {
    return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
  }
  if (n >= 1024) {
    return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`
  }
  return `${n} bytes`
}
