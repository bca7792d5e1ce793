import { dice, trigrams } from '../../curation/text.js'
import { PROGRAMMES } from '../../registry/programmes.js'
import { fold } from '../../shared/fold.js'
import type { ParticipationInput, PrintedFigureInput, ProjectInput, ReportInput } from './report-input.js'

/** Why a printed figure differs from the computed one. */
export type ExplanationKind =
  | 'non-eu'
  | 'double-reported'
  | 'wrong-box'
  | 'amount-missing'
  | 'ended'
  | 'goal-wording'
  | 'goal-unlisted'
  | 'left-out'
  | 'counted-twice'

/** One project that explains part of a difference. */
export interface ReconciliationItem {
  readonly kind: ExplanationKind
  readonly project: string
  readonly unit: string
  /** how much the item moves the computed figure towards the printed one (count or whole units) */
  readonly delta: number
}

/** How a printed figure relates to the computed one. */
export type ReconciliationStatus =
  | 'equal'
  | 'rounding'
  | 'explained'
  | 'no-data'
  | 'unmatched'
  | 'not-reproducible'

/** A printed figure beside the computed one, the difference and the projects that explain it. */
export interface ReconciliationLine {
  /** e.g. "EU-projekt 2025 (Malmö stad)", "Utbetalt 2025: Miljönämnden" */
  readonly figure: string
  readonly kind: PrintedFigureInput['kind']
  readonly subjectKind: PrintedFigureInput['subjectKind']
  readonly subject: string
  /** the registry's name for the subject when it was matched */
  readonly matched: string | null
  readonly year: number | null
  readonly printed: number
  readonly computed: number | null
  readonly currency: string | null
  readonly difference: number | null
  readonly status: ReconciliationStatus
  readonly items: readonly ReconciliationItem[]
  readonly explanation: string
  /** where the figure is printed */
  readonly line: number
}

/** The model's figures the reconciliation compares with. */
interface Computed {
  readonly projects: { readonly eu: number; readonly previousYear: number | null }
  readonly units: readonly { readonly unit: string }[]
}

interface Scoped {
  readonly project: ProjectInput
  readonly part: ParticipationInput
}

const COST: Record<ExplanationKind, number> = {
  'non-eu': 1,
  'double-reported': 2,
  'wrong-box': 2,
  'amount-missing': 3,
  ended: 3,
  'goal-wording': 3,
  'goal-unlisted': 4,
  'left-out': 8,
  'counted-twice': 8,
}

const CATEGORY_TEXT: Record<ExplanationKind, string> = {
  'non-eu': 'finansiering utanför EU',
  'double-reported': 'samma projekt rapporterat av flera nämnder',
  'wrong-box': 'belopp i fel ruta på blanketten',
  'amount-missing': 'blankett utan utbetalt belopp',
  ended: 'projekt som avslutades före året',
  'goal-wording': 'blanketter som anger ett liknande mål med andra ord',
  'goal-unlisted':
    'blanketter som anger mål med andra ord än den tryckta mållistan (projekten kan ha räknats under detta mål)',
  'left-out': 'saknas i den tryckta siffran',
  'counted-twice': 'räknat två gånger i den tryckta siffran',
}

function wholeUnits(amountMinor: number): number {
  return amountMinor / 100
}

/** Half of the unit the printed figure is rounded to ("ca 55,7 miljoner" → 50 000). */
export function roundingTolerance(value: number, approximate: boolean): number {
  if (!approximate || value === 0) {
    return 0.5
  }
  let unit = 1
  while (value % (unit * 10) === 0) {
    unit *= 10
  }
  return unit / 2
}

function compactLetters(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}+]/gu, '')
}

/** True when `short` could abbreviate `long`: its letters appear in order, starting alike ("Gy Vux-nämnden"). */
function abbreviates(short: string, long: string): boolean {
  const s = compactLetters(short)
  const l = compactLetters(long)
  if (s === '' || s[0] !== l[0]) {
    return false
  }
  let i = 0
  for (const ch of l) {
    if (ch === s[i]) {
      i++
    }
  }
  return i === s.length
}

/** The candidate a printed name stands for: equal when folded, else the one it uniquely abbreviates, else the closest. */
function matchName(printed: string, candidates: readonly string[], minDice = 0.75): string | null {
  const key = compactLetters(printed)
  const exact = candidates.find((c) => compactLetters(c) === key)
  if (exact) {
    return exact
  }
  const short = candidates.filter((c) => abbreviates(printed, c))
  if (short.length === 1) {
    return short[0] ?? null
  }
  const grams = trigrams(key)
  let best: string | null = null
  let bestScore = minDice
  for (const c of short.length > 1 ? short : candidates) {
    const score = dice(grams, trigrams(compactLetters(c)))
    if (score >= bestScore) {
      best = c
      bestScore = score
    }
  }
  return best
}

