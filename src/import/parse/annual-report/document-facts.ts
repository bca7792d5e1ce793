import { joinLines } from './form.js'
import type { FormLine } from './form-lines.js'

/** A committee, board or administration heading such as "Arbetsmarknads- och socialnämnden". */
const UNIT = /^[A-ZÅÄÖ][\p{L}\-–, ]{1,80}?(nämnd|nämnden|styrelse|styrelsen)$/u

/** The part heading of a single committee's form: "Del 2; EU och … projekt — Kulturnämnden". */
const PART_WITH_UNIT = /^del\s*2\b.*\s[—–-]\s*(\p{Lu}[\p{L}\-–, ]+?(nämnd|nämnden|styrelse|styrelsen))$/iu

/** True for a committee's name as a heading prints it: short, and ending in -nämnd(en) or -styrelse(n). */
export function isUnitName(text: string): boolean {
  return text.split(' ').length <= 5 && UNIT.test(text)
}

function blankOrEdge(line: FormLine | undefined): boolean {
  return line === undefined || line.text === ''
}

/**
 * The committee a heading names, or null. A heading stands alone: a short line with blank lines
 * around it, so that running text ending in "… till Miljönämnden" is not taken for one.
 */
export function unitHeading(lines: readonly FormLine[], i: number): string | null {
  const line = lines[i]
  if (!line || line.tabbed || line.text === '') {
    return null
  }
  const part = PART_WITH_UNIT.exec(line.text)
  if (part?.[1]) {
    return part[1]
  }
  if (!blankOrEdge(lines[i + 1])) {
    return null
  }
  if (line.text.split(' ').length <= 5 && UNIT.test(line.text)) {
    // A page break may glue the heading to the text above; that text then ends a sentence.
    const prev = lines[i - 1]
    if (blankOrEdge(prev) || /[.!?:]$/.test(prev?.text ?? '')) {
      return line.text
    }
  }
  // A heading wrapped over two or three lines: "Del 2; … — Arbetsmarknads- och" / "socialnämnden"
  const parts: string[] = [line.text]
  let k = i - 1
  while (k >= 0 && parts.length < 3 && !blankOrEdge(lines[k]) && !lines[k]?.tabbed) {
    parts.unshift(lines[k]?.text ?? '')
    k--
  }
  if (parts.length === 1 || !blankOrEdge(lines[k])) {
    return null
  }
  const joined = joinLines(parts)
  const wrapped = PART_WITH_UNIT.exec(joined)
  if (wrapped?.[1]) {
    return wrapped[1]
  }
  return joined.split(' ').length <= 5 && UNIT.test(joined) ? joined : null
}

/** For each line, the committee whose heading comes last before it (one pass over the document). */
export function unitsByLine(lines: readonly FormLine[]): (string | null)[] {
  const out: (string | null)[] = []
  let current: string | null = null
  for (let i = 0; i < lines.length; i++) {
    out.push(current)
    current = unitHeading(lines, i) ?? current
  }
  return out
}

/** Reporting organisations name themselves on the cover: "Malmö stad", "Lunds kommun", "Region Skåne". */
const ORGANISATION =
  /^((\p{Lu}[\p{L}-]*\s)+([Ss]tad|[Kk]ommun)|Region\s+\p{Lu}[\p{L}-]+(\s\p{Lu}[\p{L}-]+)?)$/u

/**
 * The organisation that reports: a cover line of its own near the top of the document. A committee's
 * own form names none, and null is the answer then.
 */
export function readOrganisation(lines: readonly FormLine[]): string | null {
  let seen = 0
  for (const line of lines) {
    if (line.text === '') {
      continue
    }
    if (++seen > 12) {
      break
    }
    if (!line.tabbed && ORGANISATION.test(line.text)) {
      return line.text
    }
  }
  return null
}

const OPENING_CUE = /^under\s+((?:19|20)\d{2})\b/i

// The report's year, most specific wording first: the report's own title or running footer,
// then its summary heading, then "Under 2025 …" in the opening text.
const YEAR_CUES: readonly RegExp[] = [
  /\bredovisning\b[^\n]{0,60}?\b((?:19|20)\d{2})\b/i,
  /\bredovisnings(?:året|år)\s*:?\s*((?:19|20)\d{2})\b/i,
  /\bsammanfattning\b[^\n]{0,40}?\b((?:19|20)\d{2})\b/i,
  OPENING_CUE,
]

/**
 * The reporting year as the document states it ("Redovisning av internationellt arbete 2025",
 * "Sammanfattning EU-projekt 2025"), or null. Page furniture is read too: its running footer
 * often carries the title with the year.
 */
export function readReportYear(texts: readonly string[]): number | null {
  for (const cue of YEAR_CUES) {
    // "Under 2025 …" only counts in the opening text; the title and summary cues anywhere.
    for (const t of cue === OPENING_CUE ? texts.slice(0, 400) : texts) {
      const m = cue.exec(t.trim())
      if (m?.[1]) {
        return Number(m[1])
      }
    }
  }
  return null
}
