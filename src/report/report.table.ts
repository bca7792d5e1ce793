import type { Generated, Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** printed_figure: a figure printed in an imported report, kept for reconciliation. */
export interface PrintedFigureTable {
  id: Generated<number>
  tenant_id: number
  document_id: number
  report_year: number
  figure_year: number | null
  kind: string
  subject_kind: string
  subject: string
  value: number
  currency: string | null
  approximate: number
  line: number
  text: string
}

/** printed_narrative: a unit's part 1 answer printed in an imported report. */
export interface PrintedNarrativeTable {
  id: Generated<number>
  tenant_id: number
  document_id: number
  report_year: number
  unit: string
  question: string
  answer: string
  line: number
}

/** report_round: a tenant's reporting round for one year. */
export interface ReportRoundTable {
  id: Generated<number>
  tenant_id: number
  year: number
  questions_json: string
  deadline: string | null
  created_at: string
  created_by: string
}

/** report_round_unit: one unit's place in a round: its status and part 1 answers. */
export interface ReportRoundUnitTable {
  id: Generated<number>
  tenant_id: number
  round_id: number
  unit_id: number
  status: string
  comment: string | null
  narrative_json: string
  updated_at: string
  updated_by: string
}

/** report_round_entry: a unit's answer for one of its participations in a round. */
export interface ReportRoundEntryTable {
  id: Generated<number>
  tenant_id: number
  round_unit_id: number
  participation_id: number
  paid_text: string | null
  goal_ids_json: string
  description: string | null
}

/** The registry's tables plus the report's. */
export interface ReportDatabase extends Database {
  printed_figure: PrintedFigureTable
  printed_narrative: PrintedNarrativeTable
  report_round: ReportRoundTable
  report_round_unit: ReportRoundUnitTable
  report_round_entry: ReportRoundEntryTable
}

/** The registry handle seen with the report's tables too (they stay in this folder, as curation's do). */
export function reportDb(db: Kysely<Database>): Kysely<ReportDatabase> {
  return db as unknown as Kysely<ReportDatabase>
}
