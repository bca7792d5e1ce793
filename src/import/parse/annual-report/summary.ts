import type { SourceDocument } from '../../source-document.js'
import { parseMoney } from '../fields/money.js'
import { isUnitName, readOrganisation, readReportYear, unitHeading } from './document-facts.js'
import { isFormStart, joinLines } from './form.js'
import { type FormLine, toFormLines } from './form-lines.js'

/** What a printed figure counts or sums. */
export type FigureKind = 'projects' | 'committees' | 'paid'

/** What a printed figure is about: the whole organisation, one committee, one programme, one goal. */
export type FigureSubject = 'total' | 'unit' | 'programme' | 'goal'

/**
 * A figure the report prints in its summary ("63 EU-projekt", "Miljönämnden 24 projekt ca 16
 * miljoner kr", "ESF ca 27,4 miljoner kr"): what the records can be reconciled against.
 */
export interface PrintedFigure {
  readonly kind: FigureKind
  readonly subjectKind: FigureSubject
  /** the committee, programme or goal as printed; the organisation for a total */
  readonly subject: string
  /** the year the figure is for, when the text says (a total often compares with last year) */
  readonly year: number | null
  /** a count, or an amount in whole currency units */
  readonly value: number
  /** the currency of an amount; null for a count */
  readonly currency: string | null
  /** true when printed as an approximation ("ca 24,4 miljoner kr") */
  readonly approximate: boolean
  /** the line the figure is printed on, and its text */
  readonly line: number
  readonly text: string
}

/** One committee's answer to one of part 1's questions. */
export interface NarrativeAnswer {
  readonly unit: string
  readonly question: string
  /** the answer's paragraphs, separated by blank lines ('\n\n') */
  readonly answer: string
  /** the line the question starts on */
  readonly line: number
}

/** What an annual report says besides its project forms. */
export interface AnnualReportSummary {
  readonly organisation: string | null
  readonly year: number | null
  readonly printedFigures: PrintedFigure[]
  readonly narratives: NarrativeAnswer[]
}

function amountOf(text: string): { value: number; currency: string; approximate: boolean } | null {
  const m = parseMoney(text)
  if (!m.value) {
    return null
  }
  return {
    value: m.value.amount,
    currency: m.value.currency,
    approximate: m.issues.some((i) => /approximate/.test(i)),
  }
}

/** Figures printed one per line: per committee, per programme, per council goal. */
function lineFigures(line: FormLine, year: number | null, out: PrintedFigure[]): void {
  const text = line.text
  const base = { year, line: line.source.line, text }
  // "Miljönämnden     24 projekt  ca 16 miljoner kr"
  const unit = /^(.+?)\s+(\d{1,4})\s+projekt\b\s*(.*)$/u.exec(text)
  if (unit?.[1] && unit[2] && isUnitName(unit[1])) {
    out.push({
      ...base,
      kind: 'projects',
      subjectKind: 'unit',
      subject: unit[1],
      value: Number(unit[2]),
      currency: null,
      approximate: false,
    })
    const paid = unit[3] ? amountOf(unit[3]) : null
    if (paid) {
      out.push({ ...base, kind: 'paid', subjectKind: 'unit', subject: unit[1], ...paid })
    }
    return
  }
  // "1. En stad med goda uppväxtvillkor för barn och unga - 24 projekt"
  const goal = /^\d{1,2}\.\s*(.+?)\s+[-–]\s+(\d{1,4})\s+projekt$/u.exec(text)
  if (goal?.[1] && goal[2]) {
    out.push({
      ...base,
      kind: 'projects',
      subjectKind: 'goal',
      subject: goal[1],
      value: Number(goal[2]),
      currency: null,
      approximate: false,
    })
    return
  }
  // "• ESF   ca 27,4 miljoner kr"
  const programme =
    /^[•*·-]\s*(.+?)\s+((?:ca\.?|cirka|c:a)\s+)?(\d[\d\s,.]*\s*(?:miljoner|miljon|mkr|tkr)?\s*(?:kr|kronor|sek))\s*$/iu.exec(
      text,
    )
  if (programme?.[1] && programme[3]) {
    const paid = amountOf(`${programme[2] ?? ''}${programme[3]}`)
    if (paid) {
      out.push({ ...base, kind: 'paid', subjectKind: 'programme', subject: programme[1], ...paid })
    }
  }
}

