import type { ProjectRecord, ProjectStatus } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import type { SourceDocument } from '../../source-document.js'
import { readBlock } from './block.js'
import { type ListingEvent, readEvents } from './events.js'
import { labelKind, labelValue, pageLines } from './lines.js'
import { readOrganisation } from './organisation.js'
import { TAKES_PART } from './parties.js'
import { headingStatus, segment } from './segment.js'

export type { EventParticipants, ListingEvent } from './events.js'

/**
 * The reader for project listing pages: web pages on which a body lists its projects under theme
 * or status headings (Region Skåne's "Projekt och samarbeten", Ljungby's "Pågående/Avslutade
 * projekt", Hässleholm's page of completed EU projects), as scraped text or as extracted HTML.
 *
 * It finds the page's shape (see segment.ts), reads each project block with the shared field
 * readers, and flags what is wrong in the source without changing it.
 */

/**
 * Reads every project of a listing page.
 * @param doc the page's lines (a scraped text page, or src/import/extract/html.ts's output)
 * @returns one record per project block, in page order; [] when the page holds none
 */
export function readListingPage(doc: SourceDocument): ProjectRecord[] {
  const lines = pageLines(doc)
  const seg = segment(lines)
  const introTexts = seg.intro.map((i) => lines[i]?.text ?? '')
  const organisation = readOrganisation(
    introTexts.length > 0 ? introTexts : lines.slice(0, 10).map((l) => l.text),
    lines.map((l) => l.text),
  )
  const pageStatus = statusFromIntro(introTexts)
  const takesPart =
    organisation !== null && introTexts.some((t) => t.includes(organisation) && TAKES_PART.test(t))
  const records = seg.blocks
    .filter((b) => b.kind === 'project')
    .map((b) =>
      readBlock(lines, b, { document: doc.name, organisation, pageStatus, shape: seg.shape, takesPart }),
    )
  flagDuplicates(records)
  return records
}

/** The events one project of the page reports (ELAINE's conferences with participants per country). */
export interface ListingProjectEvents {
  /** where the project's block starts: the same `source` as its record's */
  readonly source: { readonly document: string; readonly page: number | null; readonly line: number }
  readonly events: readonly ListingEvent[]
}

/**
 * Reads the events each project of a listing page reports: title, place, country, dates, the
 * stated total and the participants per country, with what does not add up. Projects without
 * events are left out; pair them with {@link readListingPage}'s records by `source.line`.
 */
export function readListingEvents(doc: SourceDocument): ListingProjectEvents[] {
  const lines = pageLines(doc)
  const out: ListingProjectEvents[] = []
  for (const b of segment(lines).blocks) {
    if (b.kind !== 'project') {
      continue
    }
    const texts = lines.slice(b.start, b.end).filter((l) => !l.blank)
    const events = readEvents(texts.map((l) => ({ text: l.text, line: l.line })))
    const first = lines[b.start]
    if (events.length > 0 && first) {
      out.push({ source: { document: doc.name, page: first.page, line: first.line }, events })
    }
  }
  return out
}

/** A network the page's body belongs to ("Borgmästaravtalet för klimat och energi"): not a project. */
export interface ListingNetwork {
  readonly name: string
  /** year the body joined, when the page says ("sedan 2011") */
  readonly since: string | null
  readonly summary: string | null
  readonly source: { readonly document: string; readonly page: number | null; readonly line: number }
}

/**
 * Reads the networks a listing page names under a networks heading ("Internationella samarbeten
 * och nätverk"). They are kept out of {@link readListingPage}'s project records.
 */
export function readListingNetworks(doc: SourceDocument): ListingNetwork[] {
  const lines = pageLines(doc)
  const out: ListingNetwork[] = []
  for (const b of segment(lines).blocks) {
    if (b.kind !== 'network' || b.title === null) {
      continue
    }
    const title = lines[b.title]
    const body = lines.slice(b.title + 1, b.end).filter((l) => !l.blank)
    const summary = body.find((l) => l.text.length >= 40 && /[.!?]$/.test(l.text))?.text ?? null
    const since =
      /(?<![\p{L}])(?:sedan|since)\s+((?:19|20)\d{2})\b/u.exec(body.map((l) => l.text).join(' '))?.[1] ?? null
    out.push({
      name: title?.text ?? '',
      since,
      summary,
      source: { document: doc.name, page: title?.page ?? null, line: title?.line ?? 1 },
    })
  }
  return out
}

