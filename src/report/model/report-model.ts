import type { StoredMoney } from '../../registry/money.js'
import { type ReconciliationLine, reconcile } from './reconcile.js'
import type { NarrativeInput, ParticipationInput, ProjectInput, ReportInput } from './report-input.js'

/** Money in the report: integer minor units and the currency (the registry's form). */
export type ReportMoney = StoredMoney

/** One unit's figures: its own forms only, never anything summed over other units. */
export interface UnitFigures {
  readonly unitId: number
  readonly unit: string
  /** forms (participations) the unit reports */
  readonly participations: number
  /** distinct projects among them */
  readonly projects: number
  readonly euProjects: number
  /** the unit's own paid-out in the year: the sum of its forms' amounts */
  readonly paid: ReportMoney
  /** forms that state no amount paid out */
  readonly paidMissing: number
}

/** Paid out and projects per programme family. */
export interface FamilyFigures {
  /** the programme family; 'Okänt' when the programme is unknown */
  readonly family: string
  readonly isEu: boolean
  readonly projects: number
  readonly paid: ReportMoney
}

/** Projects serving one council goal, each counted once. */
export interface GoalFigures {
  readonly goalId: number
  readonly goal: string
  readonly projects: number
}

/** One form of part 2: a unit's participation in a project, with the project's facts shown once. */
export interface ReportForm {
  readonly project: ProjectInput
  readonly participation: ParticipationInput
  /** the other units reporting the same project */
  readonly alsoReportedBy: readonly string[]
  readonly goals: readonly string[]
}

/** Everything the report says, computed once; every renderer reads only this. */
export interface ReportModel {
  readonly organisation: string
  readonly year: number
  readonly currency: string
  readonly projects: {
    /** distinct projects, however many units report each */
    readonly count: number
    /** distinct projects with EU funding (non-EU funders such as Nordplus left out) */
    readonly eu: number
    /** EU projects the year before, when known */
    readonly previousYear: number | null
    /** eu - previousYear, when known */
    readonly change: number | null
  }
  /** participations of the tenant's units in the year (the forms) */
  readonly participations: number
  /** projects reported by more than one unit */
  readonly sharedProjects: readonly { readonly project: string; readonly units: readonly string[] }[]
  readonly units: readonly UnitFigures[]
  readonly paidTotal: ReportMoney
  /** paid out to EU projects only */
  readonly paidEu: ReportMoney
  readonly byProgrammeFamily: readonly FamilyFigures[]
  readonly byGoal: readonly GoalFigures[]
  readonly narratives: readonly { readonly unit: string; readonly answers: readonly NarrativeInput[] }[]
  readonly forms: readonly ReportForm[]
  readonly reconciliation: readonly ReconciliationLine[]
}

/** The family a project is grouped under in the report. */
export const UNKNOWN_FAMILY = 'Okänt'

function sumPaid(parts: readonly ParticipationInput[], currency: string): ReportMoney {
  let amountMinor = 0
  for (const p of parts) {
    if (p.paid && p.paid.currency === currency) {
      amountMinor += p.paid.amountMinor
    }
  }
  return { amountMinor, currency }
}

const collator = new Intl.Collator('sv')

