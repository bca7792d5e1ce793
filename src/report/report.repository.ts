import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { Scope } from '../registry/scope.js'
import type { NarrativeInput, PrintedFigureInput } from './model/report-input.js'
import { reportDb } from './report.table.js'

type Db = Kysely<Database> | Transaction<Database>

/** A tenant unit's participation with its project's facts, as the report reads it. */
export interface ParticipationRow {
  readonly participation_id: number
  readonly project_id: number
  readonly unit_id: number
  readonly unit_name: string
  readonly role: string | null
  readonly budget_minor: number | null
  readonly budget_currency: string | null
  readonly eu_cofinancing_minor: number | null
  readonly eu_cofinancing_currency: string | null
  readonly theme: string | null
  readonly project_name: string
  readonly acronym: string | null
  readonly summary: string | null
  readonly period_start: string | null
  readonly period_end: string | null
  readonly total_budget_minor: number | null
  readonly total_budget_currency: string | null
  readonly eu_contribution_minor: number | null
  readonly eu_contribution_currency: string | null
  readonly programme: string | null
  readonly family: string | null
  readonly is_eu: number | boolean | null
}

/** The report's main aggregate source: every participation of the tenant's units, with project and programme (SQL pinned in report.repository.test.ts). */
export function unitParticipationsQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('participation as pa')
    .innerJoin('unit as u', (j) =>
      j.onRef('u.id', '=', 'pa.unit_id').onRef('u.tenant_id', '=', 'pa.tenant_id'),
    )
    .innerJoin('project as p', (j) =>
      j.onRef('p.id', '=', 'pa.project_id').onRef('p.tenant_id', '=', 'pa.tenant_id'),
    )
    .leftJoin('programme as pr', 'pr.id', 'p.programme_id')
    .select([
      'pa.id as participation_id',
      'pa.project_id',
      'u.id as unit_id',
      'u.name as unit_name',
      'pa.role',
      'pa.budget_minor',
      'pa.budget_currency',
      'pa.eu_cofinancing_minor',
      'pa.eu_cofinancing_currency',
      'pa.theme',
      'p.name as project_name',
      'p.acronym',
      'p.summary',
      'p.period_start',
      'p.period_end',
      'p.total_budget_minor',
      'p.total_budget_currency',
      'p.eu_contribution_minor',
      'p.eu_contribution_currency',
      'pr.canonical as programme',
      'pr.family',
      'pr.is_eu',
    ])
    .where('pa.tenant_id', '=', tenantId)
    .orderBy('pa.id')
}

/** Every participation of the tenant's own units, with project and programme. */
export async function selectUnitParticipations(db: Db, scope: Scope): Promise<ParticipationRow[]> {
  return unitParticipationsQuery(db, scope.tenantId).execute()
}

/** The tenant's payments in the given years. */
export async function selectPayments(
  db: Db,
  scope: Scope,
  years: readonly number[],
): Promise<{ participation_id: number; year: number; amount_minor: number; currency: string }[]> {
  return db
    .selectFrom('payment')
    .select(['participation_id', 'year', 'amount_minor', 'currency'])
    .where('tenant_id', '=', scope.tenantId)
    .where('year', 'in', [...years])
    .execute()
}

/** The council goals each participation serves. */
export async function selectParticipationGoals(
  db: Db,
  scope: Scope,
): Promise<{ participation_id: number; council_goal_id: number }[]> {
  return db
    .selectFrom('participation_goal')
    .select(['participation_id', 'council_goal_id'])
    .where('tenant_id', '=', scope.tenantId)
    .execute()
}

/** The tenant's council goals. */
export async function selectGoals(db: Db, scope: Scope): Promise<{ id: number; text: string }[]> {
  return db
    .selectFrom('council_goal')
    .select(['id', 'text'])
    .where('tenant_id', '=', scope.tenantId)
    .orderBy('number')
    .execute()
}

/** Open data issues on the tenant's projects and participations. */
export async function selectIssues(
  db: Db,
  scope: Scope,
): Promise<{ entity: string; entity_id: number; kind: string; message: string }[]> {
  return db
    .selectFrom('data_issue')
    .select(['entity', 'entity_id', 'kind', 'message'])
    .where('tenant_id', '=', scope.tenantId)
    .where('entity', 'in', ['project', 'participation'])
    .execute()
}

/** The figures printed in the tenant's imported reports for a year. */
export async function selectPrintedFigures(
  db: Db,
  scope: Scope,
  year: number,
): Promise<PrintedFigureInput[]> {
  const rows = await reportDb(db as Kysely<Database>)
    .selectFrom('printed_figure')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('report_year', '=', year)
    .orderBy('line')
    .execute()
  return rows.map((r) => ({
    kind: r.kind as PrintedFigureInput['kind'],
    subjectKind: r.subject_kind as PrintedFigureInput['subjectKind'],
    subject: r.subject,
    year: r.figure_year,
    value: Number(r.value),
    currency: r.currency,
    approximate: Boolean(r.approximate),
    line: r.line,
    text: r.text,
  }))
}

/** The part 1 answers printed in the tenant's imported reports for a year. */
export async function selectPrintedNarratives(db: Db, scope: Scope, year: number): Promise<NarrativeInput[]> {
  return reportDb(db as Kysely<Database>)
    .selectFrom('printed_narrative')
    .select(['unit', 'question', 'answer'])
    .where('tenant_id', '=', scope.tenantId)
    .where('report_year', '=', year)
    .orderBy('line')
    .execute()
}

/** Replaces what one document printed with the given figures and answers. */
export async function replacePrinted(
  db: Db,
  scope: Scope,
  documentId: number,
  year: number,
  figures: readonly PrintedFigureInput[],
  narratives: readonly (NarrativeInput & { line: number })[],
): Promise<void> {
  const rdb = reportDb(db as Kysely<Database>)
  await rdb
    .deleteFrom('printed_figure')
    .where('tenant_id', '=', scope.tenantId)
    .where('document_id', '=', documentId)
    .execute()
  await rdb
    .deleteFrom('printed_narrative')
    .where('tenant_id', '=', scope.tenantId)
    .where('document_id', '=', documentId)
    .execute()
  if (figures.length > 0) {
    await rdb
      .insertInto('printed_figure')
      .values(
        figures.map((f) => ({
          tenant_id: scope.tenantId,
          document_id: documentId,
          report_year: year,
          figure_year: f.year,
          kind: f.kind,
          subject_kind: f.subjectKind,
          subject: f.subject,
          value: f.value,
          currency: f.currency,
          approximate: f.approximate ? 1 : 0,
          line: f.line,
          text: f.text,
        })),
      )
      .execute()
  }
  if (narratives.length > 0) {
    await rdb
      .insertInto('printed_narrative')
      .values(
        narratives.map((n) => ({
          tenant_id: scope.tenantId,
          document_id: documentId,
          report_year: year,
          unit: n.unit,
          question: n.question,
          answer: n.answer,
          line: n.line,
        })),
      )
      .execute()
  }
}
