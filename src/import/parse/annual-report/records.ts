import { canonicalProgramme } from '../../../registry/programmes.js'
import type { Money, ProjectRecord, Role } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import type { SourceDocument } from '../../source-document.js'
import { isBefore, parseDate, parsePeriod } from '../fields/dates.js'
import { parseMoney } from '../fields/money.js'
import { parseRole } from '../fields/roles.js'
import type { FieldKey, FormAnswer, ProjectForm } from './form.js'
import { joinLines } from './form.js'
import { squash } from './form-lines.js'
import { type GoalsResult, readGoals } from './goals.js'
import { splitName } from './names.js'
import { readProse } from './prose.js'

/** What the whole document says that every record of it shares. */
export interface ReportContext {
  readonly organisation: string | null
  readonly year: number | null
  /**
   * Read partners, lead partner, status and web address from the description's prose as well as
   * from the form's answers. On for a compiled report, off for a committee's own form, whose
   * records hold what the form's answers state.
   */
  readonly readProse: boolean
  /** the council goals the report lists by number, to check the forms' goals against; may be empty */
  readonly councilGoals: ReadonlyMap<number, string>
}

function tokenSet(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(' ')
      .filter((t) => t !== ''),
  )
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const t of a) {
    if (b.has(t)) {
      shared++
    }
  }
  return shared / Math.max(1, a.size + b.size - shared)
}

/**
 * Splits a goal that runs a listed goal into the next one without a separator ("En god
 * organisation Malmö stad ska vara en organisation fri från diskriminering").
 */
function splitAtListedGoals(r: GoalsResult, listed: ReadonlyMap<number, string>): GoalsResult {
  if (listed.size === 0) {
    return r
  }
  const goals: string[] = []
  const numbers: (number | null)[] = []
  r.goals.forEach((g, i) => {
    const head = [...listed.values()].find((l) => {
      const rest = g.slice(l.length)
      return (
        fold(g.slice(0, l.length)) === fold(l) &&
        /^\s+\p{Lu}/u.test(rest) &&
        rest.trim().split(' ').length >= 3
      )
    })
    if (head) {
      goals.push(g.slice(0, head.length), g.slice(head.length).trim())
      numbers.push(r.numbers[i] ?? null, null)
    } else {
      goals.push(g)
      numbers.push(r.numbers[i] ?? null)
    }
  })
  return { goals, numbers, issues: r.issues }
}

/**
 * Checks the goals a form names against the goals the report lists: a goal numbered as another,
 * a goal written with a word missing, or a short goal name the list does not hold (an old one).
 * Long goals are the committees' own sub-goals, which the list does not name.
 */
function checkGoals(
  goals: readonly string[],
  numbers: readonly (number | null)[],
  listed: ReadonlyMap<number, string>,
  issues: string[],
): void {
  if (listed.size === 0) {
    return
  }
  const list = [...listed.entries()].map(([n, g]) => ({ n, g, t: tokenSet(g) }))
  goals.forEach((goal, i) => {
    const t = tokenSet(goal)
    const best = list.map((l) => ({ ...l, s: jaccard(t, l.t) })).sort((a, b) => b.s - a.s)[0]
    const number = numbers[i]
    if (best && best.s === 1) {
      if (number !== null && number !== undefined && number !== best.n) {
        issues.push(`goal numbered '${number}.' although '${goal}' is goal ${best.n}`)
      }
      return
    }
    if (best && best.s >= 0.6 && best.t.size !== t.size) {
      issues.push(`goal written '${goal}' (the report lists '${best.g}')`)
      return
    }
    if (goal.split(' ').length <= 4 && (!best || best.s < 0.4)) {
      issues.push(`goal '${goal}' is not one of the council goals the report lists (an outdated goal name?)`)
    }
  })
}

function answerText(form: ProjectForm, key: FieldKey): string {
  const a: FormAnswer | undefined = form.answers.get(key)
  return a ? joinLines(a.text.split('\n')) : ''
}

interface Box {
  readonly raw: string
  readonly value: Money | null
  readonly issues: string[]
}

function readBox(raw: string): Box {
  const r = parseMoney(raw, { defaultCurrency: 'SEK' })
  return { raw, value: r.value, issues: r.issues }
}

function nonZero(b: Box): boolean {
  return b.value !== null && b.value.amount !== 0
}

function boxWords(raw: string): boolean {
  // words beyond a currency or an approximation: the box holds a sentence, not an amount
  const rest = raw
    .replace(/\b(sek|kr|kronor|mkr|tkr|c:a|ca|cirka|miljoner|euro|eur)\b/gi, '')
    .replace(/[\d\s.,:-]/g, '')
  return rest.length > 3
}

