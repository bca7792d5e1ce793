import type { FormLine } from './form-lines.js'

/** The questions of the per-project form, in the order Malmö's form asks them. */
export type FieldKey =
  | 'name'
  | 'start'
  | 'end'
  | 'period'
  | 'budget'
  | 'paid'
  | 'role'
  | 'budgetOwner'
  | 'budgetPartner'
  | 'paidOwner'
  | 'paidPartner'
  | 'programme'
  | 'goals'

/** One answered question: the answer as written, and the lines it came from. */
export interface FormAnswer {
  readonly key: FieldKey
  /** the answer text, its own line breaks kept as '\n' (PDF and plain text wrap long answers) */
  readonly text: string
  readonly lines: readonly FormLine[]
}

/** One project's form: the answers, the description paragraphs and where each starts. */
export interface ProjectForm {
  /** the "Projektnamn" line */
  readonly first: FormLine
  readonly answers: ReadonlyMap<FieldKey, FormAnswer>
  /** the description's paragraphs, each joined into one string */
  readonly description: readonly string[]
  /** every line of the description, for readers that need the line numbers */
  readonly descriptionLines: readonly FormLine[]
  /** the title printed above the form, when there is one ("Perfare - Kultur och hälsa") */
  readonly heading: FormLine | null
}

type Family = 'name' | 'start' | 'end' | 'period' | 'role' | 'budget' | 'paid' | 'programme' | 'goals'

interface Question {
  readonly family: Family
  /** recognises the first line of the question */
  readonly starts: RegExp
  /** the whole question at the start of the block's text; what follows is the answer */
  readonly label: RegExp
  /** the question without the owner/partner box ("Total budget (SEK):"), for a form with one box */
  readonly plain?: RegExp
  /** true when a (possibly wrapped) question has been read in full */
  readonly complete: RegExp
}

// The questions as Malmö's form words them; the patterns keep to the words that carry the meaning
// so that another municipality's copy of the form ("Projektets namn", "Utbetalda medel") still reads.
const QUESTIONS: readonly Question[] = [
  {
    family: 'name',
    starts: /^projekt(ets)?\s?namn\b/i,
    label: /^projekt(ets)?\s?namn\s*:?\s*/i,
    complete: /./,
  },
  {
    family: 'start',
    starts: /^projekt\s?start(datum)?\b|^startdatum\b/i,
    label: /^(projekt\s?start(datum)?|startdatum)\s*:?\s*/i,
    complete: /./,
  },
  {
    family: 'end',
    starts: /^projekt\s?slut(datum)?\b|^slutdatum\b/i,
    label: /^(projekt\s?slut(datum)?|slutdatum)\s*:?\s*/i,
    complete: /./,
  },
  {
    family: 'period',
    starts: /^(projektperiod|projekttid|period)\b/i,
    label: /^(projektperiod|projekttid|period)\s*:?\s*/i,
    complete: /./,
  },
  {
    family: 'role',
    starts:
      /^beskriv\b.{0,40}\broll\b|^(förvaltningens\s+)?roll(\s+i\s+projektet)?\s*[:?]?$|^(förvaltningens\s+)?roll(\s+i\s+projektet)?\s*[:(]/i,
    label:
      /^(beskriv\b[^.:?\n]*?\broll\b|(förvaltningens\s+)?roll(\s+i\s+projektet)?)\s*:?\s*(\(?\s*projektägare\s+eller\s+projektpartner\s*\)?\s*[.?]?)?\s*:?\s*/i,
    complete: /(projektpartner\)?\.?|\?|roll\s*:?|projektet\s*:?)$/i,
  },
  {
    family: 'budget',
    starts: /^total(\s+projekt)?\s*budget\b|^projektets\s+(totala\s+)?budget\b/i,
    label:
      /^(total(\s+projekt)?\s*budget|projektets\s+(totala\s+)?budget)\b[\s\S]*?\b(projektägare|projektpartner)\b\s*\)?\s*[.:]?\s*/i,
    plain:
      /^(total(\s+projekt)?\s*budget|projektets\s+(totala\s+)?budget)\b\s*(\(?\s*(sek|kr|kronor|eur|euro)\s*\)?)?\s*:?\s*/i,
    complete: /(projektägare|projektpartner)\)?[.:]?$/i,
  },
  {
    family: 'paid',
    starts: /^utbetal(t|da)\b/i,
    label: /^utbetal(t|da)\b[\s\S]*?\b(projektägare|projektpartner)\b\s*\)?\s*[.:]?\s*/i,
    plain:
      /^utbetal(t|da)\b[^\d\n]*?(redovisningsåret|året|\d{4})?\s*(\(?\s*(sek|kr|kronor|eur|euro)\s*\)?)?\s*:?\s*(?=\d|$|-|vet)/i,
    complete: /(projektägare|projektpartner)\)?[.:]?$/i,
  },
  {
    family: 'programme',
    starts: /^(eu-|finansierings)?program(met)?\b|^finansieringskälla\b/i,
    label: /^((eu-|finansierings)?program(met)?|finansieringskälla)\s*:?\s*/i,
    complete: /./,
  },
  {
    family: 'goals',
    starts: /^vilk(et|a)\b.{0,30}mål|^(koppling|relation)\s+till\b.{0,40}mål/i,
    label: /^(vilk(et|a)\b[\s\S]*?\?|(koppling|relation)\s+till\s+[\s\S]*?mål(en)?\b\s*[:?]?)\s*/i,
    complete: /(\?|mål(en)?\s*:?)$/,
  },
]

