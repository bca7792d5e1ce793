import type { ProjectStatus } from '../../../registry/project-record.js'
import { labelKind, labelValue, type PageLine } from './lines.js'

/**
 * Splitting a listing page into project blocks. Pages come in three shapes, and the reader picks
 * the one the page shows:
 * - outline: nested list items, theme headings holding project titles (Region Skåne's accordion);
 * - headings: bare heading lines, each project a heading with its paragraphs under status or
 *   section headings (Ljungby's "Pågående projekt"/"Avslutade projekt");
 * - flow: the headings were lost in the scrape and projects follow one another as description
 *   first, then their facts (Hässleholm): a new description after a run of facts starts a project.
 */
export type PageShape = 'outline' | 'headings' | 'flow'

/** One project's stretch of lines, with what the headings above it say. */
export interface Block {
  /** index (into the page lines) of the block's first line: its title, or its first paragraph */
  readonly start: number
  /** index one past the block's last line */
  readonly end: number
  /** index of the title line, null when the page states no title (flow pages) */
  readonly title: number | null
  /** the heading the block is filed under, not counting status and page-section headings */
  readonly theme: string | null
  /** status from a section heading above the block ("Avslutade projekt") */
  readonly headingStatus: ProjectStatus | null
  /** all headings above the block, nearest last (role hints such as "Projekt vi deltar i") */
  readonly headings: readonly string[]
  /** 'network' for blocks under a networks heading ("Internationella samarbeten och nätverk"): not projects */
  readonly kind: 'project' | 'network'
  /** what the page's structure itself gets wrong around this block (a title at theme level) */
  readonly notes: readonly string[]
}

/** A page split into blocks, plus its notes (page-level sentences before the first block). */
export interface Segmented {
  readonly shape: PageShape
  readonly blocks: readonly Block[]
  /** indices of page-level lines before the first block: title, introduction */
  readonly intro: readonly number[]
}

const STATUS_HEADINGS: ReadonlyArray<readonly [ProjectStatus, RegExp]> = [
  ['ongoing', /^(pågående|aktuella|nuvarande|löpande|ongoing|current|running|active)\b/i],
  ['completed', /^(avslutade|tidigare|genomförda|slutförda|completed|finished|past|closed|former)\b/i],
]

/** The status a section heading announces ("Pågående projekt" → ongoing), or null. */
export function headingStatus(text: string): ProjectStatus | null {
  if (text.split(/\s+/).length > 6) {
    return null
  }
  for (const [status, re] of STATUS_HEADINGS) {
    if (re.test(text)) {
      return status
    }
  }
  return null
}

// Headings that name the page's collections rather than one project.
const SECTION =
  /(^|[\s-])(projekt|projekten|samarbeten|samarbetena|nätverk|nätverken|projects|networks|partnerships|cooperations?)$/i
const SECTION_START = /^(projekt|projects?) (vi|som|där|we|in which|that)\b/i

/** True for headings that name a collection of projects ("Internationella projekt", "Projekt vi deltar i"). */
export function isSectionHeading(text: string): boolean {
  return SECTION.test(text) || SECTION_START.test(text)
}

/** True for a section heading that groups projects by nothing but their being projects. */
function isGenericProjectSection(text: string): boolean {
  return /\b(projekt|projekten|projects?)\b/i.test(text) || SECTION_START.test(text)
}

// Headings inside one project's description.
const SUBHEADING =
  /^(om projektet|about the project|projektbeskrivning|bakgrund|background|syfte|syftet|mål|målet|målen|målgrupp(er)?|target groups?|resultat|results|work ?plan|arbetsplan|aktiviteter|activities|kontakt(er|uppgifter)?|contacts?|partners|partner|budget|finansiering|funding|tidplan|projekttid|läs mer|read more|mer information|more information|visa kontaktuppgifter|visa fler kontaktuppgifter|dokument|documents|nyheter|news|kommentera|dela|share)$/i

