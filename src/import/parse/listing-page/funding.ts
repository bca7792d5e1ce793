import { canonicalProgramme } from '../../../registry/programmes.js'
import type { Money } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import { parseMoney } from '../fields/money.js'
import type { Body } from './body.js'
import { labelValue } from './lines.js'

/** A project block's funding: the programme as written, the total budget and the EU contribution. */

const PROGRAMME_PROSE: readonly RegExp[] = [
  /\b(?:finansieras|finansierades|finansierad|finansierat|medfinansieras|medfinansierades|delfinansieras|delfinansierades|samfinansieras|financed|funded|co-?financed|co-?funded)\s+(?:med\s+\d+\s*(?:procent|%)\s+)?(?:av|by|från|from|genom|through|via)\s+(?:the\s+)?(.+?)(?=[.;,]|\s+(?:that|which|som|för att|with|samt med|motsvarande)\b|$)/iu,
  /\binom ramen för\s+(?:programmet\s+)?(.+?)(?=[.;,]|\s+(?:och|and|med|för|som)\b|$)/iu,
  /\b(?:stödfinansiering|finansiering|projektmedel|medel|stöd|co-?financing|medfinansiering|funding)\s+(?:på\s+.+?\s+)?(?:från|from|ur)\s+(?:the\s+)?(.+?)(?=[.;,]|\s+(?:för att|motsvarande|to|som|i form)\b|$)/iu,
  /\bbedrivs inom\s+(.+?)(?=[.;,]|\s+(?:och|and|med|som)\b|$)/iu,
]

// Words that name a family or the Union, not a programme.
const TOO_GENERAL = /^(interreg|eu|europeiska unionen|european union|eu-programmet|unionen)$/

// The same phrases come up again and again on a page; the programme list is long.
const ACCEPTABLE = new Map<string, boolean>()

function acceptable(raw: string): boolean {
  const cached = ACCEPTABLE.get(raw)
  if (cached !== undefined) {
    return cached
  }
  const c = canonicalProgramme(raw)
  const ok = (c.known !== null && !TOO_GENERAL.test(fold(raw))) || /\butlysning/i.test(raw)
  if (ACCEPTABLE.size > 5000) {
    ACCEPTABLE.clear()
  }
  ACCEPTABLE.set(raw, ok)
  return ok
}

/** The programme or funding source as written: its label, a funding sentence, a line of its own. */
export function readProgrammeRaw(body: Body): string | null {
  for (const l of body.labelled) {
    if (l.kind === 'programme' && l.value.trim() !== '') {
      return l.value
        .replace(/\s+/g, ' ')
        .replace(/[.;]+$/, '')
        .trim()
    }
  }
  for (const text of body.texts) {
    for (const re of PROGRAMME_PROSE) {
      const m = re.exec(text)
      const raw = m?.[1]?.trim()
      if (raw && acceptable(raw)) {
        return raw
      }
    }
    // flow pages: "Europeiska socialfonden." or "32 550 EUR Interreg South Baltic." on a line of its own
    const line = text
      .replace(/^\d[\d\s]*(?:,\d+)?\s*(?:kr|kronor|sek|eur|euro|€)\s+(?:från\s+|from\s+)?/i, '')
      .split(/\s+och\s+(?=\d)/)[0]
      ?.replace(/[.;]+$/, '')
    if (line && line.split(/\s+/).length <= 20 && startsWithProgramme(line)) {
      return line
    }
  }
  for (const h of body.subheadings) {
    if (acceptable(h)) {
      return h
    }
  }
  return null
}