/**
 * Reads the pair of amount boxes (owner's and partner's) into one amount: the box matching the
 * role; the other box when only that one is filled (kept, and flagged, as the source put it there).
 */
function readBoxes(
  owner: string,
  partner: string,
  role: Role | null,
  what: 'budget' | 'paid amount',
  issues: string[],
): Money | null {
  const o = readBox(owner)
  const p = readBox(partner)
  const mine = role === 'partner' ? p : o
  const other = role === 'partner' ? o : p
  const mineName = role === 'partner' ? 'partner' : 'owner'
  const otherName = role === 'partner' ? 'owner' : 'partner'
  const note = (b: Box) => {
    for (const i of b.issues) {
      issues.push(`${what}: ${i}`)
    }
    if (b.value !== null && boxWords(b.raw)) {
      issues.push(`${what} given as free text ('${excerpt(b.raw)}')`)
    }
  }
  if (role === null) {
    const filled = nonZero(o) ? o : nonZero(p) ? p : o.value ? o : p
    note(filled)
    return filled.value
  }
  if (mine.value !== null && (mine.value.amount !== 0 || !nonZero(other))) {
    note(mine)
    if (nonZero(other)) {
      issues.push(
        `both ${what} boxes filled although role is ${role} (${mineName} box ${excerpt(mine.raw)}, ${otherName} box ${excerpt(other.raw)})`,
      )
    }
    return mine.value
  }
  if (other.value !== null) {
    note(other)
    issues.push(`${what} given in the ${otherName} box although role is ${role}`)
    return other.value
  }
  note(mine)
  note(other)
  if (squash(owner + partner).replace(/[-–\s]/g, '') === '') {
    issues.push(
      /[-–]/.test(owner + partner)
        ? `${what} not stated ('-')`
        : `${what} missing (both ${what} boxes empty)`,
    )
  }
  return null
}

/** A form with one amount box per question (no owner and partner boxes). */
function readSingleBox(raw: string, what: 'budget' | 'paid amount', issues: string[]): Money | null {
  const b = readBox(raw)
  for (const i of b.issues) {
    issues.push(`${what}: ${i}`)
  }
  return b.value
}

function excerpt(text: string): string {
  const t = squash(text)
  return t.length > 60 ? `${t.slice(0, 57)}…` : t
}

function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null
}

function isProgrammeName(text: string): boolean {
  return canonicalProgramme(text).known !== null && text.split(' ').length <= 3
}

/** The first paragraph of the description, passing over a subtitle line above it. */
function summaryOf(paragraphs: readonly string[], names: readonly string[]): string | null {
  const [first, second] = paragraphs
  if (first === undefined) {
    return null
  }
  if (second === undefined) {
    return first
  }
  const words = first.split(' ').length
  // A subtitle ("Erasmus-Ackreditering Projekt 8670+8680+8690"), or the project's name restated as
  // a title ("UNITY - Creating an ECO online …", "Förstudie Etablering av … klimatomställning.").
  const folded = fold(first)
  const restates = names.some((n) => {
    const f = fold(n)
    return (
      f !== '' &&
      (folded === f || (folded.startsWith(`${f} `) && /^\S+\s+[-–:]\s/u.test(first.slice(n.length - 1))))
    )
  })
  if ((words <= 8 && !/[.!?:]$/.test(first)) || (restates && words <= 25)) {
    return second
  }
  return first
}