/** Totals printed in running text: "Under 2025 medverkade Malmö stad i 63 EU-projekt jämfört med 60 EU-projekt 2024." */
function proseFigures(
  text: string,
  line: number,
  organisation: string,
  year: number | null,
  out: PrintedFigure[],
): void {
  const base = { subjectKind: 'total' as const, subject: organisation, line, text }
  const under = /\bunder\s+((?:19|20)\d{2})\b/i.exec(text)
  const thisYear = under?.[1] ? Number(under[1]) : year
  const projects = /\bi\s+(\d{1,4})\s+EU-projekt\b/i.exec(text)
  if (projects?.[1]) {
    out.push({
      ...base,
      kind: 'projects',
      year: thisYear,
      value: Number(projects[1]),
      currency: null,
      approximate: false,
    })
  }
  for (const m of text.matchAll(/\bjämfört\s+med\s+(\d{1,4})\s+EU-\s?projekt\s+((?:19|20)\d{2})\b/gi)) {
    out.push({
      ...base,
      kind: 'projects',
      year: Number(m[2]),
      value: Number(m[1]),
      currency: null,
      approximate: false,
    })
  }
  const committees = /\b(\d{1,3})\s+nämnder\s+deltog\b/i.exec(text)
  if (committees?.[1]) {
    out.push({
      ...base,
      kind: 'committees',
      year: thisYear,
      value: Number(committees[1]),
      currency: null,
      approximate: false,
    })
  }
  const paid =
    /\bbetalades\s+((?:19|20)\d{2})\s+((?:cirka|ca\.?|c:a)\s+)?([\d\s,.]+\s*(?:miljoner|miljon|mkr)?\s*(?:kronor|kr|sek))/i.exec(
      text,
    )
  if (paid?.[1] && paid[3]) {
    const a = amountOf(`${paid[2] ?? ''}${paid[3]}`)
    if (a) {
      out.push({ ...base, kind: 'paid', year: Number(paid[1]), ...a })
    }
  }
  const before =
    /\bför\s+((?:19|20)\d{2})\s+som\s+var\s+((?:cirka|ca\.?|c:a)\s+)?([\d\s,.]+\s*(?:miljoner|miljon|mkr)?\s*(?:kronor|kr|sek))/i.exec(
      text,
    )
  if (before?.[1] && before[3]) {
    const a = amountOf(`${before[2] ?? ''}${before[3]}`)
    if (a) {
      out.push({ ...base, kind: 'paid', year: Number(before[1]), ...a })
    }
  }
}

/**
 * The council goals the report's summary lists by number ("1. En stad med goda uppväxtvillkor för
 * barn och unga - 24 projekt"), before part 1 and the forms.
 */
export function listedGoals(lines: readonly FormLine[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const line of lines) {
    if (PART_1.test(line.text) || isFormStart(line)) {
      break
    }
    const m = /^(\d{1,2})\.\s*(.+?)\s+[-–]\s+\d{1,4}\s+projekt$/u.exec(line.text)
    if (m?.[1] && m[2] && !out.has(Number(m[1]))) {
      out.set(Number(m[1]), m[2])
    }
  }
  return out
}

const PART_1 = /^del\s*1\s*[;:—–-]/i
const PART_2 = /^del\s*2\s*[;:—–-]/i
const QUESTION = /^\d{1,2}\.\s*\p{Lu}/u

function isBlank(l: FormLine | undefined): boolean {
  return l === undefined || l.text === ''
}

/**
 * Part 1: each committee's heading, then its numbered questions, each followed by its answer. A
 * numbered line is a question when it carries the next number after the heading and opens with a
 * word the report's introduction opens its questions with ("1. Redogör …", "2. Beskriv …"), so a
 * numbered list inside an answer stays part of the answer.
 */
