import type { Money } from '../../../registry/project-record.js'
import { normaliseDashes, squash } from '../../../shared/fold.js'

/** An amount read from text. */
export interface MoneyResult {
  /** null when the text states no readable amount ("Vet ej", "-", empty, garbled) */
  readonly value: Money | null
  readonly issues: string[]
}

/** Options for {@link parseMoney}. */
export interface MoneyOptions {
  /** currency to assume when the text names none (a form label saying "Total budget SEK"); default none */
  readonly defaultCurrency?: string
}

/** Currency words and signs, with the power of ten some of them imply ('mkr' is millions of kronor). */
const CURRENCIES: readonly { re: RegExp; currency: string; exp: number }[] = [
  {
    re: /^(?:mkr|msek|mnkr|miljoner kronor|miljoner kr|milj\.? kr|miljon kronor)$/i,
    currency: 'SEK',
    exp: 6,
  },
  { re: /^(?:tkr|ksek|tusen kronor)$/i, currency: 'SEK', exp: 3 },
  { re: /^(?:mdkr|miljarder kronor)$/i, currency: 'SEK', exp: 9 },
  { re: /^(?:sek|kr|kr\.|kronor|skr|svenska kronor|:-)$/i, currency: 'SEK', exp: 0 },
  { re: /^(?:meur|m€|€m)$/i, currency: 'EUR', exp: 6 },
  { re: /^(?:eur|euro|euros|€)$/i, currency: 'EUR', exp: 0 },
  { re: /^(?:dkk|danska kronor)$/i, currency: 'DKK', exp: 0 },
  { re: /^(?:nok|norska kronor)$/i, currency: 'NOK', exp: 0 },
  { re: /^(?:usd|\$)$/i, currency: 'USD', exp: 0 },
  { re: /^(?:gbp|£)$/i, currency: 'GBP', exp: 0 },
  { re: /^(?:chf)$/i, currency: 'CHF', exp: 0 },
]
const CURRENCY_WORD =
  'mkr|msek|mnkr|mdkr|tkr|ksek|meur|m€|€m|sek|kr\\.?|kronor|skr|:-|eur|euros?|€|dkk|nok|usd|\\$|gbp|£|chf|svenska kronor|danska kronor|norska kronor'

/** Multiplier words: "2,6 miljoner", "EUR 1.87 M", "1,2 mn", "300 tusen". */
const MULTIPLIERS: readonly { re: RegExp; exp: number }[] = [
  { re: /^(?:miljarder|miljard|mdr|billion|billions|bn)$/i, exp: 9 },
  { re: /^(?:miljoner|miljon|milj\.?|mio\.?|mn|m|million|millions|mill\.?)$/i, exp: 6 },
  { re: /^(?:tusen|k|thousand|t)$/i, exp: 3 },
]
const MULTIPLIER_WORD =
  'miljarder|miljard|mdr|billions?|bn|miljoner|miljon|milj\\.?|mio\\.?|mn|millions?|mill\\.?|tusen|thousand|m|k'