/** Builds the record of one form. */
export function formToRecord(
  doc: SourceDocument,
  form: ProjectForm,
  unit: string | null,
  ctx: ReportContext,
): ProjectRecord {
  const issues: string[] = []
  const rawName = answerText(form, 'name') || squash(form.heading?.text ?? '')
  const names = splitName(rawName, isProgrammeName)
  if (names.programmePrefix) {
    issues.push(`programme '${names.programmePrefix}' written in front of the project name ('${rawName}')`)
  }
  let start = parseDate(answerText(form, 'start'))
  let end = parseDate(answerText(form, 'end'))
  issues.push(...start.issues.map((i) => `start: ${i}`), ...end.issues.map((i) => `end: ${i}`))
  const periodText = answerText(form, 'period')
  if (periodText !== '' && start.value === null && end.value === null) {
    // a form that asks for the period in one question ("Projektperiod 2023-01-01 – 2025-12-31")
    const period = parsePeriod(periodText)
    start = { value: period.start, issues: [] }
    end = { value: period.end, issues: [] }
    issues.push(...period.issues.map((i) => `period: ${i}`))
  }
  if (start.value && end.value && isBefore(end.value, start.value)) {
    issues.push(`end ${end.value} before start ${start.value}`)
  }
  if (end.value && ctx.year !== null && Number(end.value.slice(0, 4)) < ctx.year) {
    issues.push(`project ended ${end.value}, before the reporting year ${ctx.year}`)
  }
  const roleText = answerText(form, 'role')
  const role = parseRole(roleText)
  if (role === null && roleText !== '') {
    issues.push(`role cannot be read ('${excerpt(roleText)}')`)
  }
  const totalBudget = form.answers.has('budget')
    ? readSingleBox(answerText(form, 'budget'), 'budget', issues)
    : readBoxes(answerText(form, 'budgetOwner'), answerText(form, 'budgetPartner'), role, 'budget', issues)
  const paid = form.answers.has('paid')
    ? readSingleBox(answerText(form, 'paid'), 'paid amount', issues)
    : readBoxes(answerText(form, 'paidOwner'), answerText(form, 'paidPartner'), role, 'paid amount', issues)
  if (paid && totalBudget && paid.currency === totalBudget.currency && paid.amount > totalBudget.amount) {
    issues.push('paid amount above the total budget')
  }
  const programmeRaw = squash(answerText(form, 'programme')) || null
  const year = yearOf(start.value) ?? ctx.year
  let programme = canonicalProgramme(programmeRaw, year)
  if (programmeRaw && programme.known === null) {
    // The answer names an agency or a university; the name may still say the programme.
    const fromName = canonicalProgramme(names.name, year)
    if (fromName.known !== null) {
      issues.push(
        `programme answer '${excerpt(programmeRaw)}' names no programme; '${fromName.programme}' read from the name`,
      )
      programme = fromName
    }
  }
  if (programmeRaw && /^vet (ej|inte)\b/i.test(programmeRaw)) {
    issues.push(`answer '${programmeRaw}' (unknown) for programme`)
  }
  issues.push(...programme.issues)
  const goals = splitAtListedGoals(readGoals(form.answers.get('goals')?.text ?? ''), ctx.councilGoals)
  issues.push(...goals.issues)
  checkGoals(goals.goals, goals.numbers, ctx.councilGoals, issues)
  if (programme.programme !== null && !programme.isEu) {
    issues.push(`programme '${programme.programme}' is not an EU programme`)
  }
  if (
    paid &&
    totalBudget &&
    paid.amount > 0 &&
    paid.amount === totalBudget.amount &&
    paid.currency === totalBudget.currency
  ) {
    issues.push(`paid amount equals the total budget (${paid.amount} ${paid.currency})`)
  }
  const shortDescription = form.description.join(' ')
  const reference = /\b(se beskrivning|beskrivs i del|se ovan|se under|se (?:\p{L}+s )?beskrivning)\b/iu.exec(
    shortDescription,
  )
  if (reference && shortDescription.length < 300) {
    issues.push(`description only refers to text elsewhere ('${excerpt(shortDescription)}')`)
  }
  if (form.heading) {
    // compared without spaces: PDF text splits codes ("NP JR-2025-10068")
    const h = fold(form.heading.text).replace(/ /g, '')
    const n = fold(rawName).replace(/ /g, '')
    if (h !== '' && n !== '' && !n.includes(h) && !h.includes(n)) {
      issues.push(
        `form heading (line ${form.heading.source.line}) says '${squash(form.heading.text)}' but Projektnamn says '${squash(rawName)}'`,
      )
    }
  }
  const prose = ctx.readProse
    ? readProse(form.description, {
        organisation: ctx.organisation,
        role,
        projectNames: [names.acronym, names.name].filter((n): n is string => n !== null && n.length >= 3),
      })
    : null
  return {
    name: names.name,
    acronym: names.acronym,
    organisation: ctx.organisation,
    unit,
    theme: null,
    role,
    status: prose?.status ?? null,
    start: start.value,
    end: end.value,
    programme: programme.programme,
    programmeRaw,
    totalBudget,
    euContribution: null,
    paidInYear: paid && ctx.year !== null ? { ...paid, year: ctx.year } : null,
    leadPartner: prose?.leadPartner ?? null,
    partners: prose?.partners ?? [],
    contacts: [],
    website: prose?.website ?? null,
    goals: goals.goals,
    areas: [],
    summary: summaryOf(
      form.description,
      [rawName, names.name, names.acronym ?? ''].filter((n) => n !== ''),
    ),
    source: { document: doc.name, page: form.first.source.page, line: form.first.source.line },
    issues,
  }
}
