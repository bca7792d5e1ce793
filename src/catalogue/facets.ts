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

/** What the index reads about one project (loaded set-wise for a batch of projects). */
export interface IndexSource {
  readonly id: number
  readonly tenantId: number
  /** the reporting organisation (the tenant) */
  readonly tenantName: string
  readonly name: string
  readonly acronym: string | null
  readonly summary: string | null
  readonly programme: string | null
  readonly programmeRaw: string | null
  readonly family: string | null
  readonly status: string | null
  readonly start: string | null
  readonly end: string | null
  readonly updatedAt: string
  readonly publishedAt: string | null
  readonly participants: ReadonlyArray<{
    readonly organisationId: number
    readonly name: string
    readonly country: string | null
    readonly role: string | null
    readonly theme: string | null
    readonly unit: string | null
  }>
}

/** One facet value of a project. */
export interface FacetPair {
  readonly facet: string
  readonly value: string
}

/** The facet values a project is found under: every (facet, value) pair, deduplicated. */
export function facetValues(p: IndexSource): FacetPair[] {
  const out = new Map<string, FacetPair>()
  const add = (facet: FacetKey, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') {
      out.set(`${facet}\u0000${value}`, { facet, value })
    }
  }
  // The tenant's own participation gives the record's unit, theme and role (as project records do).
  const own = p.participants.find((x) => x.organisationId === p.tenantId)
  add('organisation', p.tenantName)
  add('tenant', String(p.tenantId))
  add('unit', own?.unit)
  add('theme', own?.theme)
  add('programme', p.programme)
  add('family', p.family)
  add('status', p.status === 'ongoing' || p.status === 'completed' ? p.status : null)
  add('role', own?.role)
  for (const y of periodYears(p.start, p.end)) {
    add('year', String(y))
  }
  for (const x of p.participants) {
    add('country', x.country)
    add('participant', String(x.organisationId))
  }
  return [...out.values()]
}
