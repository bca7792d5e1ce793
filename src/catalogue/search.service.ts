import type { Dialect } from '../config/config.js'
import {
  getProjectDetailsOfTenants,
  type ProjectDetail,
  type ProjectRecordWithParticipations,
  toProjectRecord,
} from '../registry/project-record.service.js'
import type { Db } from '../registry/tx.js'
import { NotFoundError } from '../shared/errors.js'
import { indexedTenants, search } from './catalogue.repository.js'
import { refreshCatalogue } from './catalogue-index.service.js'
import { FACETS, type FacetKey, FILTER_FACETS } from './facets.js'
import type { CatalogueQuery, CatalogueResult, FacetCount } from './search.js'
import { queryGroups } from './text.js'

/** What the catalogue's services need. */
export interface CatalogueDeps {
  readonly db: Db
  readonly dialect: Dialect
  /**
   * true when `db` is a read replica (docs/deployment.md): reads never write there, so they skip
   * bringing the index up to date and trust the primary's servers to do it (within the lag).
   */
  readonly replica?: boolean
}

/** Brings the index up to date before a read, except on a replica (which cannot be written). */
export async function catalogueUpToDate(deps: CatalogueDeps): Promise<void> {
  if (!deps.replica) {
    await refreshCatalogue(deps.db, deps.dialect)
  }
}

/**
 * Largest match set a search ranks, counts and pages through: beyond it `totalExact` is false and
 * facet counts are taken over the newest MATCH_BOUND matches (docs/search.md: why, and the numbers).
 */
export const MATCH_BOUND = 2_000
/** Most results on one page. */
export const MAX_PAGE_SIZE = 500
/** Facet values returned per facet (years and countries are few; organisations may be many). */
const MAX_FACET_VALUES = 60

/**
 * Searches the public catalogue: the one service behind the catalogue page, GET /api/projects and
 * the exports of a search. Brings the index up to date first, so every committed write is seen.
 */
export async function searchCatalogue(deps: CatalogueDeps, query: CatalogueQuery): Promise<CatalogueResult> {
  await catalogueUpToDate(deps)
  const groups = queryGroups(query.q ?? '')
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), MAX_PAGE_SIZE)
  const maxPage = Math.max(1, Math.ceil(MATCH_BOUND / pageSize))
  const page = Math.min(Math.max(query.page ?? 1, 1), maxPage)
  const offset = query.offset ?? (page - 1) * pageSize
  const sort = query.sort ?? (groups.length > 0 ? 'relevance' : 'name')
  const filters = searchFilters(query)
  const hits = await search(deps.db, deps.dialect, {
    groups,
    filters,
    publicOnly: query.audience === undefined,
    sort,
    limit: pageSize,
    offset,
    bound: MATCH_BOUND,
  })
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<
    FacetKey,
    FacetCount[]
  >
  for (const f of hits.facets) {
    const list = facets[f.facet as FacetKey]
    if (list) {
      list.push({ value: f.value, count: f.n })
    }
  }
  for (const key of FACETS) {
    facets[key] = facets[key]
      .sort((a, b) =>
        key === 'year'
          ? b.value.localeCompare(a.value)
          : b.count - a.count || a.value.localeCompare(b.value, 'sv'),
      )
      .slice(0, MAX_FACET_VALUES)
  }
  return {
    ids: hits.ids,
    total: hits.total,
    totalExact: hits.exact,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(Math.min(hits.total, MATCH_BOUND) / pageSize)),
    sort,
    facets,
  }
}

/**
 * The filters of a query as the repository takes them; a tenant's view adds its tenant, so it never
 * sees another tenant's drafts.
 */
export function searchFilters(query: CatalogueQuery): Array<{ facet: FacetKey; values: string[] }> {
  const filters = FILTER_FACETS.flatMap((facet) => {
    const values = [...new Set(query.filters?.[facet] ?? [])].filter((v) => v.length > 0)
    return values.length > 0 ? [{ facet, values }] : []
  })
  if (query.audience) {
    return [
      ...filters.filter((f) => f.facet !== 'tenant'),
      { facet: 'tenant', values: [String(query.audience.tenantId)] },
    ]
  }
  return filters
}

/** Full details of public projects, in the order of `ids` (ids that are not public are left out). */
export async function loadPublicDetails(
  deps: CatalogueDeps,
  ids: readonly number[],
): Promise<ProjectDetail[]> {
  return loadDetails(deps, ids, undefined)
}

/** Full details of the projects a search of `audience` found (all its own for a tenant, else public ones). */
export async function loadDetails(
  deps: CatalogueDeps,
  ids: readonly number[],
  audience: CatalogueQuery['audience'],
): Promise<ProjectDetail[]> {
  const tenants = await indexedTenants(deps.db, ids, audience === undefined)
  // One set-wise load for all tenants (a page of 20 may span 20), then the caller's order.
  const byTenant = new Map<number, number[]>()
  for (const id of ids) {
    const tenant = tenants.get(id)
    if (tenant !== undefined && (audience === undefined || audience.tenantId === tenant)) {
      const own = byTenant.get(tenant)
      if (own) {
        own.push(id)
      } else {
        byTenant.set(tenant, [id])
      }
    }
  }
  const found = new Map<number, ProjectDetail>()
  for (const d of await getProjectDetailsOfTenants(deps.db, byTenant)) {
    found.set(d.project.id, d)
  }
  return ids.map((id) => found.get(id)).filter((d): d is ProjectDetail => d !== undefined)
}

/** Projects a search of `audience` found, as project records in the order of `ids`. */
export async function loadRecords(
  deps: CatalogueDeps,
  ids: readonly number[],
  audience: CatalogueQuery['audience'],
): Promise<ProjectRecordWithParticipations[]> {
  return (await loadDetails(deps, ids, audience)).map(toProjectRecord)
}

/** Public projects as project records, in the order of `ids`. */
export async function loadPublicRecords(
  deps: CatalogueDeps,
  ids: readonly number[],
): Promise<ProjectRecordWithParticipations[]> {
  return (await loadPublicDetails(deps, ids)).map(toProjectRecord)
}

/**
 * One public project with everything its page shows: the ONLY way public pages read a project, so
 * the publishing rule (visibility.ts, applied when indexing) holds for them too.
 * @throws {NotFoundError} when no public project has this id
 */
export async function getPublicProject(deps: CatalogueDeps, id: number): Promise<ProjectDetail> {
  await catalogueUpToDate(deps)
  const [detail] = await loadPublicDetails(deps, [id])
  if (!detail) {
    throw new NotFoundError(`No public project with id ${id}`)
  }
  return detail
}
