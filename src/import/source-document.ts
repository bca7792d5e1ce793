/** The media types the importer reads. */
export type MediaType =
  | 'text/plain'
  | 'text/html'
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** One line of a document's text as the readers see it. */
export interface SourceLine {
  /** the line's text, without its line break */
  readonly text: string
  /** 1-based line number in the document's text (for a text file, its own line numbers) */
  readonly line: number
  /** 1-based PDF page, null for formats without pages */
  readonly page: number | null
}

/**
 * A document turned into lines of text: the output of the extract stage (file in, text out) and
 * the input of the pure parse stage (text in, records out).
 */
export interface SourceDocument {
  /** the file's base name, as records cite it in `source.document` */
  readonly name: string
  readonly mediaType: MediaType
  readonly sha256: string
  readonly bytes: number
  readonly lines: readonly SourceLine[]
}
