import type { Money, ProjectRecord, RecordPartner } from '../../../registry/project-record.js'
import { normaliseDashes, squash } from '../../../shared/fold.js'
import type { SourceDocument, SourceLine } from '../../source-document.js'
import { countryCode } from '../fields/countries.js'
import { parseMoney } from '../fields/money.js'
import { parsePartner } from '../fields/partners.js'
import { findUrls } from '../fields/urls.js'

/**
 * Programme publications: a programme's brochure of project stories (Interact's migration
 * publication), one story per project, often in two columns that text extraction interleaves.
 * Each story has a title (acronym and long name), and labelled facts: "Area" bullets
 * ("• Finland - Pirkanmaa"), "Total Budget:", "EU Contribution:", and partner lines with country
 * codes ("Tampere Region Martat (Lead partner), FI"). Because the columns interleave, facts are
 * collected over the whole story, from its title to the next title, not from under their labels.
 */

const TOTAL = /^\s*(?:total\s+budget|total\s+project\s+budget|budget\s+total|totalbudget)\s*:?\s*(.*)$/iu
const EU =
  /^\s*(?:eu\s+contribution|eu\s+co-?financing|erdf(?:\s+contribution)?|eu[- ]funding|eu-bidrag|eu-medfinansiering)\s*:?\s*(.*)$/iu
const STORY_MARK = /^\s*(?:project\s+webpage|project\s+website|project\s+on\s+keep)\s*$/iu
const LABELS =
  /^\s*(?:area|areas|budget|partners?|involved areas|link|project webpage|project website|project on keep|european union|\d+\s+involved areas|p\.\s*\d+|\d+|•)\s*$/iu
