import { createHash } from 'node:crypto'
import { ImportFormatError } from '../../shared/errors.js'
import type { SourceDocument, SourceLine } from '../source-document.js'

/** Limits a DOCX must keep before it is unzipped; a real committee form is a few hundred kB. */
export interface DocxLimits {
  /** the most entries the zip may list; default 2 000 */
  readonly maxEntries: number
  /** the most bytes all entries may unpack to, as the central directory declares; default 100 MB */
  readonly maxUnpackedBytes: number
  /** the highest unpacked-to-packed ratio of one large entry; default 200 (text compresses ~10×) */
  readonly maxRatio: number
}

const DEFAULT_LIMITS: DocxLimits = { maxEntries: 2000, maxUnpackedBytes: 100 * 1024 * 1024, maxRatio: 200 }

const MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

interface ZipEntryInfo {
  readonly fileName: string
  readonly compressedSize: number
  readonly uncompressedSize: number
}

/** Lists the zip's entries from its central directory without inflating any of them. */
async function listEntries(bytes: Uint8Array, name: string, limits: DocxLimits): Promise<ZipEntryInfo[]> {
  const yauzl = await import('yauzl')
  return new Promise((resolve, reject) => {
    const fail = (reason: string, cause?: unknown) =>
      reject(new ImportFormatError(name, reason, cause === undefined ? undefined : { cause }))
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        fail(
          `not a readable Word document: the zip archive is damaged or truncated (${err?.message ?? 'no archive'})`,
          err,
        )
        return
      }
      if (zip.entryCount > limits.maxEntries) {
        zip.close()
        fail(`refused as a possible zip bomb: ${zip.entryCount} entries (limit ${limits.maxEntries})`)
        return
      }
      const entries: ZipEntryInfo[] = []
      zip.on('entry', (e: ZipEntryInfo) => {
        entries.push({
          fileName: e.fileName,
          compressedSize: e.compressedSize,
          uncompressedSize: e.uncompressedSize,
        })
        zip.readEntry()
      })
      zip.on('end', () => resolve(entries))
      zip.on('error', (e: Error) => fail(`not a readable Word document: ${e.message}`, e))
      zip.readEntry()
    })
  })
}

/**
 * Inflates every entry once through yauzl, which stops an entry the moment it unpacks past the
 * size the central directory declares: an archive that lies about its sizes is refused here, with
 * at most the declared (already limited) total unpacked, before mammoth trusts it.
 */
async function verifyDeclaredSizes(bytes: Uint8Array, name: string): Promise<void> {
  const yauzl = await import('yauzl')
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) =>
      reject(
        new ImportFormatError(
          name,
          `refused: an entry does not unpack as the archive declares (${e.message})`,
          { cause: e },
        ),
      )
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        fail(err ?? new Error('no archive'))
        return
      }
      zip.on('entry', (entry: Parameters<typeof zip.openReadStream>[0]) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            zip.close()
            fail(e ?? new Error('no stream'))
            return
          }
          stream.on('error', (se: Error) => {
            zip.close()
            fail(se)
          })
          stream.on('end', () => zip.readEntry())
          stream.resume()
        })
      })
      zip.on('end', () => resolve())
      zip.on('error', fail)
      zip.readEntry()
    })
  })
}

/** Refuses an archive whose declared sizes would unpack far beyond any real document. */
function checkSizes(entries: readonly ZipEntryInfo[], name: string, limits: DocxLimits): void {
  let total = 0
  for (const e of entries) {
    total += e.uncompressedSize
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize)
    if (e.uncompressedSize > 10 * 1024 * 1024 && ratio > limits.maxRatio) {
      throw new ImportFormatError(
        name,
        `refused as a possible zip bomb: ${e.fileName} unpacks ${Math.round(ratio)} times its packed size`,
      )
    }
  }
  if (total > limits.maxUnpackedBytes) {
    throw new ImportFormatError(
      name,
      `refused as a possible zip bomb: unpacks to ${Math.round(total / 1024 / 1024)} MB (limit ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB)`,
    )
  }
  if (!entries.some((e) => e.fileName === 'word/document.xml')) {
    throw new ImportFormatError(name, 'not a Word document: the archive holds no word/document.xml')
  }
}