/** The programme family a printed programme name stands for ("Horisont" → Horizon, "ERUF" → ERDF). */
function familyOf(printed: string, families: readonly string[]): string | null {
  const key = fold(printed)
  const hits = new Set<string>()
  for (const p of PROGRAMMES) {
    for (const name of [p.name, p.family, ...p.aliases]) {
      const f = fold(name)
      if (f === key || f.startsWith(`${key} `)) {
        hits.add(p.family)
      }
    }
  }
  const known = [...hits].filter((f) => families.includes(f))
  if (known.length === 1) {
    return known[0] ?? null
  }
  return hits.size === 1 ? ([...hits][0] ?? null) : null
}

function endedBefore(project: ProjectInput, year: number): boolean {
  const endYear = project.end ? Number(project.end.slice(0, 4)) : null
  return endYear !== null && endYear < year
}

function hasIssue(project: ProjectInput, pattern: RegExp): boolean {
  return project.issues.some((i) => pattern.test(i.message))
}

const WRONG_BOX = /\bbox(es)?\b/i
const PAID_WRONG_BOX = /paid amount given in the (partner|owner) box/i
const GOAL_UNLISTED = /goal .* is not one of the council goals/i

/** Adjustments that could explain a count of projects. `countsEu`: the computed figure counts EU projects only. */
function countItems(
  scope: readonly Scoped[],
  year: number,
  countsEu: boolean,
  perUnit: boolean,
): ReconciliationItem[] {
  const items: ReconciliationItem[] = []
  const seen = new Set<number>()
  for (const { project, part } of scope) {
    const base = { project: project.name, unit: part.unit }
    const firstForm = !seen.has(project.id)
    seen.add(project.id)
    const shared = new Set(project.participations.map((x) => x.unitId)).size > 1
    if (!project.isEu) {
      if (firstForm) {
        items.push({ ...base, kind: 'non-eu', delta: countsEu ? 1 : -1 })
      }
      continue
    }
    if (shared && (perUnit || !firstForm)) {
      items.push({ ...base, kind: 'double-reported', delta: perUnit ? -1 : 1 })
    }
    if (!firstForm) {
      continue
    }
    if (endedBefore(project, year)) {
      items.push({ ...base, kind: 'ended', delta: -1 })
    }
    if (part.paid === null) {
      items.push({ ...base, kind: 'amount-missing', delta: -1 })
    }
    if (hasIssue(project, WRONG_BOX)) {
      items.push({ ...base, kind: 'wrong-box', delta: -1 })
    }
    items.push({ ...base, kind: 'left-out', delta: -1 })
    items.push({ ...base, kind: 'counted-twice', delta: 1 })
  }
  return items
}

/** Adjustments that could explain a sum paid out (the computed sum covers every form in scope). */
function paidItems(scope: readonly Scoped[], perUnit: boolean): ReconciliationItem[] {
  const items: ReconciliationItem[] = []
  for (const { project, part } of scope) {
    const paid = part.paid ? wholeUnits(part.paid.amountMinor) : 0
    if (paid === 0) {
      continue
    }
    const base = { project: project.name, unit: part.unit }
    const shared = new Set(project.participations.map((x) => x.unitId)).size > 1
    if (!project.isEu) {
      items.push({ ...base, kind: 'non-eu', delta: -paid })
    }
    if (shared && perUnit) {
      items.push({ ...base, kind: 'double-reported', delta: -paid })
    }
    if (hasIssue(project, PAID_WRONG_BOX)) {
      items.push({ ...base, kind: 'wrong-box', delta: -paid })
    }
    items.push({ ...base, kind: 'left-out', delta: -paid })
    items.push({ ...base, kind: 'counted-twice', delta: paid })
  }
  return items
}

/** Adjustments for a goal's count: projects whose goals the forms wrote outside the council's list. */
function goalItems(scope: readonly Scoped[], outside: readonly Scoped[]): ReconciliationItem[] {
  const items: ReconciliationItem[] = []
  const seen = new Set<number>()
  for (const { project, part } of outside) {
    if (!seen.has(project.id) && hasIssue(project, GOAL_UNLISTED)) {
      items.push({ project: project.name, unit: part.unit, kind: 'goal-unlisted', delta: 1 })
    }
    seen.add(project.id)
  }
  for (const { project, part } of scope) {
    if (!seen.has(project.id)) {
      items.push({ project: project.name, unit: part.unit, kind: 'left-out', delta: -1 })
    }
    seen.add(project.id)
  }
  return items
}

