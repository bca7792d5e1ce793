import type { ProjectRecordWithParticipations } from '../registry/project-record.service.js'

/** The catalogue's facets, in the order pages show them. */
export const FACETS = [
  'organisation',
  'unit',
  'theme',
  'family',
  'programme',
  'status',
  'role',
  'year',
  'country',
] as const
/** Filters by id that pages use but do not show as facets: a participant's or tenant's projects. */
export const HIDDEN_FACETS = ['participant', 'tenant'] as const
export type FacetKey = (typeof FACETS)[number] | (typeof HIDDEN_FACETS)[number]
/** Every facet a search may filter on. */
export const FILTER_FACETS: readonly FacetKey[] = [...FACETS, ...HIDDEN_FACETS]

/** The posting every public project has: its count is the catalogue's size, read in O(1). */
export const ALL_FACET = '_all'

/** Most years a period contributes postings for: a typo like "2015–2105" must not add 90 rows. */
const MAX_YEARS = 15

/** The year of a partial ISO date ("2015-09" → 2015), or null. */
export function yearOf(date: string | null): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null
  return m?.[1] ? Number(m[1]) : null
}

/** The years a period covers, bounded; one end alone counts as that year. */
export function periodYears(start: string | null, end: string | null): number[] {
  const from = yearOf(start) ?? yearOf(end)
  const to = yearOf(end) ?? from
  if (from === null || to === null || to < from) {
    return from === null ? [] : [from]
  }
  const years: number[] = []
  for (let y = from; y <= Math.min(to, from + MAX_YEARS - 1); y++) {
    years.push(y)
  }
  return years
}

/**
 * The facet values a project record is found under: every (facet, value) pair, deduplicated.
 * @param family the programme family of `record.programme`, when known
 */
export function facetValues(
  record: ProjectRecordWithParticipations,
  family: string | null,
  tenantId: number,
): Array<{ facet: FacetKey | typeof ALL_FACET; value: string }> {
  const out = new Map<string, { facet: FacetKey | typeof ALL_FACET; value: string }>()
  const add = (facet: FacetKey | typeof ALL_FACET, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') {
      out.set(`${facet}\u0000${value}`, { facet, value })
    }
  }
  add(ALL_FACET, '*')
  add('organisation', record.organisation)
  add('tenant', String(tenantId))
  add('unit', record.unit)
  add('theme', record.theme)
  add('programme', record.programme)
  add('family', family)
  add('status', record.status)
  add('role', record.role)
  for (const y of periodYears(record.start, record.end)) {
    add('year', String(y))
  }
  for (const p of record.participations) {
    add('country', p.country)
    add('participant', String(p.organisationId))
  }
  for (const p of record.partners) {
    add('country', p.country)
  }
  return [...out.values()]
}
