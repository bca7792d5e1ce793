import type { RecordPartner } from '../../../registry/project-record.js'
import { normaliseDashes, squash } from '../../../shared/fold.js'
import { countryCode } from './countries.js'

/** One partner read from a list entry, with what the entry says about its role. */
export interface ParsedPartner extends RecordPartner {
  /** true when the entry marks it as lead ("(Lead partner)", "(ledande partner)", "(koordinator)") */
  readonly isLead: boolean
}

/** Options for {@link parsePartnerList}. */
export interface PartnerListOptions {
  /** the country of every partner that names none (a heading "Svenska partners:"); default null */
  readonly defaultCountry?: string | null
}

const LEAD_MARK =
  /\(\s*(?:lead partner|lead|leadpartner|ledande partner|huvudpartner|koordinator|coordinator|huvudansvarig|lp)\s*\)/iu
const ROLE_MARK =
  /\(\s*(?:lead partner|lead|leadpartner|ledande partner|huvudpartner|koordinator|coordinator|huvudansvarig|lp|pp|partner|projektledare|project leader|associated partner|associerad partner)\s*\)/giu

// Nouns that several names in "Herlev och Gentofte Hospitaler" share: such a group stays one entry.
const SHARED_NOUN =
  /^(?:hospitaler|sjukhus|sjukhusen|hospitals|kommuner|kommunerna|municipalities|regioner|regionerna|regions|universitet|universiteten|universities|högskolor|hospitalerne|kommuner)$/iu

/**
 * Reads one partner entry: "TIS Techno Innovation South Tyrol (Italien)", "ASTER Stock Joint Consortium
 * (ITA)", "Tampere Region Martat (Lead partner), FI", "EGTC - Euroregio Without Borders, IT, AT" (first
 * country kept), "Ballerup (ledande partner)". Bullets and trailing punctuation are dropped.
 * @returns null for an empty entry
 */
export function parsePartner(text: string, defaultCountry: string | null = null): ParsedPartner | null {
  let t = squash(normaliseDashes(text)).replace(/^[•*·\-–\s]+/, '')
  t = t.replace(/[\s,;.]+$/, '')
  if (t === '') {
    return null
  }
  const isLead = LEAD_MARK.test(t)
  t = squash(t.replace(ROLE_MARK, ' ')).replace(/\s+,/g, ',')
  let country: string | null = null
  // Trailing codes after a comma: ", FI" or ", IT, AT" (several countries: the first is kept).
  const codes = /((?:,\s*[A-Z]{2,3}\b)+)\s*$/u.exec(t)
  if (codes?.[1]) {
    const found = codes[1]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .map(countryCode)
    if (found.length > 0 && found.every((c) => c !== null)) {
      country = found[0] ?? null
      t = t.slice(0, codes.index).trim()
    }
  }
  // Trailing parentheses: "(Österrike)", "(ITA)", "(BE)".
  const paren = /\(([^()]+)\)\s*$/u.exec(t)
  if (country === null && paren?.[1]) {
    const c = countryCode(paren[1])
    if (c) {
      country = c
      t = t.slice(0, paren.index).trim()
    }
  }
  t = t.replace(/[\s,;]+$/, '').trim()
  if (t === '') {
    return null
  }
  return { name: t, country: country ?? defaultCountry, isLead }
}

/** Splits at separators that are not inside parentheses. */
function splitTopLevel(text: string, sep: RegExp): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i] ?? ''
    if (ch === '(') {
      depth++
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1)
    }
    if (depth === 0) {
      sep.lastIndex = i
      const m = sep.exec(text)
      if (m && m.index === i) {
        out.push(cur)
        cur = ''
        i += m[0].length
        continue
      }
    }
    cur += ch
    i++
  }
  out.push(cur)
  return out.map((s) => s.trim()).filter((s) => s !== '')
}

/** Splits an entry on " och " / " samt " unless the words share a noun ("Herlev och Gentofte Hospitaler"). */
function splitConjunctions(item: string): string[] {
  const pieces = item.split(/ (och|samt) /u)
  const out: string[] = []
  let cur = pieces[0] ?? ''
  for (let i = 1; i < pieces.length; i += 2) {
    const sep = pieces[i] ?? 'och'
    const right = pieces[i + 1] ?? ''
    // "Miljø- och biovitenskaplige": a hyphen ending the left side means one compound name;
    // unbalanced parentheses mean the conjunction sits inside one.
    if (cur.endsWith('-') || sharesNoun(cur, right) || depth(cur) > 0) {
      cur = `${cur} ${sep} ${right}`
      continue
    }
    out.push(cur)
    cur = right
  }
  out.push(cur)
  return out.map((s) => s.trim()).filter((s) => s !== '')
}

