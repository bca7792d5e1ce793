import type { RecordPartner, Role } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import { countryCode } from '../fields/countries.js'
import { type ParsedPartner, parsePartner, parsePartnerList } from '../fields/partners.js'
import { roleFromStatement } from '../fields/roles.js'
import type { Body } from './body.js'
import { labelValue } from './lines.js'
import { isOrganisationEntry, sameBody } from './organisation.js'
import type { Block } from './segment.js'

/** A project block's partners, lead partner and the publishing body's role. */

/** Words with which a page says its body takes part in the projects it lists. */
export const TAKES_PART =
  /\b(deltar|medverkar|involverad|involverade|engagerad|participates?|takes? part|is involved)\b/i

/** Who takes part in a project, as its block says. */
export interface Parties {
  partners: RecordPartner[]
  leadPartner: string | null
  leadCountry: string | null
  /** partners from lists that make the organisation a partner (not "genomfördes av A, B och C") */
  listed: RecordPartner[]
  /** false when the organisation runs the project together with another ("driver tillsammans med") */
  soleLead: boolean
  /** the organisation ran the project jointly with others, owner not stated */
  jointlyCarriedOut: boolean
}

const DEFINITE_PLURAL = /^\p{Ll}[\p{L}-]*(erna|arna|orna|na)$/u

/**
 * Cleans a partner list before it is split: a semicolon used as a colon becomes a comma, and
 * entries that name kinds of actors rather than organisations ("inkubatorerna i Skåne", "samt de
 * kommuner som leden passerar igenom") are dropped, each with an issue.
 */
function cleanList(value: string, issues: string[]): string {
  const lines = value.split('\n')
  const out: string[] = []
  for (let line of lines) {
    if ((line.match(/;/g) ?? []).length === 1 && !/;\s*$/.test(line)) {
      line = line.replace(';', ',')
    }
    const segments = splitOutsideParens(line, ',')
    const kept: string[] = []
    for (const seg of segments) {
      const s = seg.trim()
      const firstWord = s.split(/\s+/)[0] ?? ''
      if (
        /^(samt|och|and)\s+(de|dem|alla|the)\b/i.test(s) ||
        (DEFINITE_PLURAL.test(firstWord) &&
          !/\s\p{Lu}/u.test(s.slice(firstWord.length, firstWord.length + 2)))
      ) {
        issues.push(`partner list names a group, not an organisation ('${s}'); not recorded as a partner`)
        continue
      }
      // "regionerna Schleswig-Holstein (Tyskland)": the descriptive word goes, the name stays
      kept.push(DEFINITE_PLURAL.test(firstWord) ? s.slice(firstWord.length).trim() : s)
    }
    out.push(kept.join(', '))
  }
  return out.join('\n')
}

function splitOutsideParens(text: string, sep: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of text) {
    if (ch === '(') {
      depth++
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1)
    }
    if (ch === sep && depth === 0) {
      out.push(cur)
      cur = ''
      continue
    }
    cur += ch
  }
  out.push(cur)
  return out.filter((s) => s.trim() !== '')
}

/**
 * In a list where every entry but the first names its country, an entry without one is the front
 * half of a name with a comma in it: "MITA – Agency for Science, Innovation and Technology (Litauen)".
 */
function joinCommaNames(list: ParsedPartner[], source: string): ParsedPartner[] {
  const untagged = list.map((p, i) => (i > 0 && p.country === null ? i : -1)).filter((i) => i > 0)
  const [only] = untagged
  if (untagged.length !== 1 || only === undefined || list.length < 4) {
    return list
  }
  const front = list[only]
  const back = list[only + 1]
  if (
    !front ||
    !back ||
    back.country === null ||
    !fold(source).includes(fold(`${front.name}, ${back.name}`))
  ) {
    return list
  }
  const joined = { ...back, name: `${front.name}, ${back.name}` }
  return [...list.slice(0, only), joined, ...list.slice(only + 2)]
}

/** True when most entries start in lower case: a list of kinds of actors ("Regioner, nationella myndigheter …"). */
function kindsOfActors(list: readonly ParsedPartner[]): boolean {
  if (list.length < 3) {
    return false
  }
  const lower = list.slice(1).filter((p) => /^\p{Ll}/u.test(p.name)).length
  return lower >= (list.length - 1) / 2
}

