import type { SourceDocument, SourceLine } from '../../source-document.js'

/**
 * One line of a document as the annual-report reader sees it. The extractors write a table row
 * of two cells as `label\tanswer` (see extract/pdf.ts and extract/docx.ts), so a form printed as
 * label | answer keeps its pairs; plain text has no tabs and the reader splits label from answer
 * by the label's own words.
 */
export interface FormLine {
  /** the whole line, white space squashed (cells joined by one space) */
  readonly text: string
  /** true when the line came from a two-column table row */
  readonly tabbed: boolean
  /** the left cell of a table row (the form's question); the whole text for an untabbed line */
  readonly left: string
  /** the right cell of a table row (the answer); '' for an untabbed line */
  readonly right: string
  /** true for the first line of a new page (a PDF page, or a plain-text line the extraction indented) */
  readonly newPage: boolean
  readonly source: SourceLine
}

/**
 * Collapses white space and trims. JavaScript's `\s` already covers the hard and thin spaces
 * (U+00A0, U+2007, U+2009, U+202F) that PDFs put inside amounts.
 */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * A running page footer or header such as "Redovisning av internationellt arbete 2025 86(119)":
 * short, and ending in a page number "n(m)" or "n / m". Such lines cut through forms in PDF text.
 */
export function isPageFurniture(text: string): boolean {
  if (text.length > 90) {
    return false
  }
  return (
    /\b\d{1,4}\s?\(\d{1,4}\)$/.test(text) || /^(sida|page)\s+\d{1,4}(\s*(av|of|\/)\s*\d{1,4})?$/i.test(text)
  )
}

// Family recognition and the reader both walk the same document's form lines: build them once.
const formLinesOf = new WeakMap<SourceDocument, readonly FormLine[]>()

/** Turns the document's lines into {@link FormLine}s, dropping page furniture (built once per document). */
export function toFormLines(doc: SourceDocument): readonly FormLine[] {
  let lines = formLinesOf.get(doc)
  if (!lines) {
    lines = buildFormLines(doc)
    formLinesOf.set(doc, lines)
  }
  return lines
}

function buildFormLines(doc: SourceDocument): FormLine[] {
  const out: FormLine[] = []
  let page: number | null = null
  for (const source of doc.lines) {
    const raw = source.text
    // Text extracted from a PDF page by page marks each new page's first line with a space.
    const newPage = (source.page !== null && source.page !== page) || /^[ \f]\S/.test(raw)
    page = source.page
    const tab = raw.indexOf('\t')
    const whole = squash(raw)
    if (isPageFurniture(whole)) {
      continue
    }
    if (tab >= 0) {
      const left = squash(raw.slice(0, tab))
      const right = squash(raw.slice(tab + 1).replace(/\t/g, ' '))
      out.push({ text: squash(`${left} ${right}`), tabbed: true, left, right, newPage, source })
      continue
    }
    out.push({ text: whole, tabbed: false, left: whole, right: '', newPage, source })
  }
  return out
}