function depth(text: string): number {
  return (text.match(/\(/g) ?? []).length - (text.match(/\)/g) ?? []).length
}

function sharesNoun(left: string, right: string): boolean {
  const l = left.split(' ')
  const r = right.split(' ')
  const last = r[r.length - 1] ?? ''
  return l.length === 1 && r.length === 2 && SHARED_NOUN.test(last)
}

/**
 * Reads a partner list as sources write it: "A, B (Italien), C och D", "A (BE); B (ES); …",
 * "Tyskland: A, B" (a country leading the list gives every entry its country), one entry per line,
 * bullets. A list label ("Övriga partners:") is dropped. Names stay as written.
 * @example parsePartnerList('Andra partners: Region Skåne, Brainport Development (NLD) och Flanders Make (BEL).')
 */
export function parsePartnerList(text: string, opts: PartnerListOptions = {}): ParsedPartner[] {
  const out: ParsedPartner[] = []
  for (const rawLine of normaliseDashes(text).split(/\r?\n/)) {
    let line = squash(rawLine).replace(/^[•*·\s]+/, '')
    if (line === '') {
      continue
    }
    let country = opts.defaultCountry ?? null
    const label = /^([^:()]{1,60}):\s*/u.exec(line)
    if (label?.[1]) {
      const head = label[1].trim()
      const c = countryCode(head) ?? countryCode(head.split(' ')[0] ?? '')
      if (countryCode(head)) {
        country = c
        line = line.slice(label[0].length)
      } else if (
        /\b(?:partner|partners|partnere|aktörer|deltagare|medverkande|participants|members|parter)\b/iu.test(
          head,
        )
      ) {
        if (c && head.split(' ').length === 2) {
          country = c
        }
        line = line.slice(label[0].length)
      }
    }
    // "City of Labin, HR": one entry per line, the country code after its only comma group.
    if (!line.includes(';') && oneCodedEntry(line)) {
      const p = parsePartner(line, country)
      if (p) {
        out.push(p)
      }
      continue
    }
    const items = line.includes(';') ? splitTopLevel(line, /;/y) : attachCodes(splitTopLevel(line, /,\s*/y))
    const merged = mergeSharedNouns(items.flatMap(splitConjunctions))
    for (const item of merged) {
      const p = parsePartner(item, country)
      if (p) {
        out.push(p)
      }
    }
  }
  return out
}

/** "Bispebjerg, Hvidovre och Holbaek Sjukhus": single names before a shared-noun group join it. */
function mergeSharedNouns(items: string[]): string[] {
  const out: string[] = []
  for (const item of items) {
    const words = item.split(' ')
    const sharedGroup = / och /.test(item) && SHARED_NOUN.test(words[words.length - 1] ?? '')
    if (sharedGroup) {
      const singles: string[] = []
      while (out.length > 0 && /^\p{Lu}[\p{L}-]*$/u.test(out[out.length - 1] ?? '')) {
        singles.unshift(out.pop() ?? '')
      }
      out.push([...singles, item].join(', '))
      continue
    }
    out.push(item)
  }
  return out
}

const CODE = /^[A-Z]{2,3}$/u

/** True when the line is one entry ending in country codes: "Institute of X, University of Y , AT". */
function oneCodedEntry(line: string): boolean {
  const items = splitTopLevel(line.replace(/[\s.]+$/, ''), /,\s*/y)
  const codeAt = items.map((i) => CODE.test(i) && countryCode(i) !== null)
  const firstCode = codeAt.indexOf(true)
  return firstCode > 0 && codeAt.slice(firstCode).every(Boolean) && !/\([^)]*\)\s*,/.test(line)
}

/** "Eisacktal/Valle Isarco, IT, Vinschgau/Val Venosta, IT": a code alone belongs to the entry before it. */
function attachCodes(items: string[]): string[] {
  const out: string[] = []
  for (const item of items) {
    if (CODE.test(item) && countryCode(item) !== null && out.length > 0) {
      out[out.length - 1] = `${out[out.length - 1]}, ${item}`
      continue
    }
    out.push(item)
  }
  return out
}
