import type { IndexSource } from './facets.js'

/**
 * THE rule for what the public catalogue shows: a project enters the public search index (and so
 * the catalogue, its API and open-data exports) only when this says so: when a coordinator has
 * published it (src/accounts/publication.service.ts). Drafts stay with their tenant's users. The
 * index follows on the project's next write (publishing is one; a change to the rule itself needs
 * `rebuildCatalogue`).
 * @param publishedAt the project's publication instant, null for a draft
 */
export function isPublic(_project: IndexSource, publishedAt: string | null): boolean {
  return publishedAt !== null
}
