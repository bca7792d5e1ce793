import { fold } from '../shared/fold.js'

/**
 * Text helpers shared by the organisation and project matchers: names folded to comparable tokens.
 * Pure; no registry or database imports.
 */

/** Splits camel case ("NetZero" → "Net Zero", "PowerBio" → "Power Bio") so run-together names meet spaced ones. */
export function splitCamel(text: string): string {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
}

/**
 * A token's comparable stem: a final -s dropped from words longer than three letters, which
 * covers the Swedish genitive ("Lunds" → "lund") and English plurals ("Sciences" → "science").
 */
export function stem(token: string): string {
  return token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token
}

/** Folded words of a name (diacritics, case and punctuation gone; '+' kept by fold). */
export function words(text: string): string[] {
  return fold(splitCamel(text).replace(/&/g, ' '))
    .split(' ')
    .filter((w) => w.length > 0)
}

/** Character trigrams of a text with spaces removed, as a set. */
export function trigrams(compact: string): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i + 3 <= compact.length; i++) {
    out.add(compact.slice(i, i + 3))
  }
  return out
}

/** Dice coefficient of two sets: 2|A∩B| / (|A|+|B|); 0 when both are empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) {
    return 0
  }
  let shared = 0
  for (const x of a) {
    if (b.has(x)) {
      shared++
    }
  }
  return (2 * shared) / (a.size + b.size)
}

/** Share of the smaller list's distinct items found in the larger one (1 when one contains the other). */
export function containment(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a)
  const sb = new Set(b)
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa]
  if (small.size === 0) {
    return 0
  }
  let shared = 0
  for (const x of small) {
    if (large.has(x)) {
      shared++
    }
  }
  return shared / small.size
}
