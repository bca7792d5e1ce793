import { squash } from './form-lines.js'

/** A project's name split into the long name and the short one the source gives beside it. */
export interface ProjectName {
  readonly name: string
  readonly acronym: string | null
  /** a programme written in front of the name ("ERUF - Resurshubben i Malmö"), dropped from the name */
  readonly programmePrefix: string | null
}

const ROMAN_OR_NUMBER = /^(I{1,3}|IV|V|VI{0,3}|IX|X|\d{1,2})$/

/** A short name: one token ("UTSICT", "Mikro-Koll", "Perfare"), or one plus a sequel number ("Cleancon II"). */
function isShortName(text: string): boolean {
  const tokens = text.split(' ')
  const [first, second] = tokens
  if (!first || !/^[\p{Lu}\d]/u.test(first) || tokens.length > 2) {
    return false
  }
  return second === undefined || ROMAN_OR_NUMBER.test(second)
}

/** An acronym in brackets: no spaces, and capitals or digits beyond the first letter ("SF4C", "CEO"). */
function isBracketAcronym(text: string): boolean {
  return !/\s/.test(text) && /^[\p{L}\d][\p{L}\d+&.-]*$/u.test(text) && /.[\p{Lu}\d]/u.test(text)
}

function words(text: string): number {
  return text.split(' ').filter((w) => w !== '').length
}

/**
 * Mends what PDF text does to a name ("2 024 -KA121-VET-…" → "2024-KA121-VET-…") and drops a
 * full stop at its end.
 */
export function cleanName(raw: string): string {
  return squash(raw)
    .replace(/\b(\d) (\d{3}) ?-(?=\S)/g, '$1$2-')
    .replace(/(?<![.\s]\p{Lu})\.$/u, '')
    .trim()
}

/**
 * Splits "UTSICT - Unga Talanger …", "Arcadia-TrAnsformative climate …", "Circular Economy Office (CEO)",
 * "BRAVE (Business Readiness …)" and "Digital kompetens för medarbetare/Digit" into name and acronym.
 * A programme written in front ("ERUF - …") is no acronym: `isProgramme` tells it.
 */
export function splitName(raw: string, isProgramme: (text: string) => boolean): ProjectName {
  const name = cleanName(raw)
  const bracket = /^(.+?)\s*\(([^()]+)\)$/.exec(name)
  if (bracket?.[1] && bracket[2]) {
    const [, outside, inside] = bracket
    if (isBracketAcronym(inside) && words(outside) >= 1 && !isShortName(outside)) {
      return { name: outside, acronym: inside, programmePrefix: null }
    }
    if (isShortName(outside) && words(inside) >= 3) {
      return { name: inside, acronym: outside, programmePrefix: null }
    }
    if (isBracketAcronym(inside) && isShortName(outside)) {
      return { name: outside, acronym: inside, programmePrefix: null }
    }
  }
  const slash = /^(.+\s.+?)\/([^\s/]+)$/.exec(name)
  if (slash?.[1] && slash[2] && isShortName(slash[2])) {
    return { name: slash[1], acronym: slash[2], programmePrefix: null }
  }
  const sep = /\s+[-–—]\s+|:\s+/.exec(name)
  if (sep) {
    const head = name.slice(0, sep.index)
    const tail = name.slice(sep.index + sep[0].length)
    if (words(tail) >= 2 && isProgramme(head)) {
      return { name: tail, acronym: null, programmePrefix: head }
    }
    if (words(tail) >= 2 && isShortName(head)) {
      return { name: tail, acronym: head, programmePrefix: null }
    }
  }
  // "Arcadia-TrAnsformative climate ResilienCe …": a hyphen without spaces before a long name
  const glued = /^([^\s-]+)-(\p{Lu}.*)$/u.exec(name)
  if (glued?.[1] && glued[2] && words(glued[2]) >= 4 && isShortName(glued[1])) {
    return { name: glued[2], acronym: glued[1], programmePrefix: null }
  }
  return { name, acronym: null, programmePrefix: null }
}
