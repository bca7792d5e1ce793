import { relative, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { type ExtractOutcome, extractRecords } from '../../import/extract-records.js'
import { type ImportDocumentOutcome, importDocument } from '../../import/import-document.js'
import { readDocumentExtras } from '../../import/parse/parse-document.js'
import { ensureTenant } from '../../registry/organisation.service.js'
import { scopeOf } from '../../registry/scope.js'
import { keepPrintedSummary } from '../../report/report.service.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'

/** Options of `projektatlas import`. */
export interface ImportOptions {
  /** the tenant whose documents these are; default: the organisation each document names */
  readonly organisation?: string
}

/** What became of one file in an import run. */
type FileOutcome =
  | { readonly status: 'failed'; readonly file: string; readonly reason: string }
  | {
      readonly status: 'done'
      readonly file: string
      readonly records: number
      readonly result: ImportDocumentOutcome
    }

/** The totals printed at the end of a run. */
interface ImportSummary {
  documents: number
  imported: number
  unchanged: number
  failed: number
  records: number
  created: number
  merged: number
  issues: number
}

/**
 * `projektatlas import FILE...`: extracts each document and stores its records with provenance,
 * one transaction per document, so a failing document leaves nothing behind and the others still
 * import. Prints one line per failed document on stderr, a progress bar on a terminal, and a summary.
 * @returns 0 when every document was imported (or was already there), 1 when any failed
 */
export async function importFiles(files: string[], options: ImportOptions, io: CliIO): Promise<number> {
  return withRegistry(io, async (db, config) => {
    const outcomes = await extractRecords(
      files.map((f) => resolve(io.cwd, f)),
      { config },
    )
    const progress = await progressBar(io, outcomes.length)
    const results: FileOutcome[] = []
    for (const outcome of outcomes) {
      results.push(await importOne(db, outcome, options))
      progress?.increment()
    }
    progress?.stop()
    const summary = summarise(results)
    for (const r of results) {
      if (r.status === 'failed') {
        io.err(`import: ${relative(io.cwd, r.file) || r.file}: ${r.reason}\n`)
      }
    }
    io.out(
      `${summary.documents} documents: ${summary.imported} imported, ${summary.unchanged} unchanged, ` +
        `${summary.failed} failed; ${summary.records} records (${summary.created} new projects, ` +
        `${summary.merged} added to existing ones), ${summary.issues} data issues\n`,
    )
    return summary.failed > 0 ? 1 : 0
  })
}

async function importOne(
  db: Kysely<Database>,
  outcome: ExtractOutcome,
  options: ImportOptions,
): Promise<FileOutcome> {
  if (outcome.status === 'failed') {
    return { status: 'failed', file: outcome.file, reason: outcome.error }
  }
  const named = new Set(outcome.records.map((r) => r.organisation).filter((o): o is string => Boolean(o)))
  const organisation = options.organisation ?? (named.size === 1 ? [...named][0] : undefined)
  if (!organisation) {
    const why =
      named.size > 1 ? `it names ${named.size} organisations` : 'it names no organisation of its own'
    return {
      status: 'failed',
      file: outcome.file,
      reason: `${why}; say whose it is with --organisation NAME`,
    }
  }
  const tenant = await ensureTenant(db, 'cli', { name: organisation })
  const result = await importDocument(db, scopeOf(tenant.id, 'cli'), {
    document: outcome.document,
    records: outcome.records,
    // events per project and the tenant's networks, which listing pages report beside their projects
    ...readDocumentExtras(outcome.document),
  })
  if (result.status === 'rejected') {
    return { status: 'failed', file: outcome.file, reason: `not stored: ${result.issues.join('; ')}` }
  }
  if (result.status === 'imported') {
    // A published annual report's printed totals are kept for the yearly report's reconciliation.
    await keepPrintedSummary(db, scopeOf(tenant.id, 'cli'), result.document.id, outcome.document)
  }
  return { status: 'done', file: outcome.file, records: outcome.records.length, result }
}

function summarise(results: readonly FileOutcome[]): ImportSummary {
  const s: ImportSummary = {
    documents: results.length,
    imported: 0,
    unchanged: 0,
    failed: 0,
    records: 0,
    created: 0,
    merged: 0,
    issues: 0,
  }
  for (const r of results) {
    if (r.status === 'failed') {
      s.failed++
    } else if (r.result.status === 'unchanged') {
      s.unchanged++
    } else if (r.result.status === 'imported') {
      s.imported++
      s.records += r.records
      s.created += r.result.created
      s.merged += r.result.merged
      s.issues += r.result.issues
    }
  }
  return s
}

// Only a terminal gets a bar: piped output and CI logs stay clean.
async function progressBar(io: CliIO, total: number) {
  if (!io.isTTY || total < 2) {
    return undefined
  }
  const { SingleBar, Presets } = await import('cli-progress')
  const bar = new SingleBar(
    { format: 'import [{bar}] {value}/{total} documents', stream: process.stderr },
    Presets.shades_classic,
  )
  bar.start(total, 0)
  return bar
}
