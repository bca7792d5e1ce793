import { createHash } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { ImportFormatError } from '../../shared/errors.js'
import type { SourceDocument, SourceLine } from '../source-document.js'

/** One run of text as pdf.js places it on the page (PDF units, y growing upwards). */
interface Run {
  readonly text: string
  readonly x: number
  readonly y: number
  readonly right: number
  readonly size: number
}

/** Runs on one baseline, split into cells where a wide gap separates them. */
interface VisualLine {
  readonly y: number
  readonly size: number
  readonly cells: Run[]
}

function squash(text: string): string {
  return text
    .replace(/[\u00A0\u2007\u2009\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

/** Groups runs into lines by baseline, then into cells at gaps wider than a few spaces. */
function toVisualLines(runs: readonly Run[]): VisualLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: { y: number; size: number; runs: Run[] }[] = []
  for (const r of sorted) {
    const last = lines[lines.length - 1]
    if (last && Math.abs(last.y - r.y) <= Math.max(2, 0.4 * Math.min(last.size, r.size))) {
      last.runs.push(r)
      last.size = Math.max(last.size, r.size)
    } else {
      lines.push({ y: r.y, size: r.size, runs: [r] })
    }
  }
  return lines.map((l) => {
    const runsByX = l.runs.sort((a, b) => a.x - b.x)
    const cells: Run[] = []
    for (const r of runsByX) {
      const cur = cells[cells.length - 1]
      const gap = cur ? r.x - cur.right : 0
      if (cur && gap <= Math.max(10, 1.2 * l.size)) {
        // pdf.js puts word spaces inside runs mostly, but not always: a visible gap is a space
        const joiner = gap > 0.15 * l.size && !cur.text.endsWith(' ') && !r.text.startsWith(' ') ? ' ' : ''
        cells[cells.length - 1] = {
          ...cur,
          text: cur.text + joiner + r.text,
          right: Math.max(cur.right, r.right),
        }
      } else {
        cells.push(r)
      }
    }
    return { y: l.y, size: l.size, cells: cells.map((c) => ({ ...c, text: squash(c.text) })) }
  })
}

/**
 * The x where a second column starts on this page, when at least three lines have text there
 * after a wide gap: the answer column of a form, or the right column of a two-column page.
 */
function columnStart(lines: readonly VisualLine[]): number | null {
  const counts = new Map<number, number>()
  for (const l of lines) {
    const second = l.cells[1]
    if (second) {
      const key = Math.round(second.x / 4) * 4
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  let best: number | null = null
  let bestCount = 0
  for (const [x, n] of counts) {
    if (n > bestCount) {
      best = x
      bestCount = n
    }
  }
  return bestCount >= 3 ? best : null
}

/**
 * Writes one page's lines in reading order. A form printed as label | answer keeps each row on one
 * line as "label\tanswer" (an answer's wrapped lines as "\tmore"), so the reader can pair them; a
 * page set in two columns of running text gives the left column, then the right, between the
 * full-width lines; anything else reads top to bottom. A blank line marks a gap wider than a
 * line's spacing (a new paragraph), as plain text shows it.
 */
function pageTexts(lines: readonly VisualLine[]): string[] {
  const col = columnStart(lines)
  const left = Math.min(...lines.map((l) => l.cells[0]?.x ?? Number.POSITIVE_INFINITY))
  const out: string[] = []
  const plain = (l: VisualLine) => l.cells.map((c) => c.text).join(' ')
  let prev: VisualLine | null = null
  const gapBefore = (l: VisualLine) => {
    if (prev && prev.y - l.y > 1.7 * Math.max(prev.size, l.size)) {
      out.push('')
    }
    prev = l
  }
  if (col === null) {
    for (const l of lines) {
      gapBefore(l)
      out.push(plain(l))
    }
    return out
  }
  const inLeft = (c: Run) => c.x < col - 2
  const crosses = (l: VisualLine) => l.cells.some((c) => inLeft(c) && c.right > col + 2)
  const leftCells = lines.flatMap((l) => l.cells.filter((c) => inLeft(c) && c.right <= col + 2))
  const fill = median(leftCells.map((c) => (c.right - left) / Math.max(1, col - left)))
  if (fill >= 0.7) {
    // Two columns of running text: each column in turn between full-width lines.
    let leftCol: string[] = []
    let rightCol: string[] = []
    const flush = () => {
      out.push(...leftCol, ...(leftCol.length > 0 && rightCol.length > 0 ? [''] : []), ...rightCol)
      leftCol = []
      rightCol = []
    }
    for (const l of lines) {
      if (crosses(l)) {
        flush()
        out.push(plain(l))
        continue
      }
      const l1 = l.cells.filter(inLeft).map((c) => c.text)
      const r1 = l.cells.filter((c) => !inLeft(c)).map((c) => c.text)
      if (l1.length > 0) {
        leftCol.push(l1.join(' '))
      }
      if (r1.length > 0) {
        rightCol.push(r1.join(' '))
      }
    }
    flush()
    return out
  }
  for (const l of lines) {
    gapBefore(l)
    if (crosses(l)) {
      out.push(plain(l))
      continue
    }
    const l1 = l.cells.filter(inLeft).map((c) => c.text)
    const r1 = l.cells.filter((c) => !inLeft(c)).map((c) => c.text)
    out.push(r1.length === 0 ? l1.join(' ') : `${l1.join(' ')}\t${r1.join(' ')}`)
  }
  return out
}

/**
 * Drops running headers and footers: one of a page's two first or last lines, in its top or
 * bottom tenth, whose text (page numbers aside) recurs so on at least half the pages (and three). Left in place they would cut into
 * a form that runs over a page break; each is written once, at the top of the first page, as it
 * may carry the report's title and year.
 */
function dropRunningLines(pages: VisualLine[][], margins: readonly { top: number; bottom: number }[]): void {
  const key = (l: VisualLine) =>
    l.cells
      .map((c) => c.text)
      .join(' ')
      .replace(/\d+/g, '#')
  // Only a page's two first or two last lines, inside its top or bottom tenth, can be furniture.
  const inMargin = (l: VisualLine, i: number) => {
    const m = margins[i]
    const lines = pages[i] ?? []
    const at = lines.indexOf(l)
    const extreme = at >= 0 && (at < 2 || at >= lines.length - 2)
    return m !== undefined && extreme && (l.y >= m.top || l.y <= m.bottom)
  }
  const pagesWith = new Map<string, number>()
  pages.forEach((lines, i) => {
    for (const k of new Set(lines.filter((l) => inMargin(l, i)).map(key))) {
      pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1)
    }
  })
  const running = new Set([...pagesWith].filter(([, n]) => n >= 3 && n * 2 >= pages.length).map(([k]) => k))
  if (running.size === 0) {
    return
  }
  const firsts = new Map<string, VisualLine>()
  pages.forEach((lines, i) => {
    pages[i] = lines.filter((l) => {
      const k = key(l)
      if (!inMargin(l, i) || !running.has(k)) {
        return true
      }
      if (!firsts.has(k)) {
        firsts.set(k, l)
      }
      return false
    })
  })
  // Written above everything else on the first page, spaced so no two read as one paragraph.
  const top = Math.max(0, ...pages.flatMap((lines) => lines.map((l) => l.y))) + 1000
  const once = [...firsts.values()].map((l, n) => ({ ...l, y: top + (firsts.size - n) * 3 * l.size }))
  pages[0] = [...once, ...(pages[0] ?? [])]
}

interface PdfTextItem {
  readonly str: string
  readonly transform: readonly number[]
  readonly width: number
  readonly height: number
}

/** One page as the reader thread (pdf-worker.mjs) sends it: its box and its non-blank text items. */
interface PageText {
  readonly view: readonly number[]
  readonly items: readonly PdfTextItem[]
}

type ReaderReply =
  | { readonly id: number; readonly pages: readonly PageText[] }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } }

/** Names the reason pdf.js gives for refusing a file, in one line a user can act on. */
function refusal(name: string, e: unknown): ImportFormatError {
  const kind = e instanceof Error ? e.name : ''
  if (kind === 'PasswordException') {
    return new ImportFormatError(name, 'the PDF is encrypted with a password; save an unprotected copy', {
      cause: e,
    })
  }
  const detail = e instanceof Error ? e.message : String(e)
  return new ImportFormatError(name, `not a readable PDF (${detail})`, { cause: e })
}

/** Limits of a reader thread. */
export interface ReaderLimits {
  /** a document taking longer is refused rather than left to stall an import */
  readonly timeoutMs: number
  /** the thread's heap: a document needing more is refused */
  readonly heapMb: number
  /** an idle thread holds ~65 MB; one unused this long ends (an import reads its files in a row) */
  readonly idleMs: number
}

const READER_LIMITS: ReaderLimits = { timeoutMs: 120_000, heapMb: 512, idleMs: 30_000 }

/**
 * The thread pdf.js runs in, started on first use and kept for the documents that follow; one
 * document at a time, so a thread that dies takes only that document with it. Idle, it keeps no
 * process alive, and after `idleMs` it ends.
 */
export class PdfReaderThread {
  #worker: Worker | null = null
  #idle: NodeJS.Timeout | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #nextId = 1

  constructor(readonly limits: ReaderLimits = READER_LIMITS) {}

  read(bytes: Uint8Array, name: string): Promise<readonly PageText[]> {
    const run = this.#queue.then(() => this.#readNow(bytes, name))
    this.#queue = run.catch(() => undefined)
    return run
  }

  #start(): Worker {
    // Plain JavaScript: none of this process's loader flags (tsx) are needed there.
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
    })
    worker.unref()
    // A thread that dies between documents is replaced on the next one.
    worker.on('error', () => undefined)
    worker.on('exit', () => {
      if (this.#worker === worker) {
        this.#worker = null
      }
    })
    return worker
  }

  /** Ends a thread, which the next document then does not get. */
  #retire(worker: Worker): void {
    if (this.#worker === worker) {
      this.#worker = null
    }
    void worker.terminate()
  }

  #readNow(bytes: Uint8Array, name: string): Promise<readonly PageText[]> {
    clearTimeout(this.#idle)
    this.#worker ??= this.#start()
    const worker = this.#worker
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        worker.unref()
        this.#idle = setTimeout(() => this.#retire(worker), this.limits.idleMs).unref()
        outcome()
      }
      const onMessage = (reply: ReaderReply) => {
        if (reply.id !== id) {
          return
        }
        settle(() =>
          'error' in reply
            ? reject(refusal(name, Object.assign(new Error(reply.error.message), { name: reply.error.name })))
            : resolve(reply.pages),
        )
      }
      const onError = (e: Error & { code?: string }) => {
        this.#retire(worker)
        settle(() =>
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ImportFormatError(name, `the PDF needs more than ${this.limits.heapMb} MB to read`, {
                  cause: e,
                })
              : refusal(name, e),
          ),
        )
      }
      const onExit = () =>
        settle(() => reject(new ImportFormatError(name, 'the PDF reader stopped on this file')))
      const timer = setTimeout(() => {
        settle(() =>
          reject(
            new ImportFormatError(name, `reading the PDF took longer than ${this.limits.timeoutMs / 1000} s`),
          ),
        )
        this.#retire(worker)
      }, this.limits.timeoutMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.ref()
      const copy = new Uint8Array(bytes)
      worker.postMessage({ id, bytes: copy }, [copy.buffer])
    })
  }
}

