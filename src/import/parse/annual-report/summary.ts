import type { SourceDocument } from '../../source-document.js'

/** A figure the report prints in its summary (a count of projects, an amount paid out). */
export interface PrintedFigure {
  readonly label: string
  readonly value: number
  readonly unit: 'projects' | 'SEK' | 'committees'
  readonly approximate: boolean
  readonly line: number
}

/** One committee's answer to one of part 1's questions. */
export interface NarrativeAnswer {
  readonly unit: string
  readonly question: string
  readonly answer: string
  readonly line: number
}

/** What an annual report says besides its project forms. */
export interface AnnualReportSummary {
  readonly organisation: string | null
  readonly year: number | null
  readonly printedFigures: PrintedFigure[]
  readonly narratives: NarrativeAnswer[]
}

/** Reads the summary tables and part 1 narratives of an annual report. */
export function readAnnualReportSummary(_doc: SourceDocument): AnnualReportSummary {
  return { organisation: null, year: null, printedFigures: [], narratives: [] }
}
