import type { ParticipationInput, ProjectInput, ReportInput } from './report-input.js'

const SEK = (whole: number) => ({ amountMinor: whole * 100, currency: 'SEK' })

function part(
  id: number,
  unitId: number,
  unit: string,
  paid: number | null,
  goalIds: number[] = [],
): ParticipationInput {
  return {
    id,
    unitId,
    unit,
    role: 'partner',
    budget: SEK(1_000_000),
    euCofinancing: null,
    paid: paid === null ? null : SEK(paid),
    paidPreviousYear: null,
    goalIds,
    description: null,
  }
}

function project(
  id: number,
  name: string,
  family: string | null,
  isEu: boolean,
  parts: ParticipationInput[],
): ProjectInput {
  return {
    id,
    name,
    acronym: null,
    summary: `Om ${name}.`,
    programme: family,
    family,
    isEu,
    start: '2024-01-01',
    end: '2026-12-31',
    totalBudget: SEK(10_000_000),
    euContribution: SEK(8_000_000),
    participations: parts,
    issues: [],
  }
}

/**
 * A small year for tests and the benchmark: `n` projects over three units, every seventh shared by
 * two units, every tenth funded by Nordplus; a printed summary with a few figures.
 */
export function sampleInput(n = 6): ReportInput {
  const units = ['Miljönämnden', 'Kulturnämnden', 'Grundskolenämnden'] as const
  const projects: ProjectInput[] = []
  let pid = 1
  for (let i = 1; i <= n; i++) {
    const u = i % units.length
    const parts = [part(pid++, u + 1, units[u] ?? '', 100_000 + i * 1_000, [1 + (i % 2)])]
    if (i % 7 === 0) {
      const v = (u + 1) % units.length
      parts.push(part(pid++, v + 1, units[v] ?? '', 50_000, [1]))
    }
    const nordic = i % 10 === 0
    projects.push(project(i, `Projekt ${i}`, nordic ? 'Nordic' : i % 2 ? 'ESF' : 'Interreg', !nordic, parts))
  }
  return {
    organisation: 'Exempelstad',
    year: 2025,
    currency: 'SEK',
    projects,
    goals: [
      { id: 1, text: 'En grön stad' },
      { id: 2, text: 'En jämlik stad' },
    ],
    previousYearEu: 4,
    printed: [],
    narratives: [
      {
        unit: 'Miljönämnden',
        question: 'Redogör kortfattat för det internationella arbetet.',
        answer: 'Nätverk.\n\nStudiebesök.',
      },
    ],
  }
}
