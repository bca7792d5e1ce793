import { PROGRAMMES } from '../registry/programmes.js'
import { memoize } from '../shared/memo.js'
import type { MatchResult } from './organisation-match.js'
import { containment, dice, stem, trigrams, words } from './text.js'

/**
 * Project matching: is a reported project one already in the registry? Pure.
 *
 * Evidence, none of it about a particular project:
 * - names: equal once folded (case, diacritics, camel case, punctuation), an acronym on both sides,
 *   one side's name being the other's acronym ("STRIVE"), or every significant word of the shorter
 *   name found in the longer ("ESF Hållbara övergångar" in "Hållbara övergångar för unga i riskzon");
 * - programme: the same canonical programme, or a successor/predecessor pair (ESF → ESF+);
 * - period: starts and ends within {@link CLOSE_DAYS} of each other;
 * - partners: the share of partner organisations in common.
 * Vetoes that keep different projects apart: different numbers in the names (phase "2", "II",
 * grant numbers, years), different acronyms, different unrelated programmes, periods that do not
 * overlap.
 */

/** What the matcher needs to know about a project. */
export interface ProjectFacts {
  readonly name: string
  readonly acronym: string | null
  /** canonical programme name, null when unknown */
  readonly programme: string | null
  /** ISO 8601 partial dates */
  readonly start: string | null
  readonly end: string | null
  /** keys of partner organisations (ids or folded names); empty when unknown */
  readonly partners?: readonly string[]
}

/** Starts (and ends) this many days apart still count as the same period: sources round dates. */
export const CLOSE_DAYS = 45

/** Score from which a match is likely enough for a person to review it. */
export const REVIEW_THRESHOLD = 0.7

/** Words that do not tell one project from another: programme names and filler. */
const STOPWORDS = new Set([
  'esf',
  'esf+',
  'erdf',
  'eruf',
  'interreg',
  'erasmus',
  'erasmus+',
  'horizon',
  'life',
  'urbact',
  'projekt',
  'project',
  'projektet',
  'programme',
  'program',
  'programmet',
  'the',
  'of',
  'for',
  'and',
  'och',
  'i',
  'till',
  'av',
  'med',
  'pa',
  'in',
  'a',
  'an',
  'to',
  'som',
  'de',
  'en',
  'ett',
  'on',
  'by',
])

const ROMAN = /^(ii|iii|iv|vi|vii|viii|ix)$/

interface NameParts {
  readonly folded: string
  readonly significant: readonly string[]
  readonly numbers: readonly string[]
}

// An import compares each record with every project of the portfolio: each name is split once.
const nameParts = memoize(splitName, 20_000)

function splitName(name: string): NameParts {
  const all = words(name)
  const numbers = all.filter((w) => /\d/.test(w) || ROMAN.test(w))
  const significant = all.filter((w) => !numbers.includes(w) && !STOPWORDS.has(w)).map(stem)
  return { folded: all.join(''), significant, numbers: [...new Set(numbers)].sort() }
}

const RELATED = new Map<string, Set<string>>()
for (const p of PROGRAMMES) {
  for (const other of [p.successor, p.predecessor]) {
    if (other) {
      RELATED.set(p.name, (RELATED.get(p.name) ?? new Set()).add(other))
      RELATED.set(other, (RELATED.get(other) ?? new Set()).add(p.name))
    }
  }
}

type ProgrammeFit = 'same' | 'related' | 'unknown' | 'conflict'

function programmeFit(a: string | null, b: string | null): ProgrammeFit {
  if (!a || !b) {
    return 'unknown'
  }
  if (a === b) {
    return 'same'
  }
  return RELATED.get(a)?.has(b) ? 'related' : 'conflict'
}

/** A partial date as the range of days it may mean: "2015" is all of 2015. */
function dayRange(date: string | null): [number, number] | null {
  if (!date) {
    return null
  }
  const [y, m, d] = date.split('-').map(Number)
  if (y === undefined || Number.isNaN(y)) {
    return null
  }
  const first = Date.UTC(y, (m ?? 1) - 1, d ?? 1)
  const last = d !== undefined ? first : m !== undefined ? Date.UTC(y, m, 0) : Date.UTC(y, 11, 31)
  return [first / 86_400_000, last / 86_400_000]
}

function gap(a: [number, number], b: [number, number]): number {
  return Math.max(0, a[0] - b[1], b[0] - a[1])
}

type PeriodFit = 'close' | 'overlap' | 'unknown' | 'conflict'

function periodFit(a: ProjectFacts, b: ProjectFacts): PeriodFit {
  const sa = dayRange(a.start)
  const sb = dayRange(b.start)
  const ea = dayRange(a.end)
  const eb = dayRange(b.end)
  const spanA: [number, number] | null = sa || ea ? [(sa ?? ea)?.[0] ?? 0, (ea ?? sa)?.[1] ?? 0] : null
  const spanB: [number, number] | null = sb || eb ? [(sb ?? eb)?.[0] ?? 0, (eb ?? sb)?.[1] ?? 0] : null
  if (!spanA || !spanB) {
    return 'unknown'
  }
  // Only a fully known period can rule a match out: one date alone says little about the span.
  if (sa && ea && sb && eb && gap(spanA, spanB) > CLOSE_DAYS) {
    return 'conflict'
  }
  if (sa && sb && ea && eb && gap(sa, sb) <= CLOSE_DAYS && gap(ea, eb) <= CLOSE_DAYS) {
    return 'close'
  }
  return gap(spanA, spanB) === 0 ? 'overlap' : 'unknown'
}

