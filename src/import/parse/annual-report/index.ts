import type { ProjectRecord } from '../../../registry/project-record.js'
import type { SourceDocument } from '../../source-document.js'
import { readOrganisation, readReportYear, unitsByLine } from './document-facts.js'
import { flagDuplicates } from './duplicates.js'
import { questionFamily, readForms } from './form.js'
import { toFormLines } from './form-lines.js'
import { formToRecord, type ReportContext } from './records.js'
import { listedGoals } from './summary.js'

export type { AnnualReportSummary, NarrativeAnswer, PrintedFigure } from './summary.js'
export { readAnnualReportSummary } from './summary.js'

/** Options for {@link readAnnualReport}. */
export interface AnnualReportOptions {
  /**
   * Also read partners, lead partner, status and web address from each description's prose.
   * Default: on for a compiled report (the document names its organisation), off for a committee's
   * own form, whose records hold only what its answers state.
   */
  readonly readProse?: boolean
}

/**
 * Recognises the annual-report family: per-project forms whose questions are "Projektnamn",
 * "Projektstart"/"Projektslut", the role and the budget or paid-out boxes.
 */
export function looksLikeAnnualReport(doc: SourceDocument): boolean {
  let names = 0
  const kinds = new Set<string>()
  for (const line of toFormLines(doc)) {
    const family = questionFamily(line)
    if (family === 'name') {
      names++
    } else if (family !== null && family !== 'programme') {
      // "Program" alone is a listing page's label too; the form's other questions are not
      kinds.add(family === 'start' || family === 'end' || family === 'period' ? 'dates' : family)
    }
  }
  return names > 0 && kinds.size >= 2
}

/**
 * Reads the project records of an annual international report (Malmö's "Internationell
 * redovisning", part 2) or of one committee's form for it: one record per "Projektnamn" form,
 * with the committee from the heading above it, the report year for the paid-out amount, and the
 * data-quality issues the source shows. Summary tables and part 1 narratives give no records
 * (see {@link readAnnualReportSummary}).
 * @param doc the extracted document (plain text, or PDF/DOCX with table rows as `label\tanswer`)
 * @returns the records in document order; none when the document holds no form
 */
export function readAnnualReport(doc: SourceDocument, options: AnnualReportOptions = {}): ProjectRecord[] {
  const lines = toFormLines(doc)
  const organisation = readOrganisation(lines)
  const ctx: ReportContext = {
    organisation,
    year: readReportYear(doc.lines.map((l) => l.text)),
    readProse: options.readProse ?? organisation !== null,
    councilGoals: listedGoals(lines),
  }
  const indexOf = new Map(lines.map((l, i) => [l, i]))
  const units = unitsByLine(lines)
  const records = readForms(lines).flatMap((form) => {
    const unit = units[indexOf.get(form.first) ?? 0] ?? null
    const record = formToRecord(doc, form, unit, ctx)
    // A form that names no project (no answer, no title above it) identifies nothing to record.
    return record.name === '' ? [] : [record]
  })
  if (ctx.year === null) {
    for (const r of records) {
      r.issues.push('the report year is not stated, so the paid-out amount has no year')
    }
  }
  return flagDuplicates(records)
}
