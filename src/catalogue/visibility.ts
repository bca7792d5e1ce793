import type { ProjectRecordWithParticipations } from '../registry/project-record.service.js'

/**
 * THE rule for what the public catalogue shows: a project enters the public search index (and so
 * the catalogue, its API and open-data exports) only when this says so. Today every project is
 * public; the accounts/publishing work puts its published/draft rule here, in this one place, and
 * the index follows on the project's next write (a change to the rule itself needs
 * `rebuildCatalogue`).
 */
export function isPublic(_record: ProjectRecordWithParticipations): boolean {
  return true
}