/**
 * Computes every figure of the yearly report from the tenant's projects, pure and synchronous. A
 * project counts once however many units report it; money is never summed across levels (a unit's
 * paid-out is its own forms' sum, a project's total budget is shown once and added to nothing).
 * Amounts in another currency than the report's are left out of sums (the registry keeps SEK for
 * municipal forms); they still show on their form.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { currency } = input
  const projects = input.projects.filter((p) => p.participations.length > 0)
  const allParts = projects.flatMap((p) => p.participations)
  const euProjects = projects.filter((p) => p.isEu)

  const byUnit = new Map<number, { unit: string; parts: ParticipationInput[]; projects: ProjectInput[] }>()
  for (const project of projects) {
    for (const part of project.participations) {
      const entry = byUnit.get(part.unitId) ?? { unit: part.unit, parts: [], projects: [] }
      entry.parts.push(part)
      if (!entry.projects.includes(project)) {
        entry.projects.push(project)
      }
      byUnit.set(part.unitId, entry)
    }
  }
  const units: UnitFigures[] = [...byUnit.entries()]
    .map(([unitId, e]) => ({
      unitId,
      unit: e.unit,
      participations: e.parts.length,
      projects: e.projects.length,
      euProjects: e.projects.filter((p) => p.isEu).length,
      paid: sumPaid(e.parts, currency),
      paidMissing: e.parts.filter((p) => p.paid === null).length,
    }))
    .sort((a, b) => collator.compare(a.unit, b.unit))

  const families = new Map<string, { isEu: boolean; projects: Set<number>; parts: ParticipationInput[] }>()
  for (const project of projects) {
    const family = project.family ?? UNKNOWN_FAMILY
    const entry = families.get(family) ?? { isEu: project.isEu, projects: new Set(), parts: [] }
    entry.projects.add(project.id)
    entry.parts.push(...project.participations)
    families.set(family, entry)
  }
  const byProgrammeFamily: FamilyFigures[] = [...families.entries()]
    .map(([family, e]) => ({
      family,
      isEu: e.isEu,
      projects: e.projects.size,
      paid: sumPaid(e.parts, currency),
    }))
    .sort((a, b) => b.paid.amountMinor - a.paid.amountMinor || collator.compare(a.family, b.family))

  const goalText = new Map(input.goals.map((g) => [g.id, g.text]))
  const goalProjects = new Map<number, Set<number>>()
  for (const project of projects) {
    for (const part of project.participations) {
      for (const g of part.goalIds) {
        const set = goalProjects.get(g) ?? new Set<number>()
        set.add(project.id)
        goalProjects.set(g, set)
      }
    }
  }
  const byGoal: GoalFigures[] = [...goalProjects.entries()]
    .map(([goalId, set]) => ({ goalId, goal: goalText.get(goalId) ?? String(goalId), projects: set.size }))
    .sort((a, b) => b.projects - a.projects || collator.compare(a.goal, b.goal))

  const sharedProjects = projects
    .filter((p) => new Set(p.participations.map((x) => x.unitId)).size > 1)
    .map((p) => ({ project: p.name, units: [...new Set(p.participations.map((x) => x.unit))] }))

  const forms: ReportForm[] = []
  for (const project of projects) {
    for (const participation of project.participations) {
      forms.push({
        project,
        participation,
        alsoReportedBy: [
          ...new Set(
            project.participations.filter((x) => x.unitId !== participation.unitId).map((x) => x.unit),
          ),
        ],
        goals: participation.goalIds.map((g) => goalText.get(g) ?? String(g)),
      })
    }
  }
  forms.sort(
    (a, b) =>
      collator.compare(a.participation.unit, b.participation.unit) ||
      collator.compare(a.project.name, b.project.name),
  )

  const narrativeUnits = new Map<string, NarrativeInput[]>()
  for (const n of input.narratives) {
    const list = narrativeUnits.get(n.unit) ?? []
    list.push(n)
    narrativeUnits.set(n.unit, list)
  }

  const counts = {
    count: projects.length,
    eu: euProjects.length,
    previousYear: input.previousYearEu,
    change: input.previousYearEu === null ? null : euProjects.length - input.previousYearEu,
  }
  const paidTotal = sumPaid(allParts, currency)
  const paidEu = sumPaid(
    euProjects.flatMap((p) => p.participations),
    currency,
  )
  const base = {
    organisation: input.organisation,
    year: input.year,
    currency,
    projects: counts,
    participations: allParts.length,
    sharedProjects,
    units,
    paidTotal,
    paidEu,
    byProgrammeFamily,
    byGoal,
    narratives: [...narrativeUnits.entries()].map(([unit, answers]) => ({ unit, answers })),
    forms,
  }
  return { ...base, reconciliation: reconcile(input, { ...base, projects: counts }) }
}
