import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import { ProjectRecord } from '../registry/project-record.js'
import { isAppError } from '../shared/errors.js'
import { type ReadDocumentConfig, readDocument } from './extract/read-document.js'
import { parseDocument } from './parse/parse-document.js'
import type { SourceDocument } from './source-document.js'

/** What became of one file: its records, or the one-line reason it could not be read. */
export type ExtractOutcome =
  | {
      readonly status: 'ok'
      readonly file: string
      /** the document's text, kept so an import can cite each value's lines */
      readonly document: SourceDocument
      readonly records: ProjectRecord[]
    }
  | { readonly status: 'failed'; readonly file: string; readonly error: string }

/** What {@link extractRecords} needs. */
export interface ExtractDeps {
  readonly config: ReadDocumentConfig
  /** reads one file; default {@link readDocument} (tests pass a stub) */
  readonly read?: (path: string, config: ReadDocumentConfig) => Promise<SourceDocument>
  /** called after each file, for progress output */
  readonly onOutcome?: (outcome: ExtractOutcome) => void
}

// Compiled once on first use: checking a report's records with Value.Check costs ~100× more.
const compileRecord = () => Compile(ProjectRecord)
let recordValidator: ReturnType<typeof compileRecord> | undefined
function validator(): ReturnType<typeof compileRecord> {
  recordValidator ??= compileRecord()
  return recordValidator
}

/** File endings a folder is searched for; a file named on its own is read whatever its name. */
const DOCUMENT_ENDINGS = /\.(?:txt|text|html?|xhtml|pdf|docx)$/i

/**
 * The extract use case: files and folders in, one outcome per document out, nothing stored.
 * Folders are searched recursively for documents (hidden entries skipped), in name order.
 * Every record is checked against the ProjectRecord schema before it is returned: a reader that
 * produces a bad record fails its file instead of printing bad output.
 * Never throws for a bad document; each failure is an outcome.
 */
export async function extractRecords(paths: readonly string[], deps: ExtractDeps): Promise<ExtractOutcome[]> {
  const read = deps.read ?? readDocument
  const outcomes: ExtractOutcome[] = []
  for (const file of await expand(paths)) {
    const outcome = await extractOne(file, read, deps.config)
    deps.onOutcome?.(outcome)
    outcomes.push(outcome)
  }
  return outcomes
}

async function extractOne(
  file: string,
  read: NonNullable<ExtractDeps['read']>,
  config: ReadDocumentConfig,
): Promise<ExtractOutcome> {
  let doc: SourceDocument
  try {
    doc = await read(file, config)
  } catch (e) {
    return { status: 'failed', file, error: reasonOf(e) }
  }
  let records: ProjectRecord[]
  try {
    records = parseDocument(doc)
  } catch (e) {
    // A reader bug, not the document's fault; say so, and keep going with the other files.
    return { status: 'failed', file, error: `internal error while reading the document: ${messageOf(e)}` }
  }
  const check = validator()
  for (const [i, r] of records.entries()) {
    if (!check.Check(r)) {
      const first = [...check.Errors(r)][0]
      const where = first ? `${first.instancePath || '/'} ${first.message}` : 'does not match the schema'
      return { status: 'failed', file, error: `internal error: record ${i + 1} is invalid (${where})` }
    }
  }
  return { status: 'ok', file, document: doc, records }
}

/** Expands folders into the documents they hold; a path that does not exist stays, to fail on reading. */
async function expand(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const p of paths) {
    let isDir = false
    try {
      isDir = (await stat(p)).isDirectory()
    } catch {
      isDir = false
    }
    if (!isDir) {
      out.push(p)
      continue
    }
    out.push(...(await walk(p)))
  }
  return out
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'))
  entries.sort((a, b) => a.name.localeCompare(b.name))
  const out: string[] = []
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      out.push(...(await walk(p)))
    } else if (e.isFile() && DOCUMENT_ENDINGS.test(e.name)) {
      out.push(p)
    }
  }
  return out
}

function reasonOf(e: unknown): string {
  if (isAppError(e) && 'reason' in e && typeof e.reason === 'string') {
    return e.reason
  }
  if (isAppError(e)) {
    return e.message
  }
  return `internal error while extracting the text: ${messageOf(e)}`
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
