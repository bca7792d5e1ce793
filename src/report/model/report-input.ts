import type { PrintedFigure } from '../../import/parse/annual-report/summary.js'
import type { StoredMoney } from '../../registry/money.js'

/**
 * A figure printed in an imported report, kept so the computed report can be checked against it:
 * exactly what the annual-report reader gives.
 */
export type PrintedFigureInput = PrintedFigure

/** A unit's answer to one of part 1's questions (printed in an imported report, or given in a round). */
export interface NarrativeInput {
  readonly unit: string
  readonly question: string
  readonly answer: string
}

/** A data issue on a project or participation, as far as the report needs it. */
export interface IssueInput {
  readonly kind: string
  readonly message: string
}

/** One unit's part in a project for the report year: what the unit's form says. */
export interface ParticipationInput {
  readonly id: number
  readonly unitId: number
  readonly unit: string
  readonly role: 'lead' | 'partner' | null
  /** the unit's own budget and EU co-financing, never the project's */
  readonly budget: StoredMoney | null
  readonly euCofinancing: StoredMoney | null
  /** paid out to the unit in the report year; null when the form does not say */
  readonly paid: StoredMoney | null
  /** paid out to the unit the year before, when the registry knows */
  readonly paidPreviousYear: StoredMoney | null
  readonly goalIds: readonly number[]
  readonly description: string | null
}

/** A project of the tenant with the participations of its units. */
export interface ProjectInput {
  readonly id: number
  readonly name: string
  readonly acronym: string | null
  readonly summary: string | null
  readonly programme: string | null
  /** the programme family for grouping; null when the programme is unknown */
  readonly family: string | null
  /** true when the programme is EU funding (Nordplus and other non-EU funders are false) */
  readonly isEu: boolean
  /** ISO 8601 at the precision known */
  readonly start: string | null
  readonly end: string | null
  /** the project's totals: shown once, never added up over its partners */
  readonly totalBudget: StoredMoney | null
  readonly euContribution: StoredMoney | null
  readonly participations: readonly ParticipationInput[]
  readonly issues: readonly IssueInput[]
}

/** A council goal of the tenant. */
export interface GoalInput {
  readonly id: number
  readonly text: string
}

/** Everything the report for one tenant and year is computed from; loaded by report.service. */
export interface ReportInput {
  readonly organisation: string
  readonly year: number
  /** the currency amounts are reported in */
  readonly currency: string
  readonly projects: readonly ProjectInput[]
  readonly goals: readonly GoalInput[]
  /** the previous year's EU project count, when the registry holds that year's payments */
  readonly previousYearEu: number | null
  readonly printed: readonly PrintedFigureInput[]
  readonly narratives: readonly NarrativeInput[]
}
