import type { SearchSort } from './catalogue.repository.js'
import type { FacetKey } from './facets.js'

export type { SearchSort }

/** A catalogue search as the catalogue page and GET /api/projects both ask it. */
export interface CatalogueQuery {
  /** free text; empty or absent lists everything */
  readonly q?: string
  /** facet filters: OR within a facet, AND across facets */
  readonly filters?: Partial<Record<FacetKey, readonly string[]>>
  /** default: relevance with words, name without */
  readonly sort?: SearchSort
  /** 1-based; default 1 */
  readonly page?: number
  /** default 20, at most MAX_PAGE_SIZE */
  readonly pageSize?: number
  /**
   * whose view: absent for the public (published projects only); a tenant's own users see all of
   * that tenant's projects, drafts included (and only that tenant's)
   */
  readonly audience?: { readonly tenantId: number }
  /** rows to skip instead of `page` (the API's offset paging); kept within the match bound */
  readonly offset?: number
}

/** One facet value with its count. */
export interface FacetCount {
  readonly value: string
  readonly count: number
}

/** A page of results. */
export interface CatalogueResult {
  readonly ids: readonly number[]
  readonly total: number
  /** false when more projects matched than the search ranks and counts (see docs/search.md) */
  readonly totalExact: boolean
  readonly page: number
  readonly pageSize: number
  readonly pages: number
  readonly sort: SearchSort
  readonly facets: Readonly<Record<FacetKey, readonly FacetCount[]>>
}