const PROGRAMME_POINTS: Record<ProgrammeFit, number> = { same: 1, related: 0.8, unknown: 0.5, conflict: 0 }
const PERIOD_POINTS: Record<PeriodFit, number> = { close: 1, overlap: 0.6, unknown: 0.5, conflict: 0 }

/**
 * Compares two projects of one portfolio.
 * @returns `same` when they are certainly one project (merged without asking), `likely` when a
 *   person should decide (score ≥ {@link REVIEW_THRESHOLD}), else `different`; with the reasons.
 */
export function matchProjects(a: ProjectFacts, b: ProjectFacts): MatchResult {
  const na = nameParts(a.name)
  const nb = nameParts(b.name)
  const acronymA = a.acronym ? words(a.acronym).join(' ') : null
  const acronymB = b.acronym ? words(b.acronym).join(' ') : null
  const reasons: string[] = []
  const vetoes: string[] = []

  if (na.numbers.join(' ') !== nb.numbers.join(' ')) {
    vetoes.push(
      `different numbers in the names (${na.numbers.join(' ') || '–'} vs ${nb.numbers.join(' ') || '–'})`,
    )
  }
  if (acronymA && acronymB && acronymA !== acronymB) {
    vetoes.push(`different acronyms (${a.acronym} vs ${b.acronym})`)
  }
  const programme = programmeFit(a.programme, b.programme)
  if (programme === 'conflict') {
    vetoes.push(`different programmes (${a.programme} vs ${b.programme})`)
  }
  const period = periodFit(a, b)
  if (period === 'conflict') {
    vetoes.push('periods do not overlap')
  }

  let strong: string | null = null
  if (na.folded === nb.folded) {
    strong = 'same name'
  } else if (acronymA && acronymA === acronymB) {
    strong = `same acronym ${a.acronym}`
  } else if (
    (acronymA && acronymA.replace(/ /g, '') === nb.folded) ||
    (acronymB && acronymB.replace(/ /g, '') === na.folded)
  ) {
    strong = "one name is the other's acronym"
  }
  const contained = containment(na.significant, nb.significant)
  const smaller = Math.min(new Set(na.significant).size, new Set(nb.significant).size)
  const similarity = dice(trigrams(na.significant.join('')), trigrams(nb.significant.join('')))
  // When each name has words the other lacks ("… Yrkes 2023" / "… Skola 2023"), spelling likeness
  // says nothing: the differing words are what tell the projects apart.
  const bothQualified =
    na.significant.some((w) => !nb.significant.includes(w)) &&
    nb.significant.some((w) => !na.significant.includes(w))
  const wordScore = smaller >= 2 ? contained : contained * 0.6
  const nameScore = strong ? 1 : bothQualified ? wordScore : Math.max(wordScore, similarity)
  if (strong) {
    reasons.push(strong)
  } else if (smaller >= 2 && contained === 1) {
    reasons.push('every word of the shorter name is in the longer')
  } else {
    reasons.push(`names alike ${nameScore.toFixed(2)}`)
  }
  if (programme === 'same' || programme === 'related') {
    reasons.push(
      programme === 'same'
        ? `same programme ${a.programme}`
        : `related programmes ${a.programme} / ${b.programme}`,
    )
  }
  if (period === 'close') {
    reasons.push('same period')
  } else if (period === 'overlap') {
    reasons.push('periods overlap')
  }
  let partnerPoints = 0.5
  if (a.partners && b.partners && a.partners.length > 0 && b.partners.length > 0) {
    const shared = a.partners.filter((p) => b.partners?.includes(p)).length
    partnerPoints = shared / new Set([...a.partners, ...b.partners]).size
    reasons.push(`${shared} partner(s) in common`)
  }
  const score =
    0.6 * nameScore + 0.15 * PROGRAMME_POINTS[programme] + 0.15 * PERIOD_POINTS[period] + 0.1 * partnerPoints
  if (vetoes.length > 0) {
    return { score: Math.min(score, 0.3), verdict: 'different', reasons: [...vetoes, ...reasons] }
  }
  const sure =
    strong !== null ||
    (smaller >= 2 &&
      contained === 1 &&
      (programme === 'same' || programme === 'related') &&
      period === 'close')
  const rounded = Math.round(score * 1000) / 1000
  if (sure) {
    return { score: Math.max(rounded, 0.9), verdict: 'same', reasons }
  }
  return { score: rounded, verdict: rounded >= REVIEW_THRESHOLD ? 'likely' : 'different', reasons }
}