/** True for a heading that structures one project's text ("Om projektet", "Kontakt", "Projekttid"). */
export function isSubheading(text: string): boolean {
  const t = text.replace(/[:.]$/, '').trim()
  return SUBHEADING.test(t) || labelKind(t) !== null
}

// Link texts and page notes: "Här kan du läsa mer om …", "Läs mer", "Read more about …".
const LINK_OR_NOTE =
  /^(här (kan du|listar|hittar|finns|presenteras)|nedan (listas|finns|presenteras)|du kan läsa|läs mer|read more|here you|below (you|are|is)|this page|på (denna|den här) sida|på .{1,60}webbplats|mer information|more information|visa (fler )?kontaktuppgifter)/i

/** True for a link text or a note about the page rather than about a project. */
export function isLinkOrNote(text: string): boolean {
  return LINK_OR_NOTE.test(text)
}

const LINKISH = /https?:|www\.|\.(se|eu|com|org|net|dk|no|fi|de)\b/i

const EVENT_LINE =
  /^(event|evenemang|aktivitet|activity|konferens|conference|möte|meeting|workshop|studieresa|study visit)\s*(\d+)\b/i

/** The number of an event heading ("Event 3: Catoira, …" → 3), or null. */
export function eventNumber(text: string): number | null {
  const m = EVENT_LINE.exec(text)
  return m ? Number(m[2]) : null
}

const FIELDISH =
  /(@|https?:\/\/|www\.|^\d[\d\s.,]*(kr|kronor|sek|eur|euro|€|msek|mkr)?$|^\d{4}-?\d{2}-?\d{2}\b)/i

/** True for a line shaped like a heading: short, no sentence punctuation at its end, no field value. */
export function isTitleShaped(text: string): boolean {
  if (text === '' || text.length > 120 || text.split(/\s+/).length > 12) {
    return false
  }
  if (/[.:;,!?]$/.test(text) || FIELDISH.test(text) || labelValue(text) !== null) {
    return false
  }
  if (/^[\p{Ll}]/u.test(text) || isLinkOrNote(text) || eventNumber(text) !== null) {
    return false
  }
  // "Sweden, 3 representatives": a count, not a heading
  if (/^[\p{L} ]+, \d+ \p{L}+$/u.test(text)) {
    return false
  }
  return FACT_SENTENCES.every((re) => !re.test(text))
}

function nextNonBlank(lines: readonly PageLine[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    if (!lines[i]?.blank) {
      return i
    }
  }
  return -1
}

function prevNonBlank(lines: readonly PageLine[], from: number): number {
  for (let i = from; i >= 0; i--) {
    if (!lines[i]?.blank) {
      return i
    }
  }
  return -1
}

function at(lines: readonly PageLine[], i: number): PageLine | undefined {
  return i >= 0 ? lines[i] : undefined
}

/** Splits a page into blocks, choosing the shape the page shows. */
export function segment(lines: readonly PageLine[]): Segmented {
  const outline = outlineTitles(lines)
  if (outline.titles.length >= 2) {
    return fromTitles(lines, 'outline', outline.titles, outline.headings)
  }
  // bare headings, or list items that lost their indentation: whichever the page has more of
  const bare = bareTitles(lines)
  const flat = flatBulletTitles(lines)
  if (flat.titles.length >= 2 && flat.titles.length > bare.titles.length) {
    return fromTitles(lines, 'outline', flat.titles, flat.headings)
  }
  // one project under a status heading ("Avslutade projekt") is a headings page too
  const statusAbove = bare.headings.some((h) => headingStatus(lines[h]?.text ?? '') !== null)
  if (bare.titles.length >= 2 || (bare.titles.length === 1 && statusAbove)) {
    return fromTitles(lines, 'headings', bare.titles, bare.headings)
  }
  return flow(lines)
}

/**
 * Outline pages whose indentation was lost in the scrape: a list item followed by a description
 * or labelled facts is a project's title; one followed straight by such a title is a theme.
 */
