import { canonicalProgramme } from '../../registry/programmes.js'
import type { Money, ProjectRecord, RecordContact } from '../../registry/project-record.js'
import { squash } from '../../shared/fold.js'
import type { SourceDocument, SourceLine } from '../source-document.js'
import { looksLikeAnnualReport, readAnnualReport } from './annual-report/index.js'
import { parseContact } from './fields/contacts.js'
import { parseDate, parsePeriod } from './fields/dates.js'
import { parseMoney } from './fields/money.js'
import { parsePartner, parsePartnerList } from './fields/partners.js'
import { parseRole } from './fields/roles.js'
import { parseUrl } from './fields/urls.js'
import {
  type ListingNetwork,
  type ListingProjectEvents,
  looksLikeListingPage,
  readListingEvents,
  readListingNetworks,
  readListingPage,
} from './listing-page/index.js'
import { looksLikePublication, readPublication } from './publication/index.js'

/** The document families the importer knows, and the general reader for anything else. */
export type DocumentFamily = 'annual-report' | 'listing-page' | 'publication' | 'general'

/**
 * Recognises a document's family from its text. Order matters: an annual report's forms also carry
 * labels a listing page uses, and a publication's budget lines are the most specific sign.
 */
export function recogniseFamily(doc: SourceDocument): DocumentFamily {
  if (looksLikeAnnualReport(doc)) {
    return 'annual-report'
  }
  if (looksLikePublication(doc)) {
    return 'publication'
  }
  if (looksLikeListingPage(doc)) {
    return 'listing-page'
  }
  return 'general'
}

/**
 * The parse stage: text in, records out (pure and synchronous). Recognises the family and applies
 * its reader; a document of no known family goes to the general label-value reader.
 * @returns the records in document order, possibly none
 */
export function parseDocument(doc: SourceDocument): ProjectRecord[] {
  switch (recogniseFamily(doc)) {
    case 'annual-report':
      return readAnnualReport(doc)
    case 'publication':
      return readPublication(doc)
    case 'listing-page':
      return readListingPage(doc)
    case 'general':
      return readLabelValues(doc)
  }
}

/** What a document reports besides its project records: events per project and the body's networks. */
export interface DocumentExtras {
  /** pair with the records by `source.line` (both come from the same project blocks) */
  readonly events: ListingProjectEvents[]
  readonly networks: ListingNetwork[]
}

/**
 * The parse stage's by-products (pure): a listing page's events and networks; none for other families.
 */
export function readDocumentExtras(doc: SourceDocument): DocumentExtras {
  if (recogniseFamily(doc) !== 'listing-page') {
    return { events: [], networks: [] }
  }
  return { events: readListingEvents(doc), networks: readListingNetworks(doc) }
}

type Field =
  | 'name'
  | 'acronym'
  | 'period'
  | 'start'
  | 'end'
  | 'programme'
  | 'budget'
  | 'eu'
  | 'lead'
  | 'partners'
  | 'contact'
  | 'website'
  | 'role'
  | 'summary'
  | 'status'

// Labels as forms and fact boxes write them, Swedish and English; the first that matches wins.
const LABELS: readonly [Field, RegExp][] = [
  ['name', /^(?:projektnamn|projektets namn|project name|project title|namn på projektet|projekttitel)$/iu],
  ['acronym', /^(?:akronym|acronym|kortnamn|short name)$/iu],
  [
    'period',
    /^(?:projektperiod(?:en)?|projekttid|project period|project duration|duration|period|löptid|genomförandeperiod)$/iu,
  ],
  ['start', /^(?:projektstart|startdatum|start date|start|projektet startar)$/iu],
  ['end', /^(?:projektslut|slutdatum|end date|slut|projektet slutar)$/iu],
  [
    'programme',
    /^(?:program|programme|program me|finansieringskälla|finansiär|funding programme|funding source|funding|fond|eu-program)$/iu,
  ],
  ['budget', /^(?:total budget|totalbudget|budget|projektets budget|total project budget|omslutning)$/iu],
  [
    'eu',
    /^(?:eu contribution|eu-bidrag|eu-stöd|eu-medel|eu-finansiering|erdf-medel|esf-medel|eu co-financing|beviljat eu-stöd)$/iu,
  ],
  [
    'lead',
    /^(?:lead partner|leadpartner|projektägare|koordinator|coordinator|huvudman|projektägande organisation)$/iu,
  ],
  [
    'partners',
    /^(?:partners|partner|övriga partners|andra partners|projektpartners|samarbetspartners|aktörer|medverkande)$/iu,
  ],
  ['contact', /^(?:kontakt|kontaktperson|contact|contact person|projektledare|project manager)$/iu],
  ['website', /^(?:webb|webbplats|webbsida|website|web|hemsida|url|länk)$/iu],
  ['role', /^(?:roll|role|vår roll|organisationens roll|förvaltningens roll)$/iu],
  ['summary', /^(?:beskrivning|description|sammanfattning|summary|syfte|aim|projektbeskrivning)$/iu],
  ['status', /^(?:status|projektstatus)$/iu],
]

/** "Label: value" or "Label<TAB>value" (a table row as extractors give it). */
function labelValue(text: string): { field: Field; value: string } | null {
  const m = /^\s*[•*·-]?\s*([\p{L}][\p{L} -]{1,40}?)\s*(?::|\t)\s*(.*)$/u.exec(text)
  if (!m?.[1]) {
    return null
  }
  const label = squash(m[1])
  const hit = LABELS.find(([, re]) => re.test(label))
  return hit ? { field: hit[0], value: squash(m[2] ?? '') } : null
}