// What may follow a programme's name on its line: an abbreviation, a priority, a channel.
const PROGRAMME_TAIL = /^([(,./–-]|(inom|via|och|samt|genom|through|programme|program|programmet)\b)/i

/** True for "Europeiska regionala utvecklingsfonden (ERUF) inom …", not for "South Baltic Public Innovators Network aims to". */
function startsWithProgramme(line: string): boolean {
  const words = line.split(/\s+/)
  if (words.length <= 6 && !/:$/.test(line) && acceptable(line)) {
    return true
  }
  // the shortest opening that names a programme must be followed by nothing but qualifiers
  for (let k = 1; k <= Math.min(6, words.length); k++) {
    if (acceptable(words.slice(0, k).join(' '))) {
      const rest = words.slice(k).join(' ')
      return rest === '' || PROGRAMME_TAIL.test(rest)
    }
  }
  return false
}

/** The amounts a block states (or that follow from what it states). */
export interface MoneyRead {
  total: Money | null
  eu: Money | null
}

// bounded, so a line of thousands of loose digits cannot make the search quadratic
const AMOUNT = String.raw`\d[\d\s]{0,20}(?:[.,]\d+)?\s*(?:miljoner|milj\.?|mnkr|mkr|msek|tkr)?\s*(?:kr|kronor|sek|eur|euro|€)`
const LEADING_AMOUNT = new RegExp(String.raw`^(${AMOUNT})\b\s*(.*)$`, 'iu')

/** Total budget and EU contribution, from labels, sentences and amount lines; derived values flagged. */
export function readMoney(body: Body, issues: string[]): MoneyRead {
  const out: MoneyRead = { total: null, eu: null }
  const money = (text: string): Money | null => {
    const r = parseMoney(text)
    issues.push(...r.issues.map((s) => (s.startsWith('amount approximated') ? 'approximate amount' : s)))
    return r.value
  }
  for (const l of body.labelled) {
    if (l.kind === 'budget' && out.total === null) {
      out.total = money(l.value)
    } else if (l.kind === 'eu' && out.eu === null) {
      out.eu = money(l.value)
    }
  }
  for (const text of body.texts) {
    if (labelValue(text) !== null) {
      continue
    }
    const total =
      /\btotal(?:a)?\s*(?:budget(?:en)?|kostnad(?:en)?|omslutning)(?:\s+för\s+(?:projektet|förstudien))?(?:\s+(?:var|är|på|om|uppgick till|uppgår till|of|was|is|amounted to))?\s*(.+)$/iu.exec(
        text,
      )
    if (total?.[1] && out.total === null) {
      out.total = money(total[1].split(/,\s*varav\b/)[0] ?? total[1])
    }
    const eu =
      /\b(?:medfinansiering|eu-stöd|eu-bidrag|eu-medel|eu-finansiering|co-?financing|eu funding|eu contribution)\b(.+)$/iu.exec(
        text,
      )
    if (eu?.[1] && out.eu === null && new RegExp(AMOUNT, 'iu').test(eu[1])) {
      out.eu = money(eu[1])
    }
    const lead = LEADING_AMOUNT.exec(text)
    if (lead?.[1] && text.length < 200) {
      readLeadingAmounts(text, out, issues)
    }
  }
  // "varav 50 procent kom från …", "medfinansierades med 50 procent av …": a share of the total
  if (out.eu === null && out.total !== null) {
    for (const text of body.texts) {
      const m =
        /\b(?:varav|medfinansierades med|medfinansieras med|co-?financed (?:with|by))\s+(\d+(?:[.,]\d+)?)\s*(?:procent|%)/iu.exec(
          text,
        )
      if (m?.[1]) {
        const share = Number(m[1].replace(',', '.'))
        const amount = Math.round((out.total.amount * share) / 100)
        out.eu = { amount, currency: out.total.currency }
        issues.push(
          `euContribution derived from percentage: '${m[0]}' of ${out.total.amount} ${out.total.currency} = ${amount}`,
        )
        break
      }
    }
  }
  return out
}

/**
 * Lines that open with an amount: "2 700 000 kr" alone (a total whose heading the scrape lost),
 * "32 550 EUR Interreg South Baltic." (the EU share), "400 000 kr från ERUF och 400 000 kr från
 * Hässleholms kommun" (shares that add up to the total).
 */
function readLeadingAmounts(text: string, out: MoneyRead, issues: string[]): void {
  const parts = text.split(/\s+och\s+(?=\d)/u)
  const read: { value: Money; source: string }[] = []
  for (const part of parts) {
    const m = LEADING_AMOUNT.exec(part.trim())
    if (!m?.[1]) {
      return
    }
    const r = parseMoney(m[1])
    if (!r.value) {
      issues.push(...r.issues)
      return
    }
    read.push({
      value: r.value,
      source: (m[2] ?? '').replace(/^(från|from|ur)\s+/i, '').replace(/[.;]+$/, ''),
    })
  }
  const [only] = read
  if (read.length === 1 && only) {
    if (only.source === '') {
      if (out.total === null) {
        out.total = only.value
        issues.push(`amount '${text.trim()}' stands without a label; read as the total budget`)
      }
      return
    }
    if (canonicalProgramme(only.source).isEu && out.eu === null) {
      out.eu = only.value
    }
    return
  }
  const eu = read.find((r) => canonicalProgramme(r.source).isEu)
  if (eu && out.eu === null) {
    out.eu = eu.value
  }
  const currency = read[0]?.value.currency
  if (out.total === null && currency && read.every((r) => r.value.currency === currency)) {
    const amount = read.reduce((a, r) => a + r.value.amount, 0)
    out.total = { amount, currency }
    issues.push(`totalBudget derived from parts: '${text.trim()}'`)
  }
}