/** Words of five letters or more two goal wordings share by their first five letters ("klimatneutral" ~ "klimatomställning"). */
function resemblance(a: string, b: string): number {
  const stems = (t: string) =>
    new Set(
      fold(t)
        .split(' ')
        .filter((w) => w.length >= 5)
        .map((w) => w.slice(0, 5)),
    )
  const sa = stems(a)
  let n = 0
  for (const w of stems(b)) {
    if (sa.has(w)) {
      n++
    }
  }
  return n
}

/**
 * A goal's printed count above the computed one, when forms name goals in other words than the
 * printed list: the projects that serve none of the printed goals are where the rest were counted.
 */
function goalWording(
  f: PrintedFigureInput,
  difference: number,
  scoped: readonly Scoped[],
  input: ReportInput,
  matched: string | null,
): ReconciliationItem[] | null {
  if (f.subjectKind !== 'goal' || difference <= 0) {
    return null
  }
  const printedGoals = input.printed
    .filter((p) => p.subjectKind === 'goal' && p.year === f.year)
    .map((p) =>
      p.subject === f.subject
        ? matched
        : matchName(
            p.subject,
            input.goals.map((g) => g.text),
          ),
    )
  const ids = new Set(input.goals.filter((g) => printedGoals.includes(g.text)).map((g) => g.id))
  const goalIds = new Set(input.goals.filter((g) => g.text === matched).map((g) => g.id))
  const goalText = new Map(input.goals.map((g) => [g.id, g.text]))
  // First the projects whose forms word a goal like this one ("barn och unga goda uppväxtvillkor").
  const similar: { item: ReconciliationItem; score: number }[] = []
  const seenSimilar = new Set<number>()
  for (const { project, part } of scoped) {
    if (seenSimilar.has(project.id)) {
      continue
    }
    seenSimilar.add(project.id)
    const own = project.participations.flatMap((x) => x.goalIds)
    if (own.some((g) => goalIds.has(g))) {
      continue
    }
    const score = Math.max(0, ...own.map((g) => resemblance(f.subject, goalText.get(g) ?? '')))
    if (score > 0) {
      similar.push({
        item: { project: project.name, unit: part.unit, kind: 'goal-wording', delta: 1 },
        score,
      })
    }
  }
  if (similar.length >= difference) {
    return similar
      .sort((a, b) => b.score - a.score)
      .slice(0, difference)
      .map((x) => x.item)
  }
  // Then the projects whose forms name none of the printed goals at all.
  const seen = new Set<number>()
  const items: ReconciliationItem[] = similar.map((x) => x.item)
  const named = new Set(items.map((i) => i.project))
  for (const { project, part } of scoped) {
    if (seen.has(project.id) || named.has(project.name)) {
      continue
    }
    seen.add(project.id)
    const served = project.participations.some((x) => x.goalIds.some((g) => ids.has(g)))
    if (!served) {
      items.push({ project: project.name, unit: part.unit, kind: 'goal-unlisted', delta: 1 })
    }
  }
  return items.length >= difference ? items.slice(0, Math.max(difference, similar.length)) : null
}

const GROUPABLE: readonly ExplanationKind[] = [
  'non-eu',
  'double-reported',
  'wrong-box',
  'amount-missing',
  'ended',
]

/**
 * The cheapest set of adjustments that brings the computed figure within the printed figure's
 * rounding: whole categories first (all non-EU projects), then up to two single projects on top.
 */
function explain(
  difference: number,
  tolerance: number,
  items: readonly ReconciliationItem[],
): ReconciliationItem[] | null {
  const categories = GROUPABLE.filter((k) => items.some((i) => i.kind === k))
  const state: { best: { cost: number; chosen: ReconciliationItem[] } | null } = { best: null }
  const consider = (chosen: ReconciliationItem[]) => {
    const moved = chosen.reduce((s, i) => s + i.delta, 0)
    if (Math.abs(difference - moved) > tolerance) {
      return
    }
    const cost = chosen.reduce((s, i) => s + COST[i.kind], 0)
    if (!state.best || cost < state.best.cost) {
      state.best = { cost, chosen }
    }
  }
  for (let mask = 0; mask < 1 << categories.length; mask++) {
    const picked = categories.filter((_, i) => mask & (1 << i))
    const group = items.filter((i) => picked.includes(i.kind))
    const rest = items.filter((i) => !picked.includes(i.kind) && !group.some((g) => g.project === i.project))
    consider(group)
    for (let a = 0; a < rest.length; a++) {
      const ia = rest[a]
      if (!ia) {
        continue
      }
      consider([...group, ia])
      for (let b = a + 1; b < rest.length; b++) {
        const ib = rest[b]
        if (ib && ib.project !== ia.project) {
          consider([...group, ia, ib])
        }
      }
    }
  }
  return state.best ? state.best.chosen : null
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(n)
}

