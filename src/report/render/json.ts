import { fromStoredMoney } from '../../registry/money.js'
import type { ReportModel, ReportMoney } from '../model/report-model.js'

/** Money in the JSON report: whole units, as people read it. */
export interface JsonMoney {
  readonly amount: number
  readonly currency: string
}

/** The JSON report: every summary figure, so it can be checked (issue 6's shape). */
export interface JsonReport {
  readonly organisation: string
  readonly year: number
  readonly projects: { readonly count: number; readonly eu: number; readonly previousYear: number | null }
  readonly units: readonly {
    readonly unit: string
    readonly participations: number
    readonly projects: number
    readonly paid: JsonMoney
  }[]
  readonly paidTotal: JsonMoney
  readonly byProgrammeFamily: readonly {
    readonly family: string
    readonly projects: number
    readonly paid: JsonMoney
  }[]
  readonly byGoal: readonly { readonly goal: string; readonly projects: number }[]
  readonly reconciliation: readonly {
    readonly figure: string
    readonly printed: number
    readonly computed: number | null
    readonly explanation: string
  }[]
}

function money(m: ReportMoney): JsonMoney {
  return fromStoredMoney(m)
}

/** The report model as the JSON document the CLI and the web app give out. */
export function toJsonReport(model: ReportModel): JsonReport {
  return {
    organisation: model.organisation,
    year: model.year,
    projects: {
      count: model.projects.count,
      eu: model.projects.eu,
      previousYear: model.projects.previousYear,
    },
    units: model.units.map((u) => ({
      unit: u.unit,
      participations: u.participations,
      projects: u.projects,
      paid: money(u.paid),
    })),
    paidTotal: money(model.paidTotal),
    byProgrammeFamily: model.byProgrammeFamily.map((f) => ({
      family: f.family,
      projects: f.projects,
      paid: money(f.paid),
    })),
    byGoal: model.byGoal.map((g) => ({ goal: g.goal, projects: g.projects })),
    reconciliation: model.reconciliation.map((r) => ({
      figure: r.figure,
      printed: r.printed,
      computed: r.computed,
      explanation: r.explanation,
    })),
  }
}

/** The JSON report as text (two-space indent, trailing newline). */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(toJsonReport(model), null, 2)}\n`
}
