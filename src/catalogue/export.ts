import type { Writable } from 'node:stream'
import type { ProjectRecordWithParticipations } from '../registry/project-record.service.js'
import { matchIdsAfter } from './catalogue.repository.js'
import type { CatalogueQuery } from './search.js'
import { type CatalogueDeps, catalogueUpToDate, loadRecords, searchFilters } from './search.service.js'
import { queryGroups } from './text.js'

/** Records loaded per round trip while exporting: memory stays flat whatever the export's size. */
const EXPORT_PAGE = 200

/**
 * Every public project matching a search (words and filters; sort and paging ignored), as project
 * records in id order. Never capped: it walks the matches with a cursor, a page at a time.
 */
export async function* exportRecords(
  deps: CatalogueDeps,
  query: CatalogueQuery,
): AsyncGenerator<ProjectRecordWithParticipations> {
  await catalogueUpToDate(deps)
  const groups = queryGroups(query.q ?? '')
  const filters = searchFilters(query)
  const publicOnly = query.audience === undefined
  let after = 0
  for (;;) {
    const ids = await matchIdsAfter(
      deps.db,
      deps.dialect,
      { groups, filters, publicOnly },
      after,
      EXPORT_PAGE,
    )
    if (ids.length === 0) {
      return
    }
    yield* await loadRecords(deps, ids, query.audience)
    after = ids[ids.length - 1] ?? after
  }
}

/** Column headings of the projects table (CSV and the XLSX "Projects" sheet), keep.eu's order. */
export const PROJECT_COLUMNS = [
  'Project ID',
  'Project name',
  'Acronym',
  'Programme',
  'Programme (as written)',
  'Start date',
  'End date',
  'Status',
  'Total budget',
  'Total budget currency',
  'EU co-financing',
  'EU co-financing currency',
  'Lead partner',
  'Partners',
  'Partner countries',
  'Reporting organisation',
  'Unit',
  'Theme',
  'Role',
  'Website',
  'Summary',
  'Source document',
  'Source page',
] as const

/** One project as a row of PROJECT_COLUMNS. */
export function projectRow(r: ProjectRecordWithParticipations): Array<string | number | null> {
  const countries = [...new Set(r.partners.map((p) => p.country).filter((c): c is string => Boolean(c)))]
  return [
    r.id,
    r.name,
    r.acronym,
    r.programme,
    r.programmeRaw,
    r.start,
    r.end,
    r.status,
    r.totalBudget?.amount ?? null,
    r.totalBudget?.currency ?? null,
    r.euContribution?.amount ?? null,
    r.euContribution?.currency ?? null,
    r.leadPartner,
    r.partners.map((p) => p.name).join('; '),
    countries.join('; '),
    r.organisation,
    r.unit,
    r.theme,
    r.role,
    r.website,
    r.summary,
    r.source.document,
    r.source.page,
  ]
}

/** Column headings of the partners sheet: one row per project participant, as keep.eu lists partners. */
export const PARTNER_COLUMNS = [
  'Project ID',
  'Project acronym',
  'Project name',
  'Partner name',
  'Partner country',
  'Role',
  'Partner budget',
  'Partner budget currency',
  'EU co-financing',
  'EU co-financing currency',
] as const

/** The partner rows of a project. */
export function partnerRows(r: ProjectRecordWithParticipations): Array<Array<string | number | null>> {
  return r.participations.map((p) => [
    r.id,
    r.acronym,
    r.name,
    p.organisation,
    p.country,
    p.role === 'lead' ? 'Lead partner' : p.role === 'partner' ? 'Partner' : null,
    p.budget?.amount ?? null,
    p.budget?.currency ?? null,
    p.euCofinancing?.amount ?? null,
    p.euCofinancing?.currency ?? null,
  ])
}

/** RFC 4180 field: quoted when it holds a separator, quote or line break. */
function csvField(v: string | number | null): string {
  if (v === null) {
    return ''
  }
  const s = String(v)
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** One CSV line (CRLF, as RFC 4180 and Excel expect). */
export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return `${values.map(csvField).join(',')}\r\n`
}

/**
 * Streams the records as CSV: UTF-8 with a byte-order mark, so Excel reads å, ä and ö right.
 * @yields chunks of text; the caller pipes them to the response
 */
export async function* csvChunks(
  records: AsyncIterable<ProjectRecordWithParticipations>,
): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(PROJECT_COLUMNS)}`
  for await (const r of records) {
    yield csvLine(projectRow(r))
  }
}

/** Streams the records as a JSON array of project records (../shared/spec/project-record.md). */
export async function* jsonChunks(
  records: AsyncIterable<ProjectRecordWithParticipations>,
): AsyncGenerator<string> {
  let first = true
  yield '['
  for await (const r of records) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(r)}`
    first = false
  }
  yield '\n]\n'
}

/**
 * Writes the records as one XLSX workbook with a "Projects" and a "Partners" sheet, streamed with
 * exceljs's WorkbookWriter (rows are committed as they come, never held in memory). The partners
 * are kept in a temporary list per page only: the sheets are written one after the other.
 */
export async function writeXlsx(
  records: () => AsyncIterable<ProjectRecordWithParticipations>,
  out: Writable,
): Promise<void> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  wb.creator = 'Projektatlas'
  const projects = wb.addWorksheet('Projects')
  projects.addRow([...PROJECT_COLUMNS]).font = { bold: true }
  projects.getRow(1).commit()
  for await (const r of records()) {
    projects.addRow(projectRow(r)).commit()
  }
  projects.commit()
  // A second pass for the partners sheet keeps memory flat (a sheet must be finished before the next).
  const partners = wb.addWorksheet('Partners')
  partners.addRow([...PARTNER_COLUMNS]).font = { bold: true }
  partners.getRow(1).commit()
  for await (const r of records()) {
    for (const row of partnerRows(r)) {
      partners.addRow(row).commit()
    }
  }
  partners.commit()
  await wb.commit()
}