function flatBulletTitles(lines: readonly PageLine[]): Titles {
  const isTitle = (i: number): boolean => {
    const l = lines[i]
    const next = at(lines, nextNonBlank(lines, i + 1))
    if (!l?.bullet || !isTitleShaped(l.text) || !next || next.bullet) {
      return false
    }
    const kind = flowKind(next)
    return kind === 'desc' || (kind === 'fact' && labelValue(next.text) !== null)
  }
  const titles: number[] = []
  const headings: number[] = []
  for (let i = 0; i < lines.length; i++) {
    if (isTitle(i)) {
      titles.push(i)
      continue
    }
    const l = lines[i]
    const n = nextNonBlank(lines, i + 1)
    if (l?.bullet && isTitleShaped(l.text) && n >= 0 && isTitle(n)) {
      headings.push(i)
    }
  }
  const first = Math.min(titles[0] ?? lines.length, headings[0] ?? lines.length)
  for (let i = 0; i < first; i++) {
    const l = lines[i]
    if (l && !l.blank && !l.bullet && isTitleShaped(l.text) && isBareHeadingPosition(lines, i)) {
      headings.push(i)
    }
  }
  headings.sort((a, b) => a - b)
  return { titles, headings }
}

interface Titles {
  readonly titles: number[]
  /** heading lines that are not project titles (themes, status and section headings) */
  readonly headings: number[]
}

/**
 * Outline pages: a list item whose following content is indented deeper than itself is a
 * heading. When that content is again a deeper list item, the item is a theme; otherwise it is a
 * project's title.
 */
function outlineTitles(lines: readonly PageLine[]): Titles {
  const titles: number[] = []
  const headings: number[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    if (!l?.bullet || l.blank) {
      continue
    }
    const next = at(lines, nextNonBlank(lines, i + 1))
    if (!next || next.indent <= l.indent || !isTitleShaped(l.text)) {
      continue
    }
    if (next.bullet && isTitleShaped(next.text)) {
      const after = at(lines, nextNonBlank(lines, nextNonBlank(lines, i + 1) + 1))
      // a deeper item that itself opens deeper content is a project under this theme
      if (after && after.indent > next.indent) {
        headings.push(i)
        continue
      }
    }
    titles.push(i)
  }
  // Bare lines before the first outline item are page headings ("Projekt vi deltar i").
  const first = titles[0] ?? lines.length
  for (let i = 0; i < Math.min(first, headings[0] ?? first); i++) {
    const l = lines[i]
    if (l && !l.blank && !l.bullet && isTitleShaped(l.text) && isBareHeadingPosition(lines, i)) {
      headings.push(i)
    }
  }
  headings.sort((a, b) => a - b)
  return { titles, headings }
}

function isBareHeadingPosition(lines: readonly PageLine[], i: number): boolean {
  const before = at(lines, i - 1)
  return i === 0 || before === undefined || before.blank
}

/**
 * Heading pages: bare title-shaped lines after a blank line. A heading followed by content of its
 * own is a project's title; one followed directly by another heading, or naming a status or a
 * collection, is a section heading.
 */
function bareTitles(lines: readonly PageLine[]): Titles {
  // Some copies of a page lose every blank line; headings then stand out only by their shape.
  const blanks = lines.filter((l) => l.blank).length
  const sparse = blanks < lines.length * 0.2
  const cands: number[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    if (!l || l.blank || l.bullet || !isTitleShaped(l.text) || !(sparse || isBareHeadingPosition(lines, i))) {
      continue
    }
    if (isSubheading(l.text)) {
      continue
    }
    // a heading stands alone: a blank line (or the end) follows it, and no sentence runs on
    const after = at(lines, i + 1)
    const next = at(lines, nextNonBlank(lines, i + 1))
    if ((after && !after.blank && !sparse) || (next && /^\p{Ll}/u.test(next.text))) {
      continue
    }
    cands.push(i)
  }
  const candSet = new Set(cands)
  const titles: number[] = []
  const headings: number[] = []
  for (const i of cands) {
    const l = lines[i]
    const n = nextNonBlank(lines, i + 1)
    const next = at(lines, n)
    const text = l?.text ?? ''
    if (!next) {
      continue
    }
    if (headingStatus(text) !== null || isSectionHeading(text)) {
      headings.push(i)
      continue
    }
    if (candSet.has(n)) {
      // a heading right above another one is a theme, unless it is a link's text ("Projekt (leaderlinne.se)")
      if (!LINKISH.test(text)) {
        headings.push(i)
      }
      continue
    }
    // a project's title opens a description or labelled facts, not a loose fact line
    const kind = flowKind(next)
    if (kind === 'desc' || (kind === 'fact' && labelValue(next.text) !== null)) {
      titles.push(i)
    }
  }
  // Lines before the first heading that are page notes are intro; nothing else to do here.
  return { titles, headings }
}