function squash(text: string): string {
  return text
    .replace(/[\u00A0\u2007\u2009\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Turns mammoth's HTML into text lines: one line per paragraph or heading with a blank line after
 * each block (so a reader sees paragraphs as plain text shows them), list items as "• text" or
 * "1. text", and each table row as its cells joined by a tab ("Projektnamn\tMedvind Malmö"). A cell
 * of several paragraphs continues on the next lines with its cell position kept ("\tsecond paragraph").
 */
async function htmlToTexts(html: string): Promise<string[]> {
  const cheerio = await import('cheerio')
  const $ = cheerio.load(html)
  const out: string[] = []
  const paragraphsOf = (cell: Parameters<typeof $>[0]): string[] => {
    const ps = $(cell)
      .find('p, li')
      .toArray()
      .map((p) => squash($(p).text()))
      .filter((t) => t !== '')
    return ps.length > 0 ? ps : [squash($(cell).text())].filter((t) => t !== '')
  }
  const walk = (nodes: ReturnType<typeof $>) => {
    nodes.each((_, el) => {
      if (el.type !== 'tag') {
        return
      }
      const tag = el.tagName.toLowerCase()
      if (tag === 'table') {
        $(el)
          .find('tr')
          .each((_i, tr) => {
            const cells = $(tr)
              .children('td, th')
              .toArray()
              .map((c) => paragraphsOf(c))
            const height = Math.max(1, ...cells.map((c) => c.length))
            for (let k = 0; k < height; k++) {
              const row = cells.map((c) => c[k] ?? '')
              out.push(cells.length > 1 ? row.join('\t') : (row[0] ?? ''))
            }
          })
        out.push('')
        return
      }
      if (tag === 'ul' || tag === 'ol') {
        $(el)
          .children('li')
          .each((i, li) => {
            const text = squash($(li).text())
            out.push(tag === 'ol' ? `${i + 1}. ${text}` : `• ${text}`)
          })
        out.push('')
        return
      }
      if (/^(p|h[1-6])$/.test(tag)) {
        const text = squash($(el).text())
        if (text !== '') {
          out.push(text, '')
        }
        return
      }
      walk($(el).children())
    })
  }
  walk($.root().children())
  return out
}

/**
 * What mammoth's failure says, without its XML parser's wrapping: xmldom reports "error: [xmldom
 * error]\t<what>\n@#[line:…,col:…]", and <what> may quote the document's text.
 */
function mammothDetail(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const xml = /\[xmldom (?:warning|error|fatalError)\]\s*(?:element parse error: (?:Error: )?)?([^\n]*)/.exec(
    message,
  )
  return xml ? `damaged XML: ${xml[1]}` : message
}

/**
 * Reads a Word document's text lines (mammoth), keeping its tables readable as label | answer rows.
 * The zip's central directory is checked first: a zip bomb is refused before anything is inflated.
 * @throws {ImportFormatError} for a damaged or truncated archive, a possible zip bomb, or a zip
 *   that is no Word document
 */
export async function extractDocxLines(
  bytes: Uint8Array,
  name: string,
  limits: DocxLimits = DEFAULT_LIMITS,
): Promise<SourceLine[]> {
  checkSizes(await listEntries(bytes, name, limits), name, limits)
  await verifyDeclaredSizes(bytes, name)
  const mammoth = await import('mammoth')
  let html: string
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })
    html = result.value
  } catch (e) {
    throw new ImportFormatError(name, `not a readable Word document (${mammothDetail(e)})`, { cause: e })
  }
  const texts = await htmlToTexts(html)
  while (texts.length > 0 && texts[texts.length - 1] === '') {
    texts.pop()
  }
  return texts.map((text, i) => ({ text, line: i + 1, page: null }))
}

/**
 * Reads a Word document into a SourceDocument (see {@link extractDocxLines}).
 * @throws {ImportFormatError} as {@link extractDocxLines}
 */
export async function extractDocx(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const lines = await extractDocxLines(bytes, name)
  return {
    name,
    mediaType: MEDIA_TYPE,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    lines,
  }
}