function describe(items: readonly ReconciliationItem[], currency: string | null): string {
  const kinds = [...new Set(items.map((i) => i.kind))]
  return kinds
    .map((k) => {
      const list = items
        .filter((i) => i.kind === k)
        .map(
          (i) =>
            `${i.project} (${i.unit}${currency ? `, ${formatNumber(Math.abs(i.delta))} ${currency}` : ''})`,
        )
      return `${CATEGORY_TEXT[k]}: ${list.join('; ')}`
    })
    .join('. ')
}

/** How many forms or projects a not-reproducible line names before it says "and N more". */
const LISTED = 12

function money(n: number, currency: string | null): string {
  return `${formatNumber(n)} ${currency === 'SEK' || currency === null ? 'kr' : currency}`
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join('; ')
  return names.length > LISTED ? `${shown} och ${names.length - LISTED} till` : shown
}

/**
 * What a coordinator checks when no known cause and no subset of the forms reaches the printed
 * figure: the difference, what was counted (each form with its amount, or each project), and the
 * causes the forms cannot show.
 */
function notReproducible(
  f: PrintedFigureInput,
  difference: number,
  scope: readonly Scoped[],
  currency: string | null,
): string {
  const printedIsMore = difference > 0
  const size = f.kind === 'paid' ? money(Math.abs(difference), currency) : formatNumber(Math.abs(difference))
  let counted: string
  if (f.kind === 'paid') {
    const forms = scope.map(
      ({ project, part }) =>
        `${project.name} (${part.unit}, ${part.paid ? money(wholeUnits(part.paid.amountMinor), currency) : 'inget belopp'})`,
    )
    const sum = wholeUnits(scope.reduce((s, x) => s + (x.part.paid?.amountMinor ?? 0), 0))
    counted =
      forms.length === 0
        ? 'Inga blanketter räknades.'
        : `Summerade blanketter (${forms.length}, sammanlagt ${money(sum, currency)}): ${listed(forms)}.`
  } else {
    const projects = [...new Set(scope.map((x) => x.project.name))]
    counted =
      projects.length === 0
        ? 'Inga projekt räknades.'
        : `Räknade projekt (${projects.length}): ${listed(projects)}.`
  }
  const causes = printedIsMore
    ? [
        `en blankett på ${size} som saknas i publikationen eller i registret`,
        'en siffra hämtad ur en annan källa (t.ex. ekonomisystemet eller ett annat år)',
        'ett skrivfel i den tryckta sammanfattningen',
      ]
    : [
        `${size} i blanketterna som den tryckta siffran inte tar med (en blankett som kom in eller ändrades efter tryckningen)`,
        'en siffra hämtad ur en annan källa (t.ex. ekonomisystemet eller ett annat år)',
        'ett skrivfel i den tryckta sammanfattningen',
      ]
  return (
    `Går inte att återskapa ur blanketterna: den tryckta siffran är ${size} ${printedIsMore ? 'högre' : 'lägre'} ` +
    `än blanketternas, och ingen känd orsak eller kombination av blanketter förklarar skillnaden. ${counted} ` +
    `Kontrollera: ${causes.join('; ')}.`
  )
}

const KIND_LABEL: Record<PrintedFigureInput['kind'], string> = {
  projects: 'EU-projekt',
  committees: 'Nämnder',
  paid: 'Utbetalt',
}

/**
 * Puts each printed figure of the report year beside the figure computed from the forms, with the
 * difference and the projects that explain it. Pure; the model calls it.
 */