const MULTIPLIER_AFTER = new RegExp(`^\\s*(${MULTIPLIER_WORD})(?![\\p{L}])\\.?`, 'iu')
const CURRENCY_AFTER = new RegExp(`^\\s*(${CURRENCY_WORD})(?![\\p{L}])`, 'iu')
const CURRENCY_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${CURRENCY_WORD})\\s*$`, 'iu')

/** Answers that state no amount. "Vet ej" (don't know) is also a data-quality issue. */
const NO_AMOUNT = /^(?:-+|–|—|x|n\/a|ej aktuellt|inget|ingen|saknas|\.+)$/i
const UNKNOWN = /^(?:vet ej|vet inte|okänt|okänd|unknown|ej känt)\.?$/i
const APPROX =
  /(?:^|[^\p{L}])(c:a|ca\.?|cirka|ungefär|ung\.|omkring|runt|drygt|knappt|nästan|närmare|över|under|approx\.?|approximately|about|around|almost|nearly|over|some|~)(?=\s|\d)/iu

// One number as sources write it: grouped by spaces or dots, decimal comma or point.
const NUMBER = /\d[\d \u00A0.,']*\d|\d/g

interface Candidate {
  readonly raw: string
  readonly index: number
  readonly end: number
}

/**
 * Reads an amount such as "983 878 kronor", "2,6 miljoner Euro", "EUR 1,39 miljoner", "c:a 70 000 SEK",
 * "169 956 €" or "12 mkr" into whole currency units, computed from the digits (never through a
 * float product, so 1,39 miljoner is exactly 1390000).
 * "Vet ej" → null with an issue; "-" or empty → null; an approximation ("c:a", "cirka", "drygt")
 * keeps the amount with an issue; digits grouped impossibly ("2 2213 206 €") → null with an issue.
 * When the text holds several amounts the first with a currency is read.
 * @example parseMoney('EUR 1,39 miljoner') // { value: { amount: 1390000, currency: 'EUR' }, issues: [] }
 */
export function parseMoney(text: string, opts: MoneyOptions = {}): MoneyResult {
  const clean = squash(normaliseDashes(text))
  if (clean === '' || NO_AMOUNT.test(clean)) {
    return { value: null, issues: [] }
  }
  if (UNKNOWN.test(clean)) {
    return { value: null, issues: [`answer '${clean}' (unknown) for an amount`] }
  }
  const candidates = findNumbers(clean)
  if (candidates.length === 0) {
    return { value: null, issues: [`amount cannot be read ('${excerpt(clean)}')`] }
  }
  const read = candidates.map((c) => ({ c, unit: unitAround(clean, c) }))
  const chosen = read.find((r) => r.unit.currency !== null) ?? read[0]
  if (!chosen) {
    return { value: null, issues: [`amount cannot be read ('${excerpt(clean)}')`] }
  }
  const currency = chosen.unit.currency ?? opts.defaultCurrency ?? null
  if (currency === null) {
    return { value: null, issues: [`amount without a currency ('${excerpt(clean)}')`] }
  }
  const amount = toWholeUnits(chosen.c.raw, chosen.unit.exp)
  if (amount === null) {
    return { value: null, issues: [`amount cannot be read ('${excerpt(clean)}')`] }
  }
  const issues: string[] = []
  const before = clean.slice(0, chosen.c.index)
  if (APPROX.test(`${before.slice(-20)} `)) {
    issues.push(`approximate amount ('${excerpt(clean)}')`)
  }
  return { value: { amount, currency }, issues }
}

/** Numbers in the text that are not percentages, years in a date, or part of a word. */
function findNumbers(text: string): Candidate[] {
  const out: Candidate[] = []
  NUMBER.lastIndex = 0
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    let raw = m[0].replace(/[ .,']+$/, '')
    const index = m.index
    const end = index + raw.length
    const after = text.slice(end, end + 20)
    const prev = text.slice(Math.max(0, index - 1), index)
    if (/^\s*(?:%|procent|percent|per cent)/i.test(after)) {
      continue
    }
    if (/[\p{L}\d/-]/u.test(prev)) {
      // '2024-KA121', 'A1', '09' in '2015-09-01': digits glued to a word or a date are not amounts.
      continue
    }
    raw = raw.trim()
    // "2019 1 000 000 kr": two numbers run together by a space; split where both halves are
    // well-formed. A run no split makes whole ("2 2213 206") stays, to be refused as unreadable.
    const split = raw.length <= 40 && groupingError(raw) ? splitRun(raw) : null
    if (split) {
      out.push({ raw: split[0], index, end: index + split[0].length })
      out.push({ raw: split[1], index: end - split[1].length, end })
      continue
    }
    out.push({ raw, index, end })
  }
  return out
}

/** True when the spaces in a number do not group it in thousands ('2019 1 000 000'). */
function groupingError(raw: string): boolean {
  const intPart = raw.split(/[,.](?=\d{1,2}$)/)[0] ?? raw
  const groups = intPart.split(/[ \u00A0']+/)
  return (
    groups.length > 1 &&
    !((groups[0]?.length ?? 0) <= 3 && groups.slice(1).every((g) => /^\d{3}(?:[.,]\d+)?$/.test(g)))
  )
}

function splitRun(raw: string): [string, string] | null {
  const spaces = [...raw.matchAll(/ /g)].map((m) => m.index)
  for (const i of spaces) {
    const a = raw.slice(0, i).trim()
    const b = raw.slice(i + 1).trim()
    if (!groupingError(a) && !groupingError(b) && /^\d{4}$/.test(a)) {
      return [a, b]
    }
  }
  return null
}

/** The currency and power of ten named right after (or right before) the number. */
function unitAround(text: string, c: Candidate): { currency: string | null; exp: number } {
  // Units stand next to the number; looking only nearby keeps long lines linear.
  const after = text.slice(c.end, c.end + 40)
  const before = text.slice(Math.max(0, c.index - 40), c.index)
  let exp = 0
  let currency: string | null = null
  const mult = MULTIPLIER_AFTER.exec(after)
  let rest = after
  if (mult?.[1]) {
    const word = mult[1]
    // A lone 'm'/'k'/'t' only counts when upper case or followed by a currency: 'EUR 1.87 M'.
    const found = MULTIPLIERS.find((x) => x.re.test(word))
    // 'SEK 1.2m': a lower-case letter counts when a currency stands right before the number.
    const currencyBefore = CURRENCY_BEFORE.test(before)
    if (
      found &&
      (word.length > 1 || /^[MK]$/.test(word) || currencyBefore || currencyAt(after.slice(mult[0].length)))
    ) {
      exp = found.exp
      rest = after.slice(mult[0].length)
    }
  }
  const cur = currencyAt(rest)
  if (cur) {
    currency = cur.currency
    exp += cur.exp
  } else {
    const pre = CURRENCY_BEFORE.exec(before)
    const word = pre?.[1]
    const found = word ? CURRENCIES.find((x) => x.re.test(word)) : undefined
    if (found) {
      currency = found.currency
      exp += found.exp
    }
  }
  return { currency, exp }
}

function currencyAt(text: string): { currency: string; exp: number } | null {
  const m = CURRENCY_AFTER.exec(text)
  const word = m?.[1]
  if (!word) {
    return null
  }
  const found = CURRENCIES.find((x) => x.re.test(word))
  return found ? { currency: found.currency, exp: found.exp } : null
}

/**
 * Turns the digits of one number into whole units, multiplied by 10^exp, with string arithmetic.
 * Returns null when the grouping is impossible ('2 2213 206').
 */
function toWholeUnits(raw: string, exp: number): number | null {
  const s = raw.replace(/\u00A0/g, ' ')
  let intPart: string
  let frac = ''
  const spaced = s.includes(' ') || s.includes("'")
  const dots = (s.match(/\./g) ?? []).length
  const commas = (s.match(/,/g) ?? []).length
  if (dots > 0 && commas > 0) {
    // The later separator is the decimal one: '1.234.567,50' or '1,234,567.50'.
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.'
    const [a = '', b = ''] = splitLast(s, dec)
    intPart = a
    frac = b
  } else if (commas > 1 || dots > 1) {
    intPart = s
  } else if (commas === 1 || dots === 1) {
    const sep = commas === 1 ? ',' : '.'
    const [a = '', b = ''] = splitLast(s, sep)
    // '1.390' or '1,390' with no multiplier is a thousands separator; '2,6 miljoner' is a decimal.
    if (b.length === 3 && exp === 0 && !spaced) {
      intPart = s
    } else {
      intPart = a
      frac = b
    }
  } else {
    intPart = s
  }
  const groups = intPart.split(/[ .,']+/).filter((g) => g !== '')
  if (groups.length === 0 || !groups.every((g) => /^\d+$/.test(g))) {
    return null
  }
  if (groups.length > 1) {
    const [head, ...tail] = groups
    if (!head || head.length > 3 || !tail.every((g) => g.length === 3)) {
      return null
    }
  }
  if (!/^\d*$/.test(frac)) {
    return null
  }
  const digits = groups.join('') + frac.padEnd(Math.max(exp, frac.length), '0').slice(0, Math.max(exp, 0))
  const keptFrac = frac.slice(exp)
  const whole = Number(digits.replace(/^0+(?=\d)/, ''))
  // Whole currency units (spec): a source's öre or cents are rounded half up.
  return keptFrac !== '' && Number(`0.${keptFrac}`) >= 0.5 ? whole + 1 : whole
}

function splitLast(s: string, sep: string): [string, string] {
  const i = s.lastIndexOf(sep)
  return [s.slice(0, i), s.slice(i + 1)]
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