// "Här listar vi pågående projekt", "projekt som har avslutats", "completed projects"
const INTRO_STATUS: ReadonlyArray<readonly [ProjectStatus, RegExp]> = [
  [
    'completed',
    /(?<![\p{L}])(avslutade (?:\p{L}+[- ])?projekt|projekt som (har )?avslutats|tidigare (?:\p{L}+[- ])?projekt|genomförda (?:\p{L}+[- ])?projekt|(?:completed|finished|past) (?:\p{L}+[- ])?projects)\b/iu,
  ],
  [
    'ongoing',
    /(?<![\p{L}])(pågående (?:\p{L}+[- ])?projekt|projekt som pågår|aktuella (?:\p{L}+[- ])?projekt|(?:ongoing|current|running) (?:\p{L}+[- ])?projects)\b/iu,
  ],
]

function statusFromIntro(intro: readonly string[]): ProjectStatus | null {
  for (const text of intro) {
    const h = headingStatus(text)
    if (h !== null) {
      return h
    }
    for (const [status, re] of INTRO_STATUS) {
      if (re.test(text)) {
        return status
      }
    }
  }
  return null
}

/** A project listed twice on the page (under two themes, or repeated) is flagged on its later copy. */
function flagDuplicates(records: ProjectRecord[]): void {
  const seen = new Map<string, ProjectRecord>()
  for (const r of records) {
    const key = fold(`${r.acronym ?? ''} ${r.name}`)
    const earlier = seen.get(key)
    if (!earlier) {
      seen.set(key, r)
      continue
    }
    // the same name for another stretch of time ("Leader … 2014-2023" and "… 2023–2027") is another project
    const sameText = earlier.summary !== null && earlier.summary === r.summary
    const samePeriod = earlier.start === r.start && earlier.end === r.end
    if (sameText || (samePeriod && (r.start !== null || r.end !== null || r.summary === null))) {
      const where = earlier.theme && earlier.theme !== r.theme ? ` under '${earlier.theme}'` : ''
      const n = records.indexOf(earlier) + 1
      r.issues.push(
        `duplicate of record ${n}: the project is listed twice on the page (also at line ${earlier.source.line}${where})`,
      )
    }
  }
}

/**
 * True when a document looks like a project listing page: several project-fact labels
 * (Projektperiod, Program, Lead Partner, Finansieringskälla …) or several project sentences
 * ("Projektet avslutades …") spread over the page, with no annual-report form questions.
 */
export function looksLikeListingPage(doc: SourceDocument): boolean {
  let labels = 0
  let sentences = 0
  let formQuestions = 0
  let statusHeadings = 0
  for (const l of doc.lines) {
    const text = l.text.trim()
    if (text.length < 40 && /projekt|projects/i.test(text) && headingStatus(text) !== null) {
      statusHeadings++
    }
    const lv = labelValue(text.replace(/^[•·\-*]\s*/, ''))
    if (lv) {
      const k = labelKind(lv.label)
      if (k === 'period' || k === 'programme' || k === 'lead' || k === 'partners' || k === 'website') {
        labels++
      }
    }
    if (
      /^proje\p{L}*\s+(avslutades|pågick|genomfördes|finansierades|medfinansierades|startade)\b/iu.test(text)
    ) {
      sentences++
    }
    if (/^(projektnamn|projektstart|projektslut|är ni projektägare|budget för)\b/i.test(text)) {
      formQuestions++
    }
  }
  // "Pågående projekt" / "Avslutade projekt" headings over a page of projects are a sign of their own
  return formQuestions < 3 && (labels + sentences >= 3 || (statusHeadings >= 1 && labels + sentences >= 1))
}