function readNarratives(
  lines: readonly FormLine[],
  from: number,
  to: number,
  openers: ReadonlySet<string>,
): NarrativeAnswer[] {
  const out: NarrativeAnswer[] = []
  let unit: string | null = null
  let expected = 1
  let question: { text: string; line: number } | null = null
  let answer: FormLine[] = []
  const flush = () => {
    if (unit && question) {
      const paragraphs: string[] = []
      let cur: string[] = []
      for (const l of [...answer, undefined]) {
        if (isBlank(l)) {
          if (cur.length > 0) {
            paragraphs.push(joinLines(cur))
          }
          cur = []
        } else if (l) {
          cur.push(l.text)
        }
      }
      out.push({ unit, question: question.text, answer: paragraphs.join('\n\n'), line: question.line })
    }
    question = null
    answer = []
  }
  for (let i = from; i < to; i++) {
    const line = lines[i]
    if (!line) {
      break
    }
    const next = lines.slice(i + 1, i + 3).find((l) => !isBlank(l))
    const heading =
      unitHeading(lines, i) ?? (isUnitName(line.text) && next && QUESTION.test(next.text) ? line.text : null)
    if (heading) {
      flush()
      unit = heading
      expected = 1
      continue
    }
    const numbered = /^(\d{1,2})\.\s*(\p{L}+)/u.exec(line.text)
    const isQuestion =
      numbered !== null &&
      Number(numbered[1]) === expected &&
      (openers.size === 0 || openers.has((numbered[2] ?? '').toLowerCase()))
    if (unit && isQuestion && QUESTION.test(line.text)) {
      expected++
      flush()
      // The question wraps over lines (blank lines between them in PDF text) until its full stop.
      const parts = [line.text]
      let k = i
      while (!/[.?]$/.test(parts[parts.length - 1] ?? '') && parts.length < 8 && k + 1 < to) {
        k++
        const l = lines[k]
        if (l && !isBlank(l)) {
          parts.push(l.text)
        }
      }
      question = { text: joinLines(parts).replace(/^\d{1,2}\.\s*/, ''), line: line.source.line }
      i = k
      continue
    }
    if (question) {
      answer.push(line)
    }
  }
  flush()
  return out
}

/**
 * Reads what an annual report says besides its project forms: the figures its summary prints
 * (projects and amounts paid out, in total, per committee, per programme and per council goal)
 * and each committee's part 1 answers (networks, exchanges, study visits, results), so the
 * records can later be reconciled against the report's own totals.
 */
export function readAnnualReportSummary(doc: SourceDocument): AnnualReportSummary {
  const lines = toFormLines(doc)
  const organisation = readOrganisation(lines)
  const year = readReportYear(doc.lines.map((l) => l.text))
  const part1 = lines.findIndex((l) => PART_1.test(l.text))
  const firstForm = lines.findIndex((l) => isFormStart(l))
  const part2 = lines.findIndex((l, i) => i > part1 && PART_2.test(l.text))
  const summaryEnd = [part1, part2, firstForm].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? lines.length
  const printedFigures: PrintedFigure[] = []
  let paragraph: FormLine[] = []
  const flushParagraph = () => {
    const first = paragraph[0]
    if (first) {
      proseFigures(
        joinLines(paragraph.map((l) => l.text)),
        first.source.line,
        organisation ?? '',
        year,
        printedFigures,
      )
    }
    paragraph = []
  }
  for (const line of lines.slice(0, summaryEnd)) {
    if (line.text === '') {
      flushParagraph()
      continue
    }
    paragraph.push(line)
    lineFigures(line, year, printedFigures)
  }
  flushParagraph()
  const openers = new Set<string>()
  for (const line of lines.slice(0, Math.max(0, part1))) {
    const m = /^\d{1,2}\.\s*(\p{Lu}\p{L}+)/u.exec(line.text)
    if (m?.[1] && /^(redogör|beskriv|ange|redovisa|vilka|vilket|hur|vad|finns)$/i.test(m[1])) {
      openers.add(m[1].toLowerCase())
    }
  }
  const end = part2 > part1 ? part2 : firstForm > part1 ? firstForm : lines.length
  const narratives = part1 >= 0 ? readNarratives(lines, part1 + 1, end, openers) : []
  return { organisation, year, printedFigures, narratives }
}
