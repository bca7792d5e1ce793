import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'
import type { SourceDocument } from '../../../import/source-document.js'
import { type Money, ProjectRecord } from '../../../registry/project-record.js'

/**
 * The upload-review-accept round trip without server-side state: the extracted document (its lines,
 * for provenance) and records travel in one hidden JSON field, so any server process can accept.
 */
export const PendingImport = Type.Object({
  document: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    mediaType: Type.Union([
      Type.Literal('text/plain'),
      Type.Literal('text/html'),
      Type.Literal('application/pdf'),
      Type.Literal('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ]),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    bytes: Type.Integer({ minimum: 1 }),
    lines: Type.Array(
      Type.Object({
        text: Type.String(),
        line: Type.Integer({ minimum: 1 }),
        page: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
      }),
    ),
  }),
  records: Type.Array(ProjectRecord),
})
/** What the hidden field holds. */
export type PendingImport = Static<typeof PendingImport>

/** The record fields a coordinator can correct on the page, in form order. */
export const EDITABLE = [
  'name',
  'acronym',
  'start',
  'end',
  'programme',
  'role',
  'totalBudget',
  'euContribution',
  'paidInYear',
  'paidYear',
] as const
/** One editable field's form name suffix. */
export type EditableField = (typeof EDITABLE)[number]

/** Swedish labels of the editable fields. */
export const FIELD_LABELS: Readonly<Record<EditableField, string>> = {
  name: 'Namn',
  acronym: 'Akronym',
  start: 'Startdatum (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)',
  end: 'Slutdatum',
  programme: 'Program',
  role: 'Roll',
  totalBudget: 'Total budget',
  euContribution: 'EU-bidrag',
  paidInYear: 'Utbetalt under året',
  paidYear: 'År för utbetalningen',
}

/** A field's form name (`r3.name`) and element id (`r3-name`, the error summary links to it). */
export const fieldName = (i: number, f: EditableField | 'include'): string => `r${i}.${f}`
export const fieldId = (i: number, f: EditableField | 'include'): string => `r${i}-${f}`

/** One problem with a correction, linked from the error summary to its field. */
export interface FieldError {
  readonly id: string
  readonly message: string
}

/** The hidden field's value for a freshly extracted document. */
export function pendingOf(document: SourceDocument, records: readonly ProjectRecord[]): PendingImport {
  return {
    document: {
      name: document.name,
      mediaType: document.mediaType,
      sha256: document.sha256,
      bytes: document.bytes,
      lines: document.lines.map((l) => ({ text: l.text, line: l.line, page: l.page })),
    },
    records: [...records],
  }
}

/** Parses the hidden field; undefined when it is not what this page sent. */
export function readPending(text: string): PendingImport | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return Value.Check(PendingImport, value) ? value : undefined
}

/** The form values a record starts with (what the reader extracted). */
export function initialValues(r: ProjectRecord): Record<EditableField, string> {
  return {
    name: r.name,
    acronym: r.acronym ?? '',
    start: r.start ?? '',
    end: r.end ?? '',
    programme: r.programme ?? r.programmeRaw ?? '',
    role: r.role ?? '',
    totalBudget: r.totalBudget ? String(r.totalBudget.amount) : '',
    euContribution: r.euContribution ? String(r.euContribution.amount) : '',
    paidInYear: r.paidInYear ? String(r.paidInYear.amount) : '',
    paidYear: r.paidInYear ? String(r.paidInYear.year) : '',
  }
}

/** The values a form post holds for record `i` (missing fields as empty text). */
export function postedValues(
  body: Readonly<Record<string, unknown>>,
  i: number,
): Record<EditableField, string> {
  const out = {} as Record<EditableField, string>
  for (const f of EDITABLE) {
    const v = body[fieldName(i, f)]
    out[f] = typeof v === 'string' ? v : ''
  }
  return out
}

// Amounts as people type them: "1 234 567", "1234567,50", with a no-break space from a copy.
function parseAmount(text: string): number | null | 'bad' {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
  if (t === '') {
    return null
  }
  return /^-?[0-9]+(\.[0-9]+)?$/.test(t) ? Number(t) : 'bad'
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())

/**
 * Applies one record's corrections and checks the result against the ProjectRecord schema.
 * @returns the corrected record, or the problems, each naming the field it links to
 */
export function correctRecord(
  original: ProjectRecord,
  i: number,
  v: Readonly<Record<EditableField, string>>,
): { readonly record: ProjectRecord; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = []
  const money = (f: 'totalBudget' | 'euContribution' | 'paidInYear', old: Money | null): Money | null => {
    const amount = parseAmount(v[f])
    if (amount === 'bad') {
      errors.push({
        id: fieldId(i, f),
        message: `${FIELD_LABELS[f]}: skriv ett belopp med siffror, t.ex. 1 250 000`,
      })
      return old
    }
    return amount === null ? null : { amount, currency: old?.currency ?? 'EUR' }
  }
  const role = v.role === 'lead' || v.role === 'partner' ? v.role : null
  const paid = money('paidInYear', original.paidInYear)
  let paidInYear = original.paidInYear
  if (paid === null) {
    paidInYear = null
  } else if (/^[0-9]{4}$/.test(v.paidYear.trim())) {
    paidInYear = { ...paid, year: Number(v.paidYear.trim()) }
  } else {
    errors.push({
      id: fieldId(i, 'paidYear'),
      message: `${FIELD_LABELS.paidYear}: ange året med fyra siffror`,
    })
  }
  const programme = orNull(v.programme)
  const record: ProjectRecord = {
    ...original,
    name: v.name.trim(),
    acronym: orNull(v.acronym),
    start: orNull(v.start),
    end: orNull(v.end),
    // A changed programme is the coordinator's reading of the source; the raw text stays as written.
    programme:
      programme === (original.programme ?? original.programmeRaw ?? null) ? original.programme : programme,
    role,
    totalBudget: money('totalBudget', original.totalBudget),
    euContribution: money('euContribution', original.euContribution),
    paidInYear,
  }
  for (const e of Value.Errors(ProjectRecord, record)) {
    const field = e.instancePath.split('/')[1] ?? ''
    const editable = (EDITABLE as readonly string[]).includes(field) ? (field as EditableField) : undefined
    const id = editable ? fieldId(i, editable) : `r${i}`
    if (!errors.some((x) => x.id === id)) {
      errors.push({ id, message: `${editable ? FIELD_LABELS[editable] : field}: ${swedish(field)}` })
    }
  }
  return { record, errors }
}

function swedish(field: string): string {
  if (field === 'name') {
    return 'projektet måste ha ett namn'
  }
  if (field === 'start' || field === 'end') {
    return 'skriv datumet som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD'
  }
  return 'värdet har fel form'
}

/**
 * Which record each source line belongs to: a record's block runs from its `source.line` to the
 * line before the next record's start (records in line order).
 * @returns line number → record index
 */
export function lineOwners(records: readonly ProjectRecord[], lastLine: number): Map<number, number> {
  const starts = records.map((r, i) => ({ i, line: r.source.line })).sort((a, b) => a.line - b.line)
  const owners = new Map<number, number>()
  for (const [k, s] of starts.entries()) {
    const next = starts.slice(k + 1).find((n) => n.line > s.line)
    const end = next ? next.line - 1 : lastLine
    for (let n = s.line; n <= end; n++) {
      owners.set(n, s.i)
    }
  }
  return owners
}