// "Berlin-Brandenburg är huvudansvarig", "drivet av Køge kommune", "led by X"
const LEAD_SENTENCE =
  /(?:^|[.!?]\s+)(\p{Lu}[^.!?]{1,80}?)\s+(?:är|var)\s+(?:huvudansvarig[a]?|projektägare|lead partner|ledande partner|koordinator)\b/u
const LED_BY =
  /(?<![\p{L}])(?:drivet|drivs|drevs|leds|leddes|ägs|ägdes|led|coordinated|run)\s+(?:av|by)\s+(\p{Lu}[^.,;]{1,80}?)(?=[.,;]|\s+(?:och|and|i samarbete|in cooperation)\b|$)/u
const OWNER_SITE =
  /(?<![\p{L}-])(\p{Lu}[\p{L}-]+ (?:kommun|stad|region|kommune))s?\b[^.]{0,40}?,?\s+som projektägare\b/u

/** Partners (lists, country lines, partnership sentences), the lead partner and who ran the project. */
export function readParties(body: Body, org: string | null, issues: string[]): Parties {
  const partners: RecordPartner[] = []
  const listed: RecordPartner[] = []
  let leadPartner: string | null = null
  let leadCountry: string | null = null
  let soleLead = true
  let jointlyCarriedOut = false
  const add = (p: RecordPartner, isListed: boolean): void => {
    if (!partners.some((q) => samePartner(q.name, p.name))) {
      partners.push({ name: p.name, country: p.country })
    }
    if (isListed) {
      listed.push(p)
    }
  }
  for (const l of body.labelled) {
    if (l.kind === 'lead' && leadPartner === null) {
      const p = parsePartner(l.value.split('\n')[0] ?? '')
      if (p) {
        leadPartner = p.name
        leadCountry = p.country
      }
    }
  }
  for (const l of body.labelled) {
    if (l.kind !== 'partners') {
      continue
    }
    // sentences inside the list that say who leads ("… Östersjön. Berlin-Brandenburg är huvudansvarig")
    let value = l.value
    const lead = LEAD_SENTENCE.exec(value.replace(/\n/g, ' '))
    if (lead?.[1]) {
      leadPartner ??= lead[1].trim()
      value = value
        .replace(/\n/g, ' ')
        .replace(lead[0], '.')
        .replace(/[.\s]+$/, '')
    }
    const adjective = countryCode(l.label.split(/\s+/)[0] ?? '')
    const cleaned = cleanList(value, issues)
    const list = joinCommaNames(parsePartnerList(cleaned, { defaultCountry: adjective }), cleaned)
    if (kindsOfActors(list)) {
      issues.push(`'${l.label}:' lists only kinds of actors, no organisations`)
      continue
    }
    for (const p of list) {
      if (p.isLead && leadPartner === null) {
        leadPartner = p.name
        leadCountry = p.country
      }
      add(p, true)
    }
  }
  for (const cl of body.countryLines) {
    for (const p of parsePartnerList(cl.value, { defaultCountry: cl.country })) {
      add(p, true)
    }
  }
  for (const text of body.texts) {
    if (labelValue(text) !== null) {
      continue
    }
    const withWhom = /\b(?:i samarbete med|in cooperation with|in partnership with)\s+(.+?)\.?$/iu.exec(text)
    if (withWhom?.[1] && /^proje\p{L}*\s+genomfördes|^the project was/iu.test(text)) {
      for (const p of parsePartnerList(cleanList(withWhom[1], issues))) {
        add(p, true)
      }
    }
    const by =
      /^(?:proje\p{L}*|förstudien|studien)\s+(?:genomfördes|genomförs|utfördes)\s+av\s+(.+?)\.?$/iu.exec(text)
    if (by?.[1]) {
      const list = distribute(by[1], issues)
      if (list.length === 1 && org && list[0] && isOrganisationEntry(list[0].name, org)) {
        leadPartner ??= list[0].name
      } else if (list.length > 1) {
        jointlyCarriedOut = true
        if (org && list.some((p) => isOrganisationEntry(p.name, org))) {
          issues.push(`carried out jointly ('${by[1]}'); project owner not stated`)
        }
      }
      for (const p of list) {
        add(p, false)
      }
    }
    const were = /\bPartners?\s+(?:var|är|were|are)\s+(?:förutom\s+(.+?)\s+även\s+)?(.+?)\.?$/u.exec(text)
    if (were?.[2]) {
      for (const p of [...distribute(were[1] ?? '', issues), ...distribute(were[2], issues)]) {
        add(p, true)
      }
    }
    const ledBy = LED_BY.exec(text)
    if (ledBy?.[1] && leadPartner === null && !/^(the|den|det)\b/i.test(ledBy[1])) {
      leadPartner = ledBy[1].trim()
    }
    const owner = OWNER_SITE.exec(text)
    if (owner?.[1] && leadPartner === null) {
      leadPartner = owner[1]
    }
    // "Region Skåne driver tillsammans med Region Blekinge …": a joint lead, no single lead partner
    const at = org ? text.toLowerCase().indexOf(org.toLowerCase()) : -1
    if (
      org &&
      at >= 0 &&
      /^\s+\p{L}+\s+tillsammans med\b/iu.test(text.slice(at + org.length, at + org.length + 60))
    ) {
      soleLead = false
    }
  }
  // The lead partner is among the partners (the caller adds it, first, when no list names it).
  if (leadPartner !== null) {
    const lp = leadPartner
    const at = partners.findIndex((p) => samePartner(p.name, lp))
    const p = partners[at]
    if (p) {
      // the lead partner's own wording wins over a name built from "Køge och Hässleholms kommuner"
      partners[at] = { name: lp, country: p.country }
      leadCountry ??= p.country
    }
  }
  // The partner reader folds dashes to '-'; names keep the source's own ("ecoplus – The Business …").
  const source = body.texts.join('\n')
  const asWritten = (name: string): string => restoreDashes(name, source)
  return {
    partners: partners.map((p) => ({ ...p, name: asWritten(p.name) })),
    leadPartner: leadPartner === null ? null : asWritten(leadPartner),
    leadCountry,
    listed,
    soleLead,
    jointlyCarriedOut,
  }
}

