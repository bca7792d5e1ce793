import { memoize } from '../shared/memo.js'
import { containment, dice, stem, trigrams, words } from './text.js'

/**
 * Organisation matching: are two names (with countries, when known) the same body? Pure.
 *
 * The rules, none of them about a particular organisation:
 * - the kind of body is read from its name in Swedish, Nordic and English forms (kommun / kommune /
 *   Municipality / City of / stad; universitet / University / högskola; Region), so "Hässleholms
 *   kommun" and "Hässleholm Municipality" compare as (municipality, hassleholm);
 * - a Swedish genitive -s and English plural -s are dropped from each word;
 * - two different known kinds, or two different countries, are never the same body;
 * - the same kind and the same remaining name are; a name given with its kind on one side only
 *   ("Lund" vs "Lunds kommun") is only a likely match, because a bare place name may mean the
 *   municipality, the university or the region;
 * - an acronym in brackets or after a comma ("… (IUC Syd)") is another form of the name, and an
 *   acronym equal to the other name's initials makes a likely match.
 */

/** What kind of body a name says it is, when it says. */
export type BodyKind = 'municipality' | 'university' | 'region' | 'company'

/** Folded words naming a kind of body, in the languages the seeds use. */
const KIND_WORDS: ReadonlyMap<string, BodyKind> = new Map([
  ...[
    'kommun',
    'kommune',
    'kommunen',
    'municipality',
    'municipal',
    'city',
    'town',
    'stad',
    'staden',
    'gemeinde',
    'comune',
    'commune',
    'kaupunki',
  ].map((w) => [w, 'municipality'] as const),
  ...[
    'universitet',
    'universitetet',
    'university',
    'universiteit',
    'universita',
    'universitat',
    'universidad',
    'universite',
    'hogskola',
    'hogskolan',
    'hochschule',
  ].map((w) => [w, 'university'] as const),
  ...['region', 'regione', 'regionen'].map((w) => [w, 'region'] as const),
  ...['ab', 'gmbh', 'ltd', 'oy', 'aps', 'spa', 'srl', 'bv', 'inc', 'plc', 'og', 'egen', 'sa'].map(
    (w) => [w, 'company'] as const,
  ),
])

/** Compound endings that carry a kind ("lantbruksuniversitet"). */
const KIND_SUFFIXES: readonly [string, BodyKind][] = [
  ['universitet', 'university'],
  ['hogskola', 'university'],
  ['kommun', 'municipality'],
]

/** Words that say nothing about which body it is. */
const STOPWORDS = new Set([
  'of',
  'the',
  'i',
  'for',
  'och',
  'and',
  'de',
  'di',
  'del',
  'della',
  'van',
  'het',
  'fur',
  'der',
  'die',
  'des',
  'la',
  'le',
  'du',
  'vid',
  'pa',
  'a',
  's',
])

/** One organisation name as the matcher sees it. */
export interface OrganisationName {
  readonly name: string
  /** ISO 3166-1 alpha-2, or null when unknown */
  readonly country?: string | null
}

/** A name reduced to its kind and its identifying words. */
export interface NameForm {
  readonly kind: BodyKind | null
  /** identifying words, stemmed, in order */
  readonly core: readonly string[]
  /** first letters of every word but stop words, kind words included ("dtu") */
  readonly initials: string
}

export type MatchVerdict = 'same' | 'likely' | 'different'

/** The matcher's answer: a score in 0..1, a verdict and the reasons a person can check. */
export interface MatchResult {
  readonly score: number
  readonly verdict: MatchVerdict
  readonly reasons: readonly string[]
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length] ?? 0
}

/** The kind a word names: exactly, as a compound ending, or misspelt ("Univeristy", "Muncipality"). */
function kindOfWord(word: string): { kind: BodyKind; rest: string } | undefined {
  const exact = KIND_WORDS.get(word)
  if (exact) {
    return { kind: exact, rest: '' }
  }
  for (const [suffix, kind] of KIND_SUFFIXES) {
    if (word.endsWith(suffix) && word.length > suffix.length + 2) {
      return { kind, rest: word.slice(0, -suffix.length) }
    }
  }
  // Only long kind words are matched loosely: short ones ("region") have too many neighbours ("regional").
  if (word.length >= 9) {
    for (const [w, kind] of KIND_WORDS) {
      if (w.length >= 10 && levenshtein(word, w) <= 2) {
        return { kind, rest: '' }
      }
    }
  }
  return undefined
}

/**
 * Reduces a name to its kind and identifying words. Imports compare every partner name with every
 * known organisation: each name is reduced once and remembered.
 */
export const nameForm: (name: string) => NameForm = memoize(reduceName, 20_000)