const HEADER_ROW = /^beskrivning av projekt(et)?\b.*\bsvar$/i
const DESCRIPTION_HEADING = /^(kort\s+)?beskrivning(\s+av\s+(det|den|projektet)\b|\s*:?$)/i

function questionOf(line: FormLine): Question | undefined {
  if (line.left === '') {
    return undefined
  }
  return QUESTIONS.find((q) => q.starts.test(line.left))
}

/** Which of the form's questions the line opens, if any ("budget" for "Total budget SEK för …"). */
export function questionFamily(line: FormLine): string | null {
  return questionOf(line)?.family ?? null
}

/** True for the line that opens a project's form ("Projektnamn …"). */
export function isFormStart(line: FormLine): boolean {
  return questionOf(line)?.family === 'name'
}

function keyOf(family: Family, box: string | undefined): FieldKey {
  if (box === undefined) {
    return family
  }
  const owner = box.toLowerCase() === 'projektägare'
  if (family === 'budget') {
    return owner ? 'budgetOwner' : 'budgetPartner'
  }
  if (family === 'paid') {
    return owner ? 'paidOwner' : 'paidPartner'
  }
  return family
}

/**
 * Splits one question's lines into question and answer. Table rows give them as cells; plain
 * text gives "Projektnamn Medvind Malmö" or a question wrapped over lines with the answer below,
 * so the question's own words are matched and what follows them is the answer.
 */
function answerOf(question: Question, lines: readonly FormLine[]): FormAnswer {
  const leftText = lines
    .map((l) => l.left)
    .filter((t) => t !== '')
    .join('\n')
  const rightText = lines
    .filter((l) => l.tabbed && l.right !== '')
    .map((l) => l.right)
    .join('\n')
  const boxed = question.label.exec(leftText)
  const m = boxed ?? question.plain?.exec(leftText) ?? null
  const rest = m ? leftText.slice(m[0].length).trim() : leftText
  const box = boxed && question.plain ? boxed[boxed.length - 1] : undefined
  const text = [rightText, rest].filter((t) => t !== '').join('\n')
  return { key: keyOf(question.family, box), text, lines }
}

function isBlank(line: FormLine | undefined): boolean {
  return line !== undefined && line.text === ''
}

/** Joins a paragraph's lines, mending words a line break split ("SSPF-" + "samverkan"). */
export function joinLines(texts: readonly string[]): string {
  let out = ''
  for (const t of texts) {
    if (t === '') {
      continue
    }
    if (out === '') {
      out = t
    } else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(t) && !/^(och|eller|samt|till|and|or)\b/.test(t)) {
      out += t
    } else {
      out += ` ${t}`
    }
  }
  return out
}

/**
 * Splits lines into paragraphs at blank lines, and where a new page starts after a full stop
 * (a page break that falls between paragraphs leaves no blank line in PDF text).
 */
export function paragraphsOf(lines: readonly FormLine[]): string[] {
  const out: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length > 0) {
      out.push(joinLines(current))
    }
    current = []
  }
  for (const l of lines) {
    if (l.text === '') {
      flush()
      continue
    }
    if (l.newPage && /[.!?]$/.test(current[current.length - 1] ?? '')) {
      flush()
    }
    current.push(l.text)
  }
  flush()
  return out
}

const TITLE_LIKE = /^[^\s].{0,100}$/

/** A committee's heading ("Tekniska nämnden", "Kommunstyrelsen") or a part's ("Del 2; …"). */
const HEADING_ABOVE = /^(\p{Lu}[\p{L}\-–, ]{1,60}(nämnd|nämnden|styrelse|styrelsen)|del\s*\d\b.{0,120})$/iu