function fromTitles(
  lines: readonly PageLine[],
  shape: PageShape,
  titles: number[],
  headings: number[],
): Segmented {
  const blocks: Block[] = []
  const bounds = [...titles, ...headings].sort((a, b) => a - b)
  for (const t of titles) {
    const nextBound = bounds.find((b) => b > t) ?? lines.length
    const above = headings.filter((h) => h < t).map((h) => lines[h]?.text ?? '')
    const context = headingContext(above)
    const notes: string[] = []
    // an outline title at the indentation of the theme headings is filed under the theme above it
    const theme = [...headings].reverse().find((h) => h < t && lines[h]?.bullet)
    const themeLine = theme !== undefined ? lines[theme] : undefined
    const titleLine = lines[t]
    if (
      shape === 'outline' &&
      themeLine &&
      titleLine?.bullet &&
      titleLine.indent <= themeLine.indent &&
      titleLine.indent > 0
    ) {
      notes.push(
        `title sits at theme-heading level (same indent as the theme headings), not nested under a theme; theme taken from the preceding heading '${themeLine.text}'`,
      )
    }
    blocks.push({ start: t, end: nextBound, title: t, ...context, headings: above, notes })
  }
  const first = titles[0] ?? lines.length
  const intro: number[] = []
  for (let i = 0; i < first; i++) {
    if (!lines[i]?.blank && !headings.includes(i)) {
      intro.push(i)
    }
  }
  return { shape, blocks, intro }
}

/** Theme and status from the headings above a block, nearest winning. */
function headingContext(above: readonly string[]): {
  theme: string | null
  headingStatus: ProjectStatus | null
  kind: 'project' | 'network'
} {
  let theme: string | null = null
  let status: ProjectStatus | null = null
  let kind: 'project' | 'network' = 'project'
  for (const h of above) {
    if (isSectionHeading(h) || isGenericProjectSection(h)) {
      kind = NETWORK_SECTION.test(h) ? 'network' : 'project'
    }
    const s = headingStatus(h)
    if (s !== null) {
      status = s
      continue
    }
    if (isGenericProjectSection(h)) {
      // a new collection heading resets the theme and status ("Internationella projekt")
      theme = null
      status = null
      continue
    }
    if (isSectionHeading(h)) {
      status = null
    }
    theme = h
  }
  return { theme, headingStatus: status, kind }
}

// Memberships of networks are not projects (the registry keeps them apart).
const NETWORK_SECTION = /(nätverk|networks?\b|medlemskap|memberships?\b)/i

/** How a line of a flow page counts when looking for where one project ends. */
export type FlowKind = 'desc' | 'fact' | 'detail' | 'note' | 'event'

