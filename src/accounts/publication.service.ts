import { recordAudit } from '../registry/audit.service.js'
import { now } from '../registry/schema-helpers.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { NotFoundError } from '../shared/errors.js'
import { findPublishedAt, setPublishedAt } from './publication.repository.js'

/** A project's publication state. */
export interface Publication {
  readonly projectId: number
  /** null: a draft, seen only by the tenant's own users */
  readonly publishedAt: string | null
}

/**
 * Publishes a project (or, with `published: false`, takes it back to draft). Only published
 * projects reach the public catalogue, its API and open data; the change is audited.
 * Publishing an already published project keeps its first publication instant.
 * @throws {NotFoundError} when the tenant has no such project
 */
export async function setPublished(
  db: Db,
  scope: Scope,
  projectId: number,
  published: boolean,
): Promise<Publication> {
  return inTransaction(db, async (trx) => {
    const before = await findPublishedAt(trx, scope.tenantId, projectId)
    if (before === undefined) {
      throw new NotFoundError(`No project ${projectId}`)
    }
    const after = published ? (before ?? now()) : null
    if (after !== before) {
      await setPublishedAt(trx, scope.tenantId, projectId, after)
      await recordAudit(
        trx,
        scope,
        'project',
        projectId,
        'update',
        { publishedAt: before },
        { publishedAt: after },
      )
    }
    return { projectId, publishedAt: after }
  })
}

/**
 * A project's publication state.
 * @throws {NotFoundError} when the tenant has no such project
 */
export async function getPublication(db: Db, scope: Scope, projectId: number): Promise<Publication> {
  const publishedAt = await findPublishedAt(db, scope.tenantId, projectId)
  if (publishedAt === undefined) {
    throw new NotFoundError(`No project ${projectId}`)
  }
  return { projectId, publishedAt }
}
