import { countryCode } from '../fields/countries.js'
import { parsePeriod } from '../fields/dates.js'

/**
 * Events reported inside a project block ("Event 3: Catoira, Spain …" followed by "The event
 * involved 79 citizens, including 11 participants from … (Sweden), 7 participants from …"): where
 * and when each took place, who came from which country, and whether the figures add up.
 */

/** How many came from one country; `count` null when the source writes a placeholder ("xx"). */
export interface EventParticipants {
  readonly country: string | null
  readonly count: number | null
}

/** One event of a project as the page reports it. */
export interface ListingEvent {
  /** the event's heading as written ("Event 1", "Event 2: Graz, Austria the 26th …") */
  readonly title: string
  readonly place: string | null
  /** ISO 3166-1 alpha-2 */
  readonly country: string | null
  readonly start: string | null
  readonly end: string | null
  /** the stated total ("The event involved 86 citizens"), null when none is stated */
  readonly total: number | null
  readonly participants: readonly EventParticipants[]
  /** 1-based line of the event's heading */
  readonly line: number
  readonly issues: readonly string[]
}

/** A line of text with its line number. */
export interface NumberedText {
  readonly text: string
  readonly line: number
}

const EVENT_HEAD = /^(?:event|evenemang|aktivitet|activity|konferens|conference|möte|meeting)\s*(\d+)\b/i
const INVOLVED =
  /\binvolved\s+(\d+)\s+(?:citizens|participants|persons|people)\b|(?<![\p{L}])(?:samlade|deltog)\s+(\d+)\s+(?:deltagare|personer)\b/iu
const PART =
  /\b(\d+|[xX]{1,3}|\?+)\s+(?:participants|deltagare|personer|representatives)\b(?:\s+from)?([^()]{0,200}?)\(([^()]{0,80})\)/g
const NATIONAL =
  /(?<![\p{L}])(?:whereof|where of|varav)\s+(\d+)\s+(?:national|nationella)\s+(?:and|och)\s+(\d+)\s+(?:international|internationella)\b/iu
const COUNTRY_COUNT = /^([\p{L} ]+),\s*(\d+)\s+\p{L}+$/u
const TOOK_PLACE = /\btook place (?:in|at)\s+(.+)$/i
const LOCATION = /^(?:location\s*\/\s*dates?|location|plats|plats\s*\/\s*datum)\s*:\s*(.+)$/i

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|mars|maj|juni|juli|augusti|oktober'
const MONTH_NUMBER: Readonly<Record<string, number>> = {
  january: 1,
  januari: 1,
  february: 2,
  februari: 2,
  march: 3,
  mars: 3,
  april: 4,
  may: 5,
  maj: 5,
  june: 6,
  juni: 6,
  july: 7,
  juli: 7,
  august: 8,
  augusti: 8,
  september: 9,
  october: 10,
  oktober: 10,
  november: 11,
  december: 12,
}
const D = String.raw`(\d{1,2})(?:st|nd|rd|th)?`
// "October 17th and 18th, 2018", "June 18th to 20th 2019", "October 21st-23rd 2019", "May 5th -6th 2021"
const MONTH_DAYS = new RegExp(String.raw`\b(${MONTHS})\s+${D}\s*(?:and|to|till|-|–)\s*${D},?\s+(\d{4})`, 'i')
// "the 26th to the 28th of February 2019", "17-19 March 2020"
const DAYS_MONTH = new RegExp(
  String.raw`(?:the\s+)?${D}\s*(?:and|to|till|-|–)\s*(?:the\s+)?${D}\s+(?:of\s+)?(${MONTHS})\s+(\d{4})`,
  'i',
)

const pad = (n: number): string => String(n).padStart(2, '0')

/** A day range within one month ("the 26th to the 28th of February 2019"), else the shared period reader. */
function eventPeriod(text: string): { start: string | null; end: string | null } {
  const a = MONTH_DAYS.exec(text)
  if (a?.[1] && a[2] && a[3] && a[4]) {
    const m = pad(MONTH_NUMBER[a[1].toLowerCase()] ?? 0)
    return { start: `${a[4]}-${m}-${pad(Number(a[2]))}`, end: `${a[4]}-${m}-${pad(Number(a[3]))}` }
  }
  const b = DAYS_MONTH.exec(text)
  if (b?.[1] && b[2] && b[3] && b[4]) {
    const m = pad(MONTH_NUMBER[b[3].toLowerCase()] ?? 0)
    return { start: `${b[4]}-${m}-${pad(Number(b[1]))}`, end: `${b[4]}-${m}-${pad(Number(b[2]))}` }
  }
  const p = parsePeriod(text)
  // a lone year is no event date
  const precise = (v: string | null): string | null => (v !== null && v.length >= 7 ? v : null)
  return { start: precise(p.start), end: precise(p.end) }
}

/** "Hässleholm & Kristianstad, Sweden from the 14/4/2016 …" → place and country. */
function placeAndCountry(text: string): { place: string | null; country: string | null } {
  const took = TOOK_PLACE.exec(text)
  const where = (took?.[1] ?? text)
    .replace(new RegExp(String.raw`\s*,?\s*(?:from\s+)?(?:the\s+)?(?:\d|(?:${MONTHS})\b).*$`, 'i'), '')
    .replace(/\(.*$/, '')
    .trim()
  const parts = where
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
  // The country is a part of its own ("Cambridge, England") or the last word of one ("online from
  // Kristianstad Sweden"); the place is what stands right before it. Earlier parts name the event.
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = (parts[i] ?? '').replace(/^the\s+/i, '')
    const whole = countryCode(part)
    if (whole) {
      return { place: parts[i - 1] ?? null, country: whole }
    }
    const lastWord = /^(.+)\s+(\S+)$/.exec(part)
    const c = lastWord?.[2] ? countryCode(lastWord[2]) : null
    if (lastWord?.[1] && c) {
      return { place: lastWord[1], country: c }
    }
  }
  return { place: parts[parts.length - 1] ?? null, country: null }
}