const FACT_SENTENCES: readonly RegExp[] = [
  /^proje\p{L}*\s+(genomfördes|genomförs|avslutades|avslutas|pågick|pågår|startade|startar|medfinansierades|medfinansieras|finansierades|finansieras|delfinansierades|är avslutat|var avslutat|drevs|drivs|leddes|leds|ägdes|ägs|beviljades)\b/iu,
  /^(förstudien|studien|satsningen|insatsen)\s+(finansierades|genomfördes|avslutades|pågick|medfinansierades|startade)\b/iu,
  /^the project (was|is|has been) (financed|funded|co-?financed|carried out|led|run|completed|finished)/i,
  /^total(a)? ?(budget|kostnad)/i,
  /^projekt(tid|perioden?|budget)\b/i,
  /^\d[\d\s]*(,\d+)?\s*(kr|kronor|sek|eur|euro|€|mkr|msek)\b/i,
  /^\d{4}-?\d{2}-?\d{2}\s*(-|–|till|to)\s*\d{4}/,
  // the look-behind makes a match start only where a word starts (linear on a 100 000-letter line)
  /(?<![\p{L}.-])[\p{L}.-]+@[\p{L}-]+\.[a-z]{2,}/iu,
  /^\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)? \p{Lu}[\p{Ll}-]+(-\p{Lu}\p{Ll}+)?, \p{Ll}+$/u,
]

// A line that names a funding programme (flow pages put it on a line of its own).
const PROGRAMME_LINE =
  /^(europeiska|european|interreg|erasmus|horizon|horisont|life\b|leader\b|jordbruksverket|landsbygdsprogrammet|esf|eruf|erdf|urbact|creative europe|kreativa europa|nordplus|connecting europe)/i

const FINITE_VERB = /\s(har|hade|är|var|blir|ska|kommer|bidrar|finansierar|has|had|is|was|will|funds)\s/i

/** Classifies a line of a flow page. */
export function flowKind(l: PageLine): FlowKind {
  const text = l.text
  if (eventNumber(text) !== null) {
    return 'event'
  }
  if (isLinkOrNote(text)) {
    return 'note'
  }
  const lv = labelValue(text)
  if (lv) {
    const kind = labelKind(lv.label)
    if (kind !== null && kind !== 'eventDetail' && kind !== 'description') {
      return 'fact'
    }
    return 'detail'
  }
  if (FACT_SENTENCES.some((re) => re.test(text)) || (PROGRAMME_LINE.test(text) && !FINITE_VERB.test(text))) {
    return 'fact'
  }
  if (!l.bullet && text.length >= 40 && /\p{Ll}/u.test(text) && text.includes(' ')) {
    return 'desc'
  }
  return 'detail'
}

/**
 * Flow pages: a description paragraph that follows at least two facts (period, funding, contact,
 * budget …) of the project before it starts a new project; so does an event list that starts
 * again at 1.
 */
function flow(lines: readonly PageLine[]): Segmented {
  const starts: number[] = []
  const intro: number[] = []
  let factsSinceDesc = 0
  let prevKind: FlowKind | null = null
  let eventsSeen = new Set<number>()
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    if (!l || l.blank) {
      continue
    }
    const kind = flowKind(l)
    if (starts.length === 0) {
      if (kind === 'note' || (kind === 'detail' && isTitleShaped(l.text))) {
        intro.push(i)
        continue
      }
      starts.push(i)
      prevKind = kind
      factsSinceDesc = kind === 'fact' ? 1 : 0
      continue
    }
    if (kind === 'event') {
      const n = eventNumber(l.text) ?? 0
      if (eventsSeen.has(n) && n <= 1) {
        starts.push(i)
        eventsSeen = new Set([n])
        factsSinceDesc = 0
        prevKind = kind
        continue
      }
      eventsSeen.add(n)
    }
    if (kind === 'desc' && prevKind === 'fact' && factsSinceDesc >= 2) {
      starts.push(i)
      eventsSeen = new Set()
      factsSinceDesc = 0
      prevKind = kind
      continue
    }
    if (kind === 'fact') {
      factsSinceDesc++
    } else if (kind === 'desc') {
      factsSinceDesc = 0
    }
    prevKind = kind
  }
  const blocks: Block[] = starts.map((s, k) => ({
    start: s,
    end: starts[k + 1] ?? lines.length,
    title: null,
    theme: null,
    headingStatus: null,
    headings: [],
    kind: 'project' as const,
    notes: [],
  }))
  // trailing page furniture stays in the last block; the block reader ignores what it cannot use
  return { shape: 'flow', blocks, intro: intro.filter((i) => i < (starts[0] ?? lines.length)) }
}

export { nextNonBlank, prevNonBlank }
