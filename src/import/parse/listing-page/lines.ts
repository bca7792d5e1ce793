import type { SourceDocument } from '../../source-document.js'

/**
 * The line model of a listing page: every line of the document with its indentation, whether it
 * is a list item, and — for `Label: value` lines — its label and value. Scraped text pages and
 * pages that src/import/extract/html.ts extracts share these shapes: list items start with a
 * bullet, nesting shows as indentation, headings and paragraphs are lines of their own.
 */
export interface PageLine {
  /** 1-based line number in the document's text */
  readonly line: number
  readonly page: number | null
  /** the text without its bullet, with white space squashed and dashes kept as written */
  readonly text: string
  /** number of leading spaces (a tab counts as two) */
  readonly indent: number
  readonly bullet: boolean
  readonly blank: boolean
}

// Bullets the scraped pages use; '-' and '*' only with a space after so "-" alone or "-5" stay text.
const BULLET = /^([•·▪◦●○■□‣⁃]|[-*–](?=\s))\s*/u
const HARD_SPACES = /[\u00A0\u2007\u2009\u202F\u200A\u200B]/g

/** Turns a document's lines into page lines. */
export function pageLines(doc: SourceDocument): PageLine[] {
  return doc.lines.map((l) => {
    const raw = l.text.replace(HARD_SPACES, ' ').replace(/\t/g, '  ')
    const indent = raw.length - raw.trimStart().length
    let text = raw.trim()
    const bullet = BULLET.test(text)
    if (bullet) {
      text = text.replace(BULLET, '')
    }
    text = text.replace(/\s+/g, ' ').trim()
    return { line: l.line, page: l.page, text, indent, bullet, blank: text === '' }
  })
}

/** A `Label: value` line split into its parts. */
export interface LabelValue {
  readonly label: string
  readonly value: string
}

// A label is a few words at the start of a line before ':' (or '.' for the short Tel./E-post. forms).
const LABEL_LINE = /^([\p{L}][\p{L}\p{N} /&()+-]{0,44}?)\s*:\s*(.*)$/u
const DOT_LABEL = /^(tel|telefon|mobil|mobilnummer|e-post|epost|e-mail|email|fax)\.\s*(.*)$/iu

/** Splits a `Label: value` line; null when the line is not one (a label has at most six words). */
export function labelValue(text: string): LabelValue | null {
  if (/^https?:/i.test(text)) {
    return null
  }
  const m = LABEL_LINE.exec(text) ?? DOT_LABEL.exec(text)
  if (!m) {
    return null
  }
  const label = (m[1] ?? '').trim()
  if (label.split(/\s+/).length > 6) {
    return null
  }
  return { label, value: (m[2] ?? '').trim() }
}

/** What a known label announces. */
export type LabelKind =
  | 'period'
  | 'start'
  | 'end'
  | 'programme'
  | 'lead'
  | 'partners'
  | 'website'
  | 'contact'
  | 'manager'
  | 'phone'
  | 'email'
  | 'budget'
  | 'eu'
  | 'status'
  | 'area'
  | 'acronym'
  | 'description'
  | 'eventDetail'

const LABELS: ReadonlyArray<readonly [LabelKind, RegExp]> = [
  [
    'period',
    /^(projekt ?(period(en)?|tid(en)?)|projektets (löptid|period|tid)|project ?(time|period|duration)|period(en)?|tid(speriod)?|löptid|duration|genomförandeperiod|genomförandetid)$/i,
  ],
  ['start', /^(start(datum)?|projektstart|start date|begins?)$/i],
  ['end', /^(slut(datum)?|projektslut|end date|ends?)$/i],
  [
    'programme',
    /^(program(me)?|eu-program(met)?|finansieringskälla|finansiering|finansiär|finansieras av|funding( source| programme)?|funded by|fond(en)?|stödform)$/i,
  ],
  [
    'lead',
    /^(lead ?partner|lead applicant|lead beneficiary|huvudpartner|huvudman|projektägare|project owner|koordinator|coordinator|ledande partner|huvudsökande|stödmottagare|ansvarig organisation)$/i,
  ],
  [
    'partners',
    /^([\p{L}-]+ )?(partners?|partner(s)? in the project|samarbetspartners?|samarbetsparter|aktörer|deltagare|medverkande|parter|partnerskap|project partners|organisationer|organisations|partner organisations?|participants)$/iu,
  ],
  [
    'website',
    /^((projektets |project )?(webb(plats|sida|adress)?|web(site|page)?|hemsida)|länk|link|url|mer information)$/i,
  ],
  ['contact', /^(kontakt(person(er)?|uppgifter)?|contacts?( person)?|för mer information)$/i],
  ['manager', /^(projektledare|projektkoordinator|project (manager|leader|coordinator)|ansvarig)$/i],
  ['phone', /^(tel|telefon|mobil|mobilnummer|phone)$/i],
  ['email', /^(e-post|epost|e-mail|email|mejl)$/i],
  [
    'budget',
    /^(total ?budget|budget|projektbudget|total(a)? (kostnad|budget|projektbudget)|omslutning|projektets (budget|omslutning|totala budget)|total project budget|total cost)$/i,
  ],
  [
    'eu',
    /^(varav )?(erdf-medel|eruf-medel|esf-medel|eu-medel|eu-bidrag|eu-stöd|eu-andel|eu contribution|eu-finansiering|eu funding|eu grant|stöd från eu|(med)?finansiering från eu|beviljat (eu-)?stöd)$/i,
  ],
  ['status', /^status$/i],
  ['area', /^(område|area|programområde|geografiskt område|region(er)?)$/i],
  ['acronym', /^(akronym|förkortning|acronym|kortnamn)$/i],
  ['description', /^(beskrivning|description|syfte|mål|om projektet|sammanfattning|summary)$/i],
  [
    'eventDetail',
    /^(location ?\/ ?dates?|location|dates?|short description|plats|datum|hosted by|target group|målgrupp)$/i,
  ],
]

/** The kind of a known label, or null for a label the reader does not use. */
export function labelKind(label: string): LabelKind | null {
  const l = label.replace(/\s+/g, ' ').trim()
  for (const [kind, re] of LABELS) {
    if (re.test(l)) {
      return kind
    }
  }
  return null
}
