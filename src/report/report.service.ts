import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { readAnnualReportSummary } from '../import/parse/annual-report/index.js'
import type { SourceDocument } from '../import/source-document.js'
import { moneyFromColumns } from '../registry/money.js'
import { getTenant, listTenants } from '../registry/organisation.service.js'
import type { Scope } from '../registry/scope.js'
import { NotFoundError } from '../shared/errors.js'
import type { IssueInput, ParticipationInput, ProjectInput, ReportInput } from './model/report-input.js'
import { buildReportModel, type ReportModel } from './model/report-model.js'
import {
  replacePrinted,
  selectGoals,
  selectIssues,
  selectParticipationGoals,
  selectPayments,
  selectPrintedFigures,
  selectPrintedNarratives,
  selectUnitParticipations,
} from './report.repository.js'
import { approvedAnswers } from './round/round-answers.js'

type Db = Kysely<Database>

/** The currency the municipal report sums in. */
const REPORT_CURRENCY = 'SEK'

function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null
}

/**
 * Whether a participation belongs in the year's report: a payment that year, or a project period
 * that covers the year (a form that states no amount still counts as a form).
 */
function inYear(start: string | null, end: string | null, hasPayment: boolean, year: number): boolean {
  if (hasPayment) {
    return true
  }
  const from = yearOf(start)
  const to = yearOf(end)
  if (from === null && to === null) {
    return false
  }
  return (from ?? year) <= year && year <= (to ?? year)
}

/**
 * Loads what the year's report is computed from: the tenant's units' participations in the year,
 * their payments (this year and last), goals, data issues, what an imported report printed, and
 * the approved answers of the year's reporting round (which take the place of printed part 1
 * answers of the same unit). `withRound: false` leaves the round out (the round's own form).
 */
export async function loadReportInput(
  db: Db,
  scope: Scope,
  year: number,
  options: { withRound?: boolean } = {},
): Promise<ReportInput> {
  const tenant = await getTenant(db, scope.tenantId)
  const [rows, payments, goalLinks, goals, issues, printed, narratives] = await Promise.all([
    selectUnitParticipations(db, scope),
    selectPayments(db, scope, [year, year - 1]),
    selectParticipationGoals(db, scope),
    selectGoals(db, scope),
    selectIssues(db, scope),
    selectPrintedFigures(db, scope, year),
    selectPrintedNarratives(db, scope, year),
  ])
  const round =
    options.withRound === false
      ? { narratives: [], descriptions: new Map<number, string>() }
      : await approvedAnswers(db, scope, year)
  const paid = new Map<string, ParticipationInput['paid']>()
  for (const p of payments) {
    paid.set(`${p.participation_id}|${p.year}`, { amountMinor: Number(p.amount_minor), currency: p.currency })
  }
  const goalsOf = new Map<number, number[]>()
  for (const g of goalLinks) {
    goalsOf.set(g.participation_id, [...(goalsOf.get(g.participation_id) ?? []), g.council_goal_id])
  }
  const issuesOf = new Map<string, IssueInput[]>()
  for (const i of issues) {
    const key = `${i.entity}|${i.entity_id}`
    issuesOf.set(key, [...(issuesOf.get(key) ?? []), { kind: i.kind, message: i.message }])
  }

  const projects = new Map<number, ProjectInput & { participations: ParticipationInput[] }>()
  let previousYearEu: Set<number> | null = null
  const hasPreviousYear = payments.some((p) => p.year === year - 1)
  if (hasPreviousYear) {
    previousYearEu = new Set()
  }
  for (const r of rows) {
    const thisYear = paid.get(`${r.participation_id}|${year}`) ?? null
    const lastYear = paid.get(`${r.participation_id}|${year - 1}`) ?? null
    const isEu = Boolean(r.is_eu) && r.programme !== null
    if (previousYearEu && lastYear && isEu) {
      previousYearEu.add(r.project_id)
    }
    if (!inYear(r.period_start, r.period_end, paid.has(`${r.participation_id}|${year}`), year)) {
      continue
    }
    const project = projects.get(r.project_id) ?? {
      id: r.project_id,
      name: r.project_name,
      acronym: r.acronym,
      summary: r.summary,
      programme: r.programme,
      family: r.programme ? r.family : null,
      isEu,
      start: r.period_start,
      end: r.period_end,
      totalBudget: moneyFromColumns(r.total_budget_minor, r.total_budget_currency),
      euContribution: moneyFromColumns(r.eu_contribution_minor, r.eu_contribution_currency),
      participations: [],
      issues: issuesOf.get(`project|${r.project_id}`) ?? [],
    }
    project.participations.push({
      id: r.participation_id,
      unitId: r.unit_id,
      unit: r.unit_name,
      role: r.role === 'lead' || r.role === 'partner' ? r.role : null,
      budget: moneyFromColumns(r.budget_minor, r.budget_currency),
      euCofinancing: moneyFromColumns(r.eu_cofinancing_minor, r.eu_cofinancing_currency),
      paid: thisYear,
      paidPreviousYear: lastYear,
      goalIds: goalsOf.get(r.participation_id) ?? [],
      description: round.descriptions.get(r.participation_id) ?? r.theme,
    })
    projects.set(r.project_id, project)
  }
  return {
    organisation: tenant.name,
    year,
    currency: REPORT_CURRENCY,
    projects: [...projects.values()],
    goals,
    previousYearEu: previousYearEu ? previousYearEu.size : null,
    printed,
    narratives: [
      ...narratives.filter((n) => !round.narratives.some((a) => a.unit === n.unit)),
      ...round.narratives,
    ],
  }
}

/** Computes the report model of a tenant's year. */
export async function buildReport(db: Db, scope: Scope, year: number): Promise<ReportModel> {
  return buildReportModel(await loadReportInput(db, scope, year))
}

/**
 * The tenant named `name` (exact, then case-insensitive).
 * @throws {NotFoundError} when no tenant has that name
 */
export async function findTenantByName(db: Db, name: string): Promise<{ id: number; name: string }> {
  const tenants = await listTenants(db)
  const hit =
    tenants.find((t) => t.name === name) ??
    tenants.find((t) => t.name.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'))
  if (!hit) {
    throw new NotFoundError(`No organisation named "${name}" keeps a registry here`)
  }
  return { id: hit.id, name: hit.name }
}

/**
 * Keeps the summary figures and part 1 answers an imported annual report prints, so the report
 * for that year can be reconciled against them. Does nothing for a document without a summary.
 * @returns how many figures were kept
 */
export async function keepPrintedSummary(
  db: Db,
  scope: Scope,
  documentId: number,
  doc: SourceDocument,
): Promise<number> {
  const summary = readAnnualReportSummary(doc)
  if (summary.year === null || (summary.printedFigures.length === 0 && summary.narratives.length === 0)) {
    return 0
  }
  await replacePrinted(
    db,
    scope,
    documentId,
    summary.year,
    summary.printedFigures,
    summary.narratives.map((n) => ({ unit: n.unit, question: n.question, answer: n.answer, line: n.line })),
  )
  return summary.printedFigures.length
}
