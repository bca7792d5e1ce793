import { NotFoundError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type { DataIssue, DataIssueKind, DataIssueStatus, NewDataIssue } from './data-issue.js'
import {
  deleteDataIssuesFor,
  findDataIssue,
  findDataIssues,
  insertDataIssues,
  resolveDataIssueRow,
} from './data-issue.repository.js'
import type { DataIssueRow } from './data-issue.table.js'
import type { EntityKind } from './document.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from a data issue row to the domain. */
export function dataIssueRowToDataIssue(row: DataIssueRow): DataIssue {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    entity: row.entity as EntityKind,
    entityId: row.entity_id,
    kind: row.kind as DataIssueKind,
    message: row.message,
    field: row.field,
    status: row.status as DataIssueStatus,
    resolution: row.resolution,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  }
}

/** Raises data-quality issues (open) on records of the tenant. */
export async function raiseDataIssues(db: Db, scope: Scope, issues: readonly NewDataIssue[]): Promise<void> {
  const at = now()
  await insertDataIssues(
    db,
    issues.map((i) => ({
      tenant_id: scope.tenantId,
      entity: i.entity,
      entity_id: i.entityId,
      kind: i.kind,
      message: i.message,
      field: i.field ?? null,
      status: 'open',
      resolution: null,
      created_at: at,
      resolved_at: null,
    })),
  )
}

/** The tenant's data issues, optionally for one entity or of one status, oldest first. */
export async function listDataIssues(
  db: Db,
  scope: Scope,
  filter: { entity?: EntityKind; entityIds?: readonly number[]; status?: DataIssueStatus } = {},
): Promise<DataIssue[]> {
  return listDataIssuesOfTenants(db, [scope.tenantId], filter)
}

/**
 * Data issues of several tenants at once (the public catalogue's pages span many), filtered like
 * listDataIssues, oldest first. Only issues of the given tenants are read; issues point at entities
 * without a foreign key, so match each to its entity by `tenantId` AND `entityId`.
 */
export async function listDataIssuesOfTenants(
  db: Db,
  tenantIds: readonly number[],
  filter: { entity?: EntityKind; entityIds?: readonly number[]; status?: DataIssueStatus } = {},
): Promise<DataIssue[]> {
  return (await findDataIssues(db, tenantIds, filter)).map(dataIssueRowToDataIssue)
}

/**
 * One data issue of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getDataIssue(db: Db, scope: Scope, id: number): Promise<DataIssue> {
  const row = await findDataIssue(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No data issue with id ${id}`)
  }
  return dataIssueRowToDataIssue(row)
}

/**
 * Marks an issue resolved, saying how.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function resolveDataIssue(
  db: Db,
  scope: Scope,
  id: number,
  resolution: string,
): Promise<DataIssue> {
  return inTransaction(db, async (trx) => {
    const before = await getDataIssue(trx, scope, id)
    await resolveDataIssueRow(trx, scope.tenantId, id, resolution, now())
    const after = await getDataIssue(trx, scope, id)
    await recordAudit(trx, scope, 'data_issue', id, 'update', before, after)
    return after
  })
}

/** Forgets the issues of deleted entities (issues point at entities by kind and id, without a foreign key). */
export async function forgetDataIssues(
  db: Db,
  scope: Scope,
  entity: EntityKind,
  entityIds: readonly number[],
): Promise<void> {
  await deleteDataIssuesFor(db, scope.tenantId, entity, entityIds)
}