const QUOTE_START = /^\s*[“"„«]/u

/**
 * Recognises a programme publication: several project stories, each stating a total budget and
 * an EU contribution.
 */
export function looksLikePublication(doc: SourceDocument): boolean {
  let totals = 0
  let eu = 0
  let coded = 0
  for (const l of doc.lines) {
    if (TOTAL.test(l.text) && /\d/.test(l.text)) {
      totals++
    } else if (EU.test(l.text) && /\d/.test(l.text)) {
      eu++
    } else if (CODED.test(l.text)) {
      coded++
    }
  }
  // Partner lines ending in country codes ("…, FI") set a programme's brochure apart from a
  // municipality's page that also states budgets.
  return totals >= 2 && eu >= 2 && coded >= totals
}

/**
 * Reads one record per project story of a programme publication. `organisation`, `role` and
 * `programme` stay null: the publication reports other bodies' projects and names no programme
 * per story.
 */
export function readPublication(doc: SourceDocument): ProjectRecord[] {
  const lines = doc.lines.map((l) => ({ ...l, text: normaliseDashes(l.text) }))
  const anchors = storyAnchors(lines)
  const titles: number[] = []
  let prev = -1
  for (const a of anchors) {
    const t = titleBefore(lines, prev, a)
    titles.push(t ?? firstTextAfter(lines, prev))
    prev = a
  }
  const records: ProjectRecord[] = []
  for (let i = 0; i < titles.length; i++) {
    const from = titles[i] ?? 0
    const to = titles[i + 1] ?? lines.length
    if (to <= from) {
      continue
    }
    const record = readStory(doc, lines.slice(from, to))
    if (record) {
      records.push(record)
    }
  }
  return records
}

/**
 * One anchor per story: its "Project webpage" mark when every story has one, else its total
 * budget line (the one fact each story states once).
 */
function storyAnchors(lines: readonly SourceLine[]): number[] {
  const marks: number[] = []
  const totals: number[] = []
  lines.forEach((l, i) => {
    if (/^\s*project\s+(?:webpage|website)\s*$/iu.test(l.text)) {
      marks.push(i)
    }
    if (TOTAL.test(l.text) && /\d/.test(l.text)) {
      totals.push(i)
    }
  })
  return marks.length >= totals.length && marks.length > 0 ? marks : totals
}

/** A story title: a short line, mostly capitals, alone on its line ("ARC", "TELL ME ABOUT IT", "SlforREF"). */
function isAcronymLine(text: string): boolean {
  const t = text.trim()
  if (t.length < 2 || t.length > 40 || LABELS.test(t) || /[.:,;!?“”"]/.test(t) || /^[•\d]/.test(t)) {
    return false
  }
  // A lone country code is the tail of a wrapped partner line, not a title.
  if (/^[A-Z]{2,3}$/.test(t) && countryCode(t) !== null) {
    return false
  }
  const letters = t.replace(/[^\p{L}]/gu, '')
  const upper = t.replace(/[^\p{Lu}]/gu, '')
  const words = t.split(/\s+/)
  // One word with capitals inside it is an acronym too, as writers style them ("SIforREF", "PlurAlps").
  const styled = words.length === 1 && upper.length >= 2 && /^\p{Lu}/u.test(t) && /.\p{Lu}/u.test(t)
  return letters.length >= 2 && (styled || upper.length / letters.length >= 0.6) && words.length <= 5
}

function titleBefore(lines: readonly SourceLine[], after: number, anchor: number): number | null {
  for (let i = anchor; i > after; i--) {
    if (isAcronymLine(lines[i]?.text ?? '')) {
      return i
    }
  }
  return null
}

function firstTextAfter(lines: readonly SourceLine[], after: number): number {
  for (let i = after + 1; i < lines.length; i++) {
    if ((lines[i]?.text ?? '').trim() !== '') {
      return i
    }
  }
  return Math.max(0, after + 1)
}

function readStory(doc: SourceDocument, story: readonly SourceLine[]): ProjectRecord | null {
  const first = story[0]
  if (!first) {
    return null
  }
  const issues: string[] = []
  const acronym = squash(first.text)
  const longName = readLongName(story)
  let totalBudget: Money | null = null
  let euContribution: Money | null = null
  const areas: string[] = []
  for (const [i, l] of story.entries()) {
    const total = TOTAL.exec(l.text)
    if (total && totalBudget === null && /\d/.test(l.text)) {
      const m = parseMoney(total[1] ?? '')
      totalBudget = m.value
      issues.push(...m.issues.map((i) => `total budget: ${i}`))
      continue
    }
    const eu = EU.exec(l.text)
    if (eu && euContribution === null && /\d/.test(l.text)) {
      const m = parseMoney(eu[1] ?? '')
      euContribution = m.value
      issues.push(...m.issues.map((i) => `EU contribution: ${i}`))
      continue
    }
    let area = readArea(l.text)
    // "… Oberpfalz (Upper" / "Palatinate), …": an area the column width wrapped inside parentheses.
    const next = story[i + 1]?.text.trim() ?? ''
    if (area && depth(area) > 0 && next !== '' && !next.startsWith('•')) {
      area = squash(`${area} ${next}`)
    }
    if (area && !areas.includes(area)) {
      areas.push(area)
    }
  }
  if (
    totalBudget &&
    euContribution &&
    totalBudget.currency === euContribution.currency &&
    euContribution.amount > totalBudget.amount
  ) {
    issues.push(`EU contribution (${euContribution.amount}) above the total budget (${totalBudget.amount})`)
  }
  const { partners, lead } = readPartners(story)
  const name = longName ?? acronym
  return {
    name,
    acronym: longName ? acronym : null,
    organisation: null,
    unit: null,
    theme: null,
    role: null,
    status: null,
    start: null,
    end: null,
    programme: null,
    programmeRaw: null,
    totalBudget,
    euContribution,
    paidInYear: null,
    leadPartner: lead,
    partners,
    contacts: [],
    website: story.map((l) => findUrls(l.text)[0]).find((u) => u !== undefined) ?? null,
    goals: [],
    areas,
    summary: readSummary(story),
    source: { document: doc.name, page: first.page, line: first.line },
    issues,
  }
}

/** The long name: the first run of title lines after the acronym, before the story's quote. */
function readLongName(story: readonly SourceLine[]): string | null {
  const parts: string[] = []
  for (const l of story.slice(1)) {
    const t = l.text.trim()
    if (QUOTE_START.test(t) || STORY_MARK.test(t)) {
      break
    }
    if (t === '' || LABELS.test(t) || t.startsWith('•') || readArea(t) !== null) {
      if (parts.length > 0) {
        break
      }
      continue
    }
    if (/[.!?]$/.test(t) || t.length > 70) {
      break
    }
    parts.push(t)
    if (parts.length === 3) {
      break
    }
  }
  return parts.length > 0 ? squash(parts.join(' ')) : null
}

function depth(text: string): number {
  return (text.match(/\(/g) ?? []).length - (text.match(/\)/g) ?? []).length
}

/** "• Finland - Pirkanmaa" or "• Cyprus": an area bullet starts with a country name. */
function readArea(text: string): string | null {
  const bullet = /^\s*•\s*(.+)$/u.exec(text)
  const body = squash(bullet?.[1] ?? text)
  const parts = body.split(/\s+-\s+/)
  const country = parts[0] ?? ''
  // Without a bullet only "Country - Region" counts: a lone country name may be prose.
  if (!bullet && parts.length < 2) {
    return null
  }
  return countryCode(country) !== null && !/,\s*[A-Z]{2}$/.test(body) ? body : null
}

const CODED = /,\s*[A-Z]{2}(?:\s*,\s*[A-Z]{2})*\s*$/u

function isPartnerLine(text: string): boolean {
  const t = text.trim()
  if (!CODED.test(t)) {
    return false
  }
  return parsePartner(t)?.country != null
}

/**
 * Partner entries ("Name (Lead partner), CC"): a bullet entry runs over the lines the column
 * width wrapped it onto until its country code; an entry without a bullet is one coded line, or
 * a line the next line completes.
 */
function readPartners(story: readonly SourceLine[]): { partners: RecordPartner[]; lead: string | null } {
  const texts = story.map((l) => l.text.trim())
  const entries: string[] = []
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i] ?? ''
    if (t === '' || t === '•') {
      continue
    }
    if (t.startsWith('•')) {
      let entry = t.replace(/^•\s*/, '')
      let j = i
      while (!CODED.test(entry) && j - i < 3) {
        const next = texts[j + 1] ?? ''
        if (next === '' || next.startsWith('•') || LABELS.test(next)) {
          break
        }
        entry = joinWrapped(entry, next)
        j++
      }
      if (isPartnerLine(entry)) {
        entries.push(entry)
        i = j
      }
      continue
    }
    if (isPartnerLine(t)) {
      entries.push(t)
      continue
    }
    const prev = texts[i - 1] ?? ''
    const next = texts[i + 1] ?? ''
    const listContext =
      prev === '' || prev === '•' || /^\d+$/.test(prev) || isPartnerLine(prev) || /partners?:?$/i.test(prev)
    if (listContext && !/[.!?]$/.test(t) && next !== '' && !next.startsWith('•')) {
      const joined = joinWrapped(t, next)
      if (isPartnerLine(joined) && (isPartnerLine(next) || /^[A-Z]{2}$/.test(next))) {
        entries.push(joined)
        i++
      }
    }
  }
  const partners: RecordPartner[] = []
  let lead: string | null = null
  for (const e of entries) {
    const p = parsePartner(e)
    if (!p) {
      continue
    }
    partners.push({ name: p.name, country: p.country })
    if (p.isLead && lead === null) {
      lead = p.name
    }
  }
  return { partners, lead }
}

