import { fold, normaliseDashes, squash } from '../../../shared/fold.js'

/** A date read from text: ISO 8601 at the precision the source gives ('2015', '2015-09', '2015-09-01'). */
export interface DateResult {
  /** null when the text holds no readable date */
  readonly value: string | null
  /** problems found in the source (impossible date, two-digit year, revised date, …) */
  readonly issues: string[]
}

/** A period read from text; either end may be missing. */
export interface PeriodResult {
  readonly start: string | null
  readonly end: string | null
  readonly issues: string[]
}

/** Month names as Swedish, English and Danish/Norwegian sources write them, folded, with abbreviations. */
const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  january: 1,
  jan: 1,
  januar: 1,
  februari: 2,
  february: 2,
  feb: 2,
  febr: 2,
  februar: 2,
  mars: 3,
  march: 3,
  mar: 3,
  marts: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augusti: 8,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
}

// Longest names first so 'september' wins over 'sep'.
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')

/** Answers that mean "no date given"; not an error in the source's own terms. */
const NO_ANSWER = /^(?:-+|–|\?|x|n\/a|saknas|ej angivet|ej känt|okänt|unknown|tbd|tba)$/i
const DONT_KNOW = /^vet ej\.?$/i

/** Words that announce that a date was moved: "(försenat till 2023-03-01)", "(extended to September 2021)". */
const REVISION =
  /\(?\s*(?:försenat|försenad|förlängt|förlängd|framflyttat|framflyttad|senarelagt|senarelagd|uppskjutet|flyttat|ändrat|extended|postponed|delayed|prolonged|moved|changed)\s+(?:till|to|until)\s+([^)]*)\)?/giu

interface Found {
  readonly value: string | null
  readonly index: number
  readonly end: number
  readonly issues: string[]
}

interface Pattern {
  readonly re: RegExp
  readonly build: (m: RegExpExecArray) => { y: number; mo?: number; d?: number; twoDigit?: boolean } | null
}

const num = (s: string | undefined): number => Number((s ?? '').replace(/\s+/g, ''))
const month = (s: string | undefined): number | undefined => MONTHS[fold(s ?? '').replace(/\s/g, '')]