interface Draft {
  readonly first: SourceLine
  readonly values: Map<Field, string[]>
}

/**
 * The general reader: records from label-value lines. Each "Projektnamn:"/"Project name:" line
 * starts a record and the labelled lines after it, up to the next name, fill it. A document
 * without name labels is read as fact boxes under titles: a short line standing on its own
 * before a run of labelled facts (period, programme, budget, partners…) names that run's record.
 * Prose alone gives no records: the reader never guesses a project from running text.
 */
export function readLabelValues(doc: SourceDocument): ProjectRecord[] {
  const named = readDrafts(doc, true)
  const drafts = named.length > 0 ? named : readDrafts(doc, false)
  return drafts.map((d) => draftToRecord(doc, d))
}

// Facts that make a labelled run a project's fact box (a lone "Kontakt:" does not).
const FACTS: ReadonlySet<Field> = new Set([
  'period',
  'start',
  'end',
  'programme',
  'budget',
  'eu',
  'lead',
  'partners',
])

function readDrafts(doc: SourceDocument, byNameLabel: boolean): Draft[] {
  const drafts: Draft[] = []
  let current: Draft | null = null
  let title: SourceLine | null = null
  for (const line of doc.lines) {
    const lv = labelValue(line.text)
    if (!lv) {
      if (!byNameLabel && isTitleLine(line.text)) {
        title = line
      }
      continue
    }
    if (byNameLabel && lv.field === 'name') {
      if (lv.value === '') {
        continue
      }
      current = { first: line, values: new Map() }
      drafts.push(current)
    }
    if (!byNameLabel && title && FACTS.has(lv.field) && current?.first !== title) {
      current = { first: title, values: new Map([['name', [squash(title.text.replace(/^[•*·-]\s*/, ''))]]]) }
      drafts.push(current)
    }
    if (current && lv.value !== '') {
      const list = current.values.get(lv.field) ?? []
      list.push(lv.value)
      current.values.set(lv.field, list)
    }
  }
  return drafts
}

/** A heading-like line: short, not a sentence, not a list of things. */
function isTitleLine(text: string): boolean {
  const t = squash(text.replace(/^[•*·-]\s*/, ''))
  return (
    t.length >= 2 &&
    t.length <= 80 &&
    /^[\p{Lu}\d]/u.test(t) &&
    !/[.!?:;,]$/.test(t) &&
    t.split(' ').length <= 10
  )
}

function draftToRecord(doc: SourceDocument, d: Draft): ProjectRecord {
  const issues: string[] = []
  const one = (f: Field): string | null => d.values.get(f)?.[0] ?? null
  let start: string | null = null
  let end: string | null = null
  const period = one('period')
  if (period) {
    const p = parsePeriod(period)
    start = p.start
    end = p.end
    issues.push(...p.issues)
  }
  const startText = one('start')
  if (startText) {
    const r = parseDate(startText)
    start = r.value ?? start
    issues.push(...r.issues)
  }
  const endText = one('end')
  if (endText) {
    const r = parseDate(endText)
    end = r.value ?? end
    issues.push(...r.issues)
  }
  const money = (f: Field): Money | null => {
    const text = one(f)
    if (!text) {
      return null
    }
    const r = parseMoney(text)
    issues.push(...r.issues)
    return r.value
  }
  const totalBudget = money('budget')
  const euContribution = money('eu')
  if (
    totalBudget &&
    euContribution &&
    totalBudget.currency === euContribution.currency &&
    euContribution.amount > totalBudget.amount
  ) {
    issues.push(`EU contribution (${euContribution.amount}) above the total budget (${totalBudget.amount})`)
  }
  const programmeRaw = one('programme')
  const programme = canonicalProgramme(programmeRaw, start ? Number(start.slice(0, 4)) : null)
  issues.push(...programme.issues)
  const leadText = one('lead')
  const lead = leadText ? (parsePartner(leadText)?.name ?? leadText) : null
  const partners = (d.values.get('partners') ?? [])
    .flatMap((t) => parsePartnerList(t))
    .map((p) => ({ name: p.name, country: p.country }))
  if (lead && !partners.some((p) => p.name === lead)) {
    partners.unshift({ name: lead, country: leadText ? (parsePartner(leadText)?.country ?? null) : null })
  }
  const contacts = (d.values.get('contact') ?? [])
    .map(parseContact)
    .filter((c): c is RecordContact => c !== null)
  const statusText = one('status') ?? ''
  const status = /avslutad|completed|closed|finished|slutförd/i.test(statusText)
    ? 'completed'
    : /pågående|pågår|ongoing|running|active/i.test(statusText)
      ? 'ongoing'
      : null
  const name = one('name') ?? ''
  return {
    name,
    acronym: one('acronym'),
    organisation: null,
    unit: null,
    theme: null,
    role: parseRole(one('role') ?? ''),
    status,
    start,
    end,
    programme: programme.programme,
    programmeRaw,
    totalBudget,
    euContribution,
    paidInYear: null,
    leadPartner: lead,
    partners,
    contacts,
    website: parseUrl(one('website') ?? ''),
    goals: [],
    areas: [],
    summary: one('summary'),
    source: { document: doc.name, page: d.first.page, line: d.first.line },
    issues: [...new Set(issues)],
  }
}