export function reconcile(input: ReportInput, computed: Computed): ReconciliationLine[] {
  const scoped: Scoped[] = input.projects.flatMap((project) =>
    project.participations.map((part) => ({ project, part })),
  )
  const unitNames = computed.units.map((u) => u.unit)
  const families = [...new Set(input.projects.map((p) => p.family).filter((f): f is string => f !== null))]
  const seenLines = new Set<string>()
  const lines: ReconciliationLine[] = []
  for (const f of input.printed) {
    const key = `${f.kind}|${f.subjectKind}|${f.subject}|${f.year}`
    if (seenLines.has(key)) {
      continue
    }
    seenLines.add(key)
    const year = f.year ?? input.year
    const label = `${KIND_LABEL[f.kind]} ${year}${f.subjectKind === 'total' ? '' : `: ${f.subject}`}`
    const base = {
      figure: label,
      kind: f.kind,
      subjectKind: f.subjectKind,
      subject: f.subject,
      year: f.year,
      printed: f.value,
      currency: f.currency,
      line: f.line,
    }
    let scope: Scoped[] = scoped
    let matched: string | null = input.organisation
    let outside: Scoped[] = []
    if (f.subjectKind === 'unit') {
      matched = matchName(f.subject, unitNames, 0.5)
      scope = scoped.filter((s) => s.part.unit === matched)
    } else if (f.subjectKind === 'programme') {
      matched = familyOf(f.subject, families)
      scope = scoped.filter((s) => s.project.family === matched)
    } else if (f.subjectKind === 'goal') {
      const goal = matchName(
        f.subject,
        input.goals.map((g) => g.text),
      )
      const ids = new Set(input.goals.filter((g) => g.text === goal).map((g) => g.id))
      matched = goal
      scope = scoped.filter((s) => s.part.goalIds.some((g) => ids.has(g)))
      const inScope = new Set(scope.map((s) => s.project.id))
      outside = scoped.filter((s) => !inScope.has(s.project.id))
    }
    if (matched === null) {
      lines.push({
        ...base,
        matched: null,
        computed: null,
        difference: null,
        status: 'unmatched',
        items: [],
        explanation: `Ingen ${f.subjectKind === 'unit' ? 'nämnd' : f.subjectKind === 'goal' ? 'målformulering' : 'programfamilj'} i registret motsvarar "${f.subject}".`,
      })
      continue
    }
    if (year !== input.year) {
      const value = f.kind === 'projects' && f.subjectKind === 'total' ? computed.projects.previousYear : null
      lines.push({
        ...base,
        matched,
        computed: value,
        difference: value === null ? null : f.value - value,
        status: value === f.value ? 'equal' : 'no-data',
        items: [],
        explanation:
          value === f.value
            ? 'Stämmer med registret.'
            : `Registret har inga blanketter för ${year}; siffran kan inte räknas fram ur årets underlag.`,
      })
      continue
    }
    let value: number
    let items: ReconciliationItem[]
    if (f.kind === 'committees') {
      value = new Set(scope.map((s) => s.part.unitId)).size
      items = []
    } else if (f.kind === 'paid') {
      value = wholeUnits(scope.reduce((s, x) => s + (x.part.paid?.amountMinor ?? 0), 0))
      items = paidItems(scope, f.subjectKind === 'unit')
    } else if (f.subjectKind === 'goal') {
      value = new Set(scope.map((s) => s.project.id)).size
      items = goalItems(scope, outside)
    } else {
      const countsEu = f.subjectKind === 'total'
      value = countsEu ? computed.projects.eu : new Set(scope.map((s) => s.project.id)).size
      items = countItems(scope, input.year, countsEu, f.subjectKind === 'unit')
    }
    const difference = f.value - value
    const tolerance = roundingTolerance(f.value, f.approximate)
    const currency = f.kind === 'paid' ? f.currency : null
    if (Math.abs(difference) <= tolerance) {
      const equal = Math.abs(difference) < 0.5
      lines.push({
        ...base,
        matched,
        computed: value,
        difference,
        status: equal ? 'equal' : 'rounding',
        items: [],
        explanation: equal
          ? 'Stämmer med blanketterna.'
          : `Skillnaden ryms i avrundningen av den tryckta siffran (±${formatNumber(tolerance)}).`,
      })
      continue
    }
    const chosen = explain(difference, tolerance, items) ?? goalWording(f, difference, scoped, input, matched)
    if (chosen) {
      lines.push({
        ...base,
        matched,
        computed: value,
        difference,
        status: 'explained',
        items: chosen,
        explanation: `Skillnaden ${formatNumber(difference)} förklaras av ${describe(chosen, currency)}.`,
      })
    } else {
      lines.push({
        ...base,
        matched,
        computed: value,
        difference,
        status: 'not-reproducible',
        items: [],
        explanation: notReproducible(f, difference, scope, currency),
      })
    }
  }
  return lines
}