// Ordered by priority: a match claims its span, later patterns only read what is left.
const PATTERNS: readonly Pattern[] = [
  {
    // 2015-09-01, 2015.09.01, 2015/09/01, and PDF artefacts like '2 023 -09-01'
    re: /(?<![\d])(\d(?: ?\d){3}) ?([-./]) ?(\d ?\d|\d) ?\2 ?(\d ?\d|\d)(?![\d])/gu,
    build: (m) => ({ y: num(m[1]), mo: num(m[3]), d: num(m[4]) }),
  },
  {
    // 20180101
    re: /(?<![\d])((?:19|20)\d{2})(0[1-9]|1[0-2])(\d{2})(?![\d])/gu,
    build: (m) => ({ y: num(m[1]), mo: num(m[2]), d: num(m[3]) }),
  },
  {
    // 14/4/2016, 1.3.2016 (day first, as in Europe)
    re: /(?<![\d])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d])/gu,
    build: (m) => ({ y: num(m[3]), mo: num(m[2]), d: num(m[1]) }),
  },
  {
    // 1/9 2023: the Swedish short form, day/month then the year
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\s+((?:19|20)\d{2})(?![\d])/gu,
    build: (m) => ({ y: num(m[3]), mo: num(m[2]), d: num(m[1]) }),
  },
  {
    // 1 mars 2016, 1:a mars 2016, 1. März… (Nordic and English day-month-year)
    re: new RegExp(
      `(?<![\\d])(\\d{1,2})(?:\\.|:a|:e|st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\.?,?\\s+((?:19|20)\\d{2})(?![\\d])`,
      'giu',
    ),
    build: (m) => {
      const mo = month(m[2])
      return mo ? { y: num(m[3]), mo, d: num(m[1]) } : null
    },
  },
  {
    // March 1, 2016
    re: new RegExp(
      `(?<![\\p{L}])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?![\\d])`,
      'giu',
    ),
    build: (m) => {
      const mo = month(m[1])
      return mo ? { y: num(m[3]), mo, d: num(m[2]) } : null
    },
  },
  {
    // september 2009, Mars 2020, sept. 2009
    re: new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?\\s+((?:19|20)\\d{2})(?![\\d])`, 'giu'),
    build: (m) => {
      const mo = month(m[1])
      return mo ? { y: num(m[2]), mo } : null
    },
  },
  {
    // 23-09-01: a two-digit year, as some forms are filled in
    re: /(?<![\d-])(\d{2}) ?- ?(\d{2}) ?- ?(\d{2})(?![\d-])/gu,
    build: (m) => ({ y: 2000 + num(m[1]), mo: num(m[2]), d: num(m[3]), twoDigit: true }),
  },
  {
    // 2019-04
    re: /(?<![\d])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\d]|-\d)/gu,
    build: (m) => ({ y: num(m[1]), mo: num(m[2]) }),
  },
  {
    // 2019 (also 'sommaren 2019': a season is read at year precision)
    re: /(?<![\d.,])((?:19|20)\d{2})(?![\d])/gu,
    build: (m) => ({ y: num(m[1]) }),
  },
]

const pad = (n: number): string => String(n).padStart(2, '0')

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** Turns y/m/d into ISO at the precision given, keeping what is valid and flagging what is not. */
function toIso(
  parts: { y: number; mo?: number; d?: number; twoDigit?: boolean },
  raw: string,
): { value: string | null; issues: string[] } {
  const issues: string[] = []
  const { y, mo, d } = parts
  if (parts.twoDigit) {
    issues.push(`date written with a two-digit year ('${raw}')`)
  }
  if (y < 1900 || y > 2100) {
    return { value: null, issues: [...issues, `date cannot be read ('${raw}')`] }
  }
  if (mo === undefined) {
    return { value: String(y), issues }
  }
  if (mo < 1 || mo > 12) {
    // An impossible month keeps only the year, which the source does state.
    return { value: String(y), issues: [...issues, `invalid date ${raw}`] }
  }
  if (d === undefined) {
    return { value: `${y}-${pad(mo)}`, issues }
  }
  if (d < 1 || d > daysInMonth(y, mo)) {
    // '2019-04-31' does not exist; the month it names does, so the value keeps month precision.
    return { value: `${y}-${pad(mo)}`, issues: [...issues, `invalid date ${raw}`] }
  }
  return { value: `${y}-${pad(mo)}-${pad(d)}`, issues }
}

/** Every date in the text, left to right, each claiming its own span. */
function findDates(text: string): Found[] {
  const taken: boolean[] = new Array(text.length).fill(false)
  const found: Found[] = []
  for (const p of PATTERNS) {
    p.re.lastIndex = 0
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const start = m.index
      const end = start + m[0].length
      if (taken.slice(start, end).some(Boolean)) {
        continue
      }
      const parts = p.build(m)
      if (!parts) {
        continue
      }
      const raw = squash(m[0])
      const iso = toIso(parts, raw)
      for (let i = start; i < end; i++) {
        taken[i] = true
      }
      found.push({ value: iso.value, index: start, end, issues: iso.issues })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

interface Revision {
  readonly index: number
  readonly value: string
  readonly raw: string
}

/** Cuts "(försenat till …)" parts out of the text (blanked, so positions stay) and reads their dates. */
function takeRevisions(text: string): { rest: string; revisions: Revision[]; issues: string[] } {
  const revisions: Revision[] = []
  const issues: string[] = []
  let rest = text
  REVISION.lastIndex = 0
  for (let m = REVISION.exec(text); m !== null; m = REVISION.exec(text)) {
    const date = findDates(m[1] ?? '')[0]
    if (!date?.value) {
      continue
    }
    revisions.push({ index: m.index, value: date.value, raw: squash(m[0]) })
    issues.push(...date.issues)
    rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length)
  }
  return { rest, revisions, issues }
}

function prepare(text: string): string {
  return normaliseDashes(text).replace(/\r?\n/g, ' ')
}

/**
 * Reads one date from text such as a form answer or a label-value line.
 * Keeps the source's precision; an impossible day keeps the month ('2019-04-31' → '2019-04') with
 * an issue; a date moved in a parenthesis ("22 -09-01 (försenat till 2023-03-01)") gives the
 * new date with an issue naming the old one.
 * @example parseDate('2 023 -09-01') // { value: '2023-09-01', issues: [] }
 * @example parseDate('230 201')      // { value: '2023-02-01', issues: ['date written as run-together YYMMDD …'] }
 */
export function parseDate(text: string): DateResult {
  const clean = squash(prepare(text))
  if (clean === '' || NO_ANSWER.test(clean)) {
    return { value: null, issues: [] }
  }
  if (DONT_KNOW.test(clean)) {
    return { value: null, issues: [`answer '${clean}' (unknown) for a date`] }
  }
  const { rest, revisions, issues } = takeRevisions(clean)
  const plain = squash(rest)
  let first: { value: string | null; issues: string[] } | undefined
  // A date made only of digits, spaces and separators may have had spaces put inside it by a
  // PDF ('2 022', '230 201', '23 -11- 01'); read it with the spaces removed.
  if (/^[\d\s./-]+$/.test(plain)) {
    const compact = plain.replace(/\s+/g, '')
    const yymmdd = /^(\d{2})(\d{2})(\d{2})$/.exec(compact)
    if (yymmdd) {
      const iso = toIso({ y: 2000 + num(yymmdd[1]), mo: num(yymmdd[2]), d: num(yymmdd[3]) }, plain)
      first = {
        value: iso.value,
        issues: [`date written as run-together YYMMDD ('${plain}')`, ...iso.issues],
      }
    } else {
      first = findDates(compact)[0]
    }
  }
  first ??= findDates(plain)[0]
  if (revisions.length > 0) {
    const last = revisions[revisions.length - 1]
    if (last) {
      const was = first?.value ? ` (was ${first.value})` : ''
      return { value: last.value, issues: [...issues, `date revised in the source: '${clean}'${was}`] }
    }
  }
  if (!first) {
    return { value: null, issues: [`date cannot be read ('${excerpt(clean)}')`] }
  }
  return { value: first.value, issues: [...first.issues, ...issues] }
}

/** Words before a lone date that make it the end of the period ("pågår till 2020"). */
const END_CUE =
  /(?:^|[^\p{L}])(?:till|t\.o\.m\.?|tom|to|until|till och med|fram till|slut|slutet|ends?|ending|ended|avslutas|avslutades|senast)\s+(?:den\s+|the\s+|i\s+|in\s+)?[\p{L}\s]{0,20}$/iu

/**
 * Reads a period ("2015-09-01--2018-08-31", "1 mars 2016 – 1 mars 2019", "Projekttid: 20180101 till
 * 20200531", "september 2009 till september 2012", "2015-2019"). The first date found is the start
 * and the second the end; a lone date is the end when a word such as "till" leads to it, the start
 * otherwise. An end before the start is kept and flagged.
 * @example parsePeriod('Projektperiod: 2016-05-01 – 2019-04-31')
 *   // { start: '2016-05-01', end: '2019-04', issues: ['invalid date 2019-04-31'] }
 */
export function parsePeriod(text: string): PeriodResult {
  const clean = squash(prepare(text))
  if (clean === '' || NO_ANSWER.test(clean)) {
    return { start: null, end: null, issues: [] }
  }
  const { rest: withoutRevisions, revisions, issues } = takeRevisions(clean)
  const rest = shareYear(withoutRevisions)
  const dates = findDates(rest).filter((d) => d.value !== null)
  const all = [...issues]
  let start: string | null = null
  let end: string | null = null
  let endIndex = -1
  const [a, b] = dates
  if (a && b) {
    start = a.value
    end = b.value
    endIndex = b.index
    all.push(...a.issues, ...b.issues)
  } else if (a) {
    if (END_CUE.test(rest.slice(0, a.index))) {
      end = a.value
      endIndex = a.index
    } else {
      start = a.value
    }
    all.push(...a.issues)
  }
  for (const r of revisions) {
    // A revision replaces the date it follows: the end when it comes after the end, else the start.
    if (end !== null && r.index > endIndex) {
      all.push(`end revised in the source: '${r.raw}' (was ${end})`)
      end = r.value
    } else if (start !== null) {
      all.push(`start revised in the source: '${r.raw}' (was ${start})`)
      start = r.value
    } else {
      end = r.value
    }
  }
  if (start !== null && end !== null && isBefore(end, start)) {
    all.push(`end ${end} before start ${start}`)
  }
  if (start === null && end === null && all.length === 0) {
    all.push(`period cannot be read ('${excerpt(clean)}')`)
  }
  return { start, end, issues: unique(all) }
}

// "1 mars – 31 maj 2016", "mars–juni 2016": the first date borrows the year the second states.
const SHARED_YEAR = new RegExp(
  `(?<![\\p{L}\\d])((?:\\d{1,2}\\.?\\s+)?(?:${MONTH_RE}))(\\.?\\s*(?:-|till|to|until)\\s*(?:\\d{1,2}\\.?\\s+)?(?:${MONTH_RE})\\.?\\s+((?:19|20)\\d{2}))(?!\\d)`,
  'giu',
)

function shareYear(text: string): string {
  return text.replace(
    SHARED_YEAR,
    (_m, first: string, tail: string, year: string) => `${first} ${year}${tail}`,
  )
}

/** True when partial ISO date a lies before b at the precision both give. */
export function isBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length)
  return a.slice(0, n) < b.slice(0, n)
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
