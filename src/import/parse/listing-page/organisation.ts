import { fold } from '../../../shared/fold.js'

/**
 * The publishing body of a listing page, and whether a name in a project's text is that body.
 * Swedish public bodies name themselves "Region Skåne", "Ljungby kommun", "Hässleholms kommun",
 * "Malmö stad", "Länsstyrelsen Skåne"; English pages say "Hässleholm Municipality".
 */

const BODY =
  /(?<![\p{L}\p{N}])(Region [\p{Lu}][\p{L}-]{1,40}(?: län)?|Länsstyrelsen (?:i )?[\p{Lu}][\p{L}-]{1,40}(?: län)?|[\p{Lu}][\p{L}-]{1,40} (?:kommuns?|stads?|kommune|kommunförbund)(?![\p{L}])|[\p{Lu}][\p{L}-]{1,40} (?:Municipality|City Council|County Council)|Municipality of [\p{Lu}][\p{L}-]{1,40})/gu

/** The folded key of a body, so "Hässleholm kommun", "Hässleholms kommun" and "Hässleholm Municipality" meet. */
export function bodyKey(name: string): string {
  const f = fold(name).replace(/^municipality of (\S+)$/, '$1 municipality')
  const m = /^(.+?)s? (kommun|kommune|municipality|stad|city council)s?$/.exec(f)
  if (m?.[1]) {
    return `${m[1].replace(/s$/, '')} kommun`
  }
  // "Region Skånes involvering": the genitive names the same region
  const region = /^region (\S+?)s?$/.exec(f)
  if (region?.[1]) {
    return `region ${region[1]}`
  }
  return f
}

/**
 * The body whose page this is: among the bodies the page's introduction names (or, lacking one,
 * the whole page), the one the page names most often, in its most frequent spelling.
 * @param intro the page's introduction lines (title, lead paragraph)
 * @param all every line of the page
 */
export function readOrganisation(intro: readonly string[], all: readonly string[]): string | null {
  const counts = new Map<string, Map<string, number>>()
  for (const text of all) {
    for (const m of text.matchAll(BODY)) {
      const key = bodyKey(m[1] ?? '')
      // "Åsby kommuns pågående projekt": the genitive names the body "Åsby kommun"
      const spelling = (m[1] ?? '').replace(/ (kommun|stad)s$/, ' $1')
      const spellings = counts.get(key) ?? new Map<string, number>()
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1)
      counts.set(key, spellings)
    }
  }
  const introKeys = new Set<string>()
  for (const text of intro) {
    for (const m of text.matchAll(BODY)) {
      introKeys.add(bodyKey(m[1] ?? ''))
    }
  }
  let best: { key: string; n: number } | null = null
  for (const [key, spellings] of counts) {
    if (introKeys.size > 0 && !introKeys.has(key)) {
      continue
    }
    const n = [...spellings.values()].reduce((a, b) => a + b, 0)
    if (!best || n > best.n) {
      best = { key, n }
    }
  }
  if (!best) {
    return null
  }
  const spellings = [...(counts.get(best.key) ?? new Map<string, number>()).entries()]
  // English spellings ("Hässleholm Municipality") yield to the Swedish name when both occur
  spellings.sort(
    (a, b) =>
      b[1] - a[1] || Number(/Municipality|Council/.test(a[0])) - Number(/Municipality|Council/.test(b[0])),
  )
  return spellings[0]?.[0] ?? null
}

/** True when two names denote the same body ("Hässleholm Municipality" and "Hässleholms kommun"). */
export function sameBody(a: string, b: string): boolean {
  return bodyKey(a) === bodyKey(b)
}

/**
 * True when a partner entry is the organisation or one of its parts: "Region Skåne/Regionfastigheter",
 * "Region Skåne: Skånes Universitetssjukhus", "Region Skåne (Sverige)".
 */
export function isOrganisationEntry(entry: string, organisation: string): boolean {
  const e = fold(entry)
  const o = fold(organisation)
  return bodyKey(entry) === bodyKey(organisation) || e === o || e.startsWith(`${o} `)
}