const readerThread = new PdfReaderThread()

/**
 * Reads a PDF's text as lines in reading order, with the page of each line.
 * @throws {ImportFormatError} when the PDF is truncated, encrypted with a password, or damaged
 */
export async function extractPdfLines(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  // A PDF ends with %%EOF (ISO 32000-1, 7.5.5); pdf.js would quietly read a cut-off file's first pages.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1')
  if (!tail.includes('%%EOF')) {
    throw new ImportFormatError(name, 'the PDF is truncated (no end-of-file marker)')
  }
  const pages: VisualLine[][] = []
  const margins: { top: number; bottom: number }[] = []
  for (const { view, items } of await readerThread.read(bytes, name)) {
    const runs: Run[] = items.map((item) => {
      const [a = 0, b = 0, , d = 0, x = 0, y = 0] = item.transform
      const size = Math.abs(item.height) || Math.hypot(a, b) || Math.abs(d) || 10
      return { text: item.str, x, y, right: x + item.width, size }
    })
    const [, y1 = 0, , y2 = 842] = view
    margins.push({ bottom: y1 + 0.1 * (y2 - y1), top: y2 - 0.1 * (y2 - y1) })
    pages.push(toVisualLines(runs))
  }
  dropRunningLines(pages, margins)
  const out: SourceLine[] = []
  pages.forEach((lines, i) => {
    for (const text of pageTexts(lines)) {
      out.push({ text, line: out.length + 1, page: i + 1 })
    }
  })
  return out
}

/**
 * Reads a PDF into a SourceDocument (see {@link extractPdfLines}).
 * @throws {ImportFormatError} when the PDF is truncated, encrypted with a password, or damaged
 */
export async function extractPdf(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const lines = await extractPdfLines(bytes, name)
  return {
    name,
    mediaType: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    lines,
  }
}