/** The source's spelling of a name whose dashes a reader normalised, or the name unchanged. */
function restoreDashes(name: string, source: string): string {
  if (!name.includes('-') || name.length > 200) {
    return name
  }
  const pattern = escapeRegExp(name).replace(/-/g, '[-‐‑‒–—]').replace(/ /g, '\\s+')
  return new RegExp(pattern, 'u').exec(source)?.[0] ?? name
}

/** "Hässleholms och Kristianstads kommuner" → two municipalities; other lists as partner lists. */
function distribute(text: string, issues: string[]): ParsedPartner[] {
  const t = text.trim()
  if (t === '') {
    return []
  }
  const m = /^(\p{Lu}[\p{L}-]*) och (\p{Lu}[\p{L}-]*) (kommuner|städer|kommunerna)$/u.exec(t)
  if (m?.[1] && m[2]) {
    const noun = m[3] === 'städer' ? 'stad' : 'kommun'
    const names = [`${m[1]} ${noun}`, `${m[2]} ${noun}`]
    issues.push(`'${t}' read as two partners (${names.join(', ')})`)
    return names.map((name) => ({ name, country: null, isLead: false }))
  }
  return parsePartnerList(t)
}

/** Escapes a text for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Partners are the same when their names fold alike or denote the same public body. */
export function samePartner(a: string, b: string): boolean {
  return fold(a) === fold(b) || sameBody(a, b)
}

/** The publishing body's role: lead when it leads or coordinates, partner when listed or taking part. */
export function readRole(
  body: Body,
  parties: Parties,
  block: Block,
  org: string | null,
  pageSaysWeTakePart = false,
): Role | null {
  if (!org) {
    return null
  }
  if (parties.leadPartner !== null && isOrganisationEntry(parties.leadPartner, org)) {
    return 'lead'
  }
  const prose = body.texts.filter((t) => labelValue(t) === null || /^aktörer|^partners/i.test(t)).join(' ')
  const stated = roleFromStatement(prose, org)
  if (stated !== null) {
    return stated
  }
  if (parties.listed.some((p) => isOrganisationEntry(p.name, org))) {
    return 'partner'
  }
  if (parties.jointlyCarriedOut) {
    return null
  }
  const mentioned = body.texts.some((t) => fold(t).includes(fold(org)))
  const weTakePart = pageSaysWeTakePart || block.headings.some((h) => TAKES_PART.test(h))
  if (parties.leadPartner !== null && (mentioned || weTakePart)) {
    return 'partner'
  }
  return null
}

/** An acronym the description gives in parentheses after the name: "Fiber till Alla i Blekinge och Skåne (FABS)". */