/** Reads the events of a block's lines (in order); [] when it reports none. */
export function readEvents(texts: readonly NumberedText[]): ListingEvent[] {
  const out: ListingEvent[] = []
  let cur: { head: NumberedText; lines: NumberedText[] } | null = null
  const flush = (): void => {
    if (cur) {
      out.push(readEvent(cur.head, cur.lines))
    }
    cur = null
  }
  for (const t of texts) {
    if (EVENT_HEAD.test(t.text)) {
      flush()
      cur = { head: t, lines: [] }
      continue
    }
    cur?.lines.push(t)
  }
  flush()
  return out.map((e, i) => {
    // numbered events follow one another in time; one dated before its predecessor is suspect
    const prev = out[i - 1]
    const next = out[i + 1]
    const before = (a: string | null | undefined, b: string | null | undefined): boolean =>
      typeof a === 'string' && typeof b === 'string' && a < b
    if (before(e.start, prev?.start) && !before(next?.start, prev?.start)) {
      const issue = `date ${e.start} breaks the sequence: the event before began ${prev?.start}; recorded as written`
      return { ...e, issues: [...e.issues, issue] }
    }
    return e
  })
}

function readEvent(head: NumberedText, lines: readonly NumberedText[]): ListingEvent {
  const issues: string[] = []
  const headText = head.text.replace(/[.:\s]+$/, '')
  const headRest = headText.replace(EVENT_HEAD, '').replace(/^[\s:–—-]+/, '')
  const location = lines.map((l) => LOCATION.exec(l.text)?.[1]).find((v) => v !== undefined)
  // The heading's own place and dates come first; "Location / Dates" fills what it lacks.
  const fromHead = headRest !== '' ? placeAndCountry(headRest) : { place: null, country: null }
  const fromLocation = location ? placeAndCountry(location) : { place: null, country: null }
  const headDates = headRest !== '' ? eventPeriod(headRest) : { start: null, end: null }
  const locDates = location ? eventPeriod(location) : { start: null, end: null }
  if (
    headDates.start &&
    locDates.start &&
    (headDates.start !== locDates.start || headDates.end !== locDates.end)
  ) {
    issues.push(
      `dates differ between the heading (${headDates.start}–${headDates.end ?? '?'}) and 'Location / Dates' (${locDates.start}–${locDates.end ?? '?'})`,
    )
  }
  let total: number | null = null
  const participants: EventParticipants[] = []
  for (const l of lines) {
    const inv = INVOLVED.exec(l.text)
    if (inv && total === null) {
      total = Number(inv[1] ?? inv[2])
      const after = l.text.slice(inv.index + inv[0].length)
      for (const m of after.matchAll(PART)) {
        const raw = m[1] ?? ''
        const country = countryCode((m[3] ?? '').replace(/[,\s]+$/, ''))
        const count = /^\d+$/.test(raw) ? Number(raw) : null
        if (count === null) {
          issues.push(`'${raw} participants' from ${(m[3] ?? '').trim()}: placeholder, count missing`)
        }
        addCount(participants, country, count)
      }
      const nat = NATIONAL.exec(l.text)
      if (nat?.[1] && nat[2] && Number(nat[1]) + Number(nat[2]) !== total) {
        const n = Number(nat[1]) + Number(nat[2])
        issues.push(
          `${nat[1]} national and ${nat[2]} international participants make ${n}, not the stated total ${total}`,
        )
      }
      continue
    }
    const cc = COUNTRY_COUNT.exec(l.text)
    const c = cc?.[1] ? countryCode(cc[1].trim()) : null
    if (cc?.[2] && c) {
      addCount(participants, c, Number(cc[2]))
    }
  }
  const known = participants.filter((p) => p.count !== null)
  const sum = known.reduce((a, p) => a + (p.count ?? 0), 0)
  if (total !== null && known.length > 1 && known.length === participants.length && sum !== total) {
    issues.push(`participants per country add up to ${sum}, not the stated total ${total}`)
  }
  if (total === null && known.length > 0) {
    issues.push(`no total stated; participants listed by country add up to ${sum}`)
  }
  if (/cancel+ed|inställ/i.test(head.text)) {
    issues.push('the event was cancelled')
  }
  return {
    title: headText,
    place: fromHead.place ?? fromLocation.place,
    country: fromHead.country ?? fromLocation.country,
    start: headDates.start ?? locDates.start,
    end: headDates.end ?? locDates.end,
    total,
    participants,
    line: head.line,
    issues,
  }
}

function addCount(list: EventParticipants[], country: string | null, count: number | null): void {
  const at = list.findIndex((p) => p.country !== null && p.country === country)
  const prev = list[at]
  if (prev) {
    list[at] = { country, count: prev.count === null || count === null ? null : prev.count + count }
    return
  }
  list.push({ country, count })
}

/**
 * Issues for a project whose events' figures do not add up or cannot be read, each naming the
 * event ("event 3: participants per country add up to 84, not the stated total 79").
 */
export function eventIssues(texts: readonly string[]): string[] {
  const events = readEvents(texts.map((text, i) => ({ text, line: i + 1 })))
  return events.flatMap((e) => {
    const n = EVENT_HEAD.exec(e.title)?.[1] ?? '?'
    return e.issues
      .filter(
        (i) =>
          !i.startsWith('dates differ') &&
          !i.startsWith('the event was cancelled') &&
          !i.startsWith('no total'),
      )
      .map((i) => `event ${n}: ${i}`)
  })
}