function isTitleLike(line: FormLine): boolean {
  const t = line.text
  return (
    TITLE_LIKE.test(t) &&
    !/[.:;,]$/.test(t) &&
    !/^(https?:\/\/|www\.)/i.test(t) &&
    t.split(' ').length <= 14 &&
    !/^[•\-–*]/.test(t)
  )
}

/**
 * Where the lines before a form's "Projektnamn" stop being the previous project's description:
 * the table's header row ("Beskrivning av Projekt | Svar"), the project's title above it, and any
 * committee or part heading.
 */
function preambleStart(lines: readonly FormLine[], formStart: number, floor: number): number {
  let i = formStart - 1
  const skipBlanks = () => {
    while (i > floor && isBlank(lines[i])) {
      i--
    }
  }
  skipBlanks()
  const header = lines[i]
  if (header && HEADER_ROW.test(header.text)) {
    i--
    skipBlanks()
  }
  // the title, at most two lines (a long title wraps, sometimes with a blank between)
  let titles = 0
  while (i > floor && titles < 2) {
    const line = lines[i]
    if (!line || !isTitleLike(line)) {
      break
    }
    titles++
    i--
    skipBlanks()
  }
  // the committee's heading (or the part's) when this form opens a new committee
  while (i > floor && (isBlank(lines[i]) || HEADING_ABOVE.test(lines[i]?.text ?? ''))) {
    i--
  }
  return i + 1
}

/** The title line above the form's header row, when the form has one. */
function headingOf(lines: readonly FormLine[], formStart: number, floor: number): FormLine | null {
  let i = formStart - 1
  while (i > floor && isBlank(lines[i])) {
    i--
  }
  const header = lines[i]
  if (!header || !HEADER_ROW.test(header.text)) {
    return null
  }
  i--
  while (i > floor && isBlank(lines[i])) {
    i--
  }
  const title = lines[i]
  return title && isTitleLike(title) ? title : null
}

/**
 * Reads every project form in the lines: from each "Projektnamn" line through its questions to
 * the description, which runs until the next form's title.
 */
export function readForms(lines: readonly FormLine[]): ProjectForm[] {
  const starts: number[] = []
  lines.forEach((l, i) => {
    if (isFormStart(l)) {
      starts.push(i)
    }
  })
  const forms: ProjectForm[] = []
  starts.forEach((start, n) => {
    const next = starts[n + 1]
    const limit = next === undefined ? lines.length : preambleStart(lines, next, start)
    const first = lines[start]
    if (!first) {
      return
    }
    const tabbedForm = first.tabbed
    const answers = new Map<FieldKey, FormAnswer>()
    let question: Question | undefined
    let block: FormLine[] = []
    let i = start
    let descriptionFrom = -1
    const flush = () => {
      if (question && block.length > 0) {
        const a = answerOf(question, block)
        if (!answers.has(a.key)) {
          answers.set(a.key, a)
        }
      }
    }
    for (; i < limit; i++) {
      const line = lines[i]
      if (!line) {
        break
      }
      if (DESCRIPTION_HEADING.test(line.text) && !HEADER_ROW.test(line.text)) {
        descriptionFrom = i
        break
      }
      const q = questionOf(line)
      if (q) {
        flush()
        question = q
        block = [line]
        continue
      }
      if (line.text === '') {
        continue
      }
      // A table ends where text runs across the page again: past a question read in full, an
      // untabbed line in a tabbed form is the description (PDFs print it without a heading).
      if (tabbedForm && !line.tabbed && question) {
        const leftSoFar = block
          .map((l) => l.left)
          .filter((t) => t !== '')
          .join(' ')
        const m = question.label.exec(leftSoFar)
        const labelDone = question.complete.test(leftSoFar) && m !== null && m[0].trim() === leftSoFar.trim()
        if (labelDone) {
          descriptionFrom = i
          break
        }
      }
      block.push(line)
    }
    flush()
    const prevStart = n > 0 ? (starts[n - 1] ?? -1) : -1
    const heading = headingOf(lines, start, prevStart)
    let descLines: FormLine[] = []
    if (descriptionFrom >= 0) {
      let d = descriptionFrom
      const h = lines[d]
      if (h && DESCRIPTION_HEADING.test(h.text)) {
        d++
        // "… projektet där" / "Malmö stad är projektägare": the heading wraps onto a second line
        if (/\bdär$/i.test(h.text)) {
          while (d < limit && isBlank(lines[d])) {
            d++
          }
          d++
        }
      }
      descLines = lines.slice(d, limit)
    }
    forms.push({
      first,
      answers,
      description: paragraphsOf(descLines),
      descriptionLines: descLines,
      heading,
    })
  })
  return forms
}