function reduceName(name: string): NameForm {
  let kind: BodyKind | null = null
  const core: string[] = []
  let initials = ''
  for (const word of words(name.replace(/\//g, ' '))) {
    if (!STOPWORDS.has(word)) {
      initials += word[0] ?? ''
    }
    const k = kindOfWord(word)
    // A company form ("AB") only counts when nothing more telling was found.
    if (k && (kind === null || kind === 'company')) {
      kind = k.kind
      if (k.rest) {
        core.push(stem(k.rest))
      }
      continue
    }
    if (k) {
      if (k.rest) {
        core.push(stem(k.rest))
      }
      continue
    }
    if (!STOPWORDS.has(word)) {
      core.push(stem(word))
    }
  }
  return { kind, core, initials }
}

/** The forms a name goes by: itself, itself without a bracketed part, and an acronym it gives. */
export function nameVariants(name: string): string[] {
  const out = [name]
  const bracket = /\(([^()]+)\)/.exec(name)
  if (bracket?.[1]) {
    out.push(name.replace(bracket[0], ' ').trim(), bracket[1].trim())
  }
  const comma = /,\s*([A-ZÅÄÖ][A-ZÅÄÖ0-9 ]{1,12})$/.exec(name)
  if (comma?.[1]) {
    out.push(name.slice(0, comma.index).trim(), comma[1].trim())
  }
  return [...new Set(out.filter((v) => v.length > 0))]
}

function isAcronym(name: string): boolean {
  return /^[A-ZÅÄÖ]{2,6}$/.test(name.replace(/[\s.]/g, ''))
}

function compareForms(a: string, b: string): MatchResult {
  const fa = nameForm(a)
  const fb = nameForm(b)
  if (fa.kind && fb.kind && fa.kind !== fb.kind && fa.kind !== 'company' && fb.kind !== 'company') {
    return { score: 0, verdict: 'different', reasons: [`different kinds of body: ${fa.kind} vs ${fb.kind}`] }
  }
  const ca = fa.core.join('')
  const cb = fb.core.join('')
  const sameCore =
    ca.length > 0 &&
    (ca === cb || (containment(fa.core, fb.core) === 1 && new Set(fa.core).size === new Set(fb.core).size))
  const kindText = fa.kind ?? fb.kind
  if (sameCore) {
    if (fa.kind === fb.kind) {
      return {
        score: 1,
        verdict: 'same',
        reasons: [fa.kind ? `same ${fa.kind} "${fa.core.join(' ')}"` : `same name "${fa.core.join(' ')}"`],
      }
    }
    if (fa.kind === 'company' || fb.kind === 'company' || fa.core.length >= 2) {
      return {
        score: 0.9,
        verdict: 'same',
        reasons: [`same name "${fa.core.join(' ')}" (legal form or kind on one side only)`],
      }
    }
    return {
      score: 0.7,
      verdict: 'likely',
      reasons: [`same place name "${ca}", but only one side says it is a ${kindText}`],
    }
  }
  if (
    fa.kind !== fb.kind &&
    fa.kind !== null &&
    fb.kind !== null &&
    fa.kind !== 'company' &&
    fb.kind !== 'company'
  ) {
    return { score: 0, verdict: 'different', reasons: ['different kinds of body'] }
  }
  const acronymA = isAcronym(a)
  const acronymB = isAcronym(b)
  if (acronymA !== acronymB) {
    const [short, long] = acronymA ? [a, fb] : [b, fa]
    if (short.replace(/[\s.]/g, '').toLowerCase() === long.initials) {
      return { score: 0.75, verdict: 'likely', reasons: [`"${short}" is the initials of the other name`] }
    }
  }
  const similarity = dice(trigrams(ca), trigrams(cb))
  if (similarity >= 0.85 && fa.kind === fb.kind) {
    return {
      score: 0.6 + similarity * 0.2,
      verdict: 'likely',
      reasons: [`names nearly equal (${similarity.toFixed(2)})`],
    }
  }
  return {
    score: similarity * 0.5,
    verdict: 'different',
    reasons: [`names differ: "${fa.core.join(' ')}" vs "${fb.core.join(' ')}"`],
  }
}

/**
 * Compares two organisation names (and countries). Every form of each name (bracketed acronyms,
 * the name without them) is compared; the best comparison wins.
 * @example matchOrganisations({ name: 'Hässleholms kommun' }, { name: 'Hässleholm Municipality' }).verdict // 'same'
 */
export function matchOrganisations(a: OrganisationName, b: OrganisationName): MatchResult {
  if (a.country && b.country && a.country !== b.country) {
    return { score: 0, verdict: 'different', reasons: [`different countries: ${a.country} vs ${b.country}`] }
  }
  let best: MatchResult = { score: 0, verdict: 'different', reasons: ['no common form of the name'] }
  for (const va of nameVariants(a.name)) {
    for (const vb of nameVariants(b.name)) {
      const r = compareForms(va, vb)
      if (r.score > best.score) {
        best = r
      }
    }
  }
  return best
}