/** Joins a wrapped line to its continuation: "…Community," + "IT", "…Ltd. Nova (Lead" + "partner), SI". */
function joinWrapped(head: string, next: string): string {
  if (/^[A-Z]{2}$/.test(next)) {
    return `${head.replace(/,\s*$/, '')}, ${next}`
  }
  return `${head} ${next}`
}

/**
 * The first paragraph of the story's prose: after the quote and link block, the first run of
 * sentence lines, ending at a short line that closes a sentence (a paragraph's last line).
 */
function readSummary(story: readonly SourceLine[]): string | null {
  const texts = story.map((l) => l.text.trim())
  let start = 0
  texts.forEach((t, i) => {
    if (STORY_MARK.test(t) || /^link$/i.test(t)) {
      start = i + 1
    }
  })
  let inQuote = false
  for (let i = start; i < texts.length; i++) {
    const t = texts[i] ?? ''
    if (QUOTE_START.test(t)) {
      inQuote = !/[”"»]$/.test(t)
      continue
    }
    if (inQuote) {
      inQuote = !/[”"»]$/.test(t)
      continue
    }
    if (t === '' || LABELS.test(t) || t.startsWith('•') || isPartnerLine(t) || TOTAL.test(t) || EU.test(t)) {
      continue
    }
    if (!/^\p{Lu}/u.test(t) || t.split(/\s+/).length < 5) {
      continue
    }
    const para: string[] = []
    let width = 0
    for (let j = i; j < texts.length; j++) {
      const line = texts[j] ?? ''
      if (line === '' || LABELS.test(line)) {
        break
      }
      para.push(line)
      width = Math.max(width, line.length)
      if (/[.!?”]$/.test(line) && line.length < width * 0.75) {
        break
      }
    }
    return squash(para.join(' ').replace(/(\p{L})- (\p{Ll})/gu, '$1$2'))
  }
  return null
}
