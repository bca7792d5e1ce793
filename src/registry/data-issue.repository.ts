import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { DataIssueRow } from './data-issue.table.js'

export async function insertDataIssues(
  db: Kysely<Database>,
  rows: readonly Omit<DataIssueRow, 'id'>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('data_issue')
      .values(rows.slice(i, i + 50))
      .execute()
  }
}

export async function findDataIssue(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<DataIssueRow | undefined> {
  return db
    .selectFrom('data_issue')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Data issues of any of these tenants (callers match each to its tenant: issues point at entities
 * without a foreign key), filtered, oldest first.
 */
export async function findDataIssues(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  filter: { entity?: string; entityIds?: readonly number[]; status?: string },
): Promise<DataIssueRow[]> {
  if (tenantIds.length === 0) {
    return []
  }
  let q = db.selectFrom('data_issue').selectAll().where('tenant_id', 'in', tenantIds)
  if (filter.entity !== undefined) {
    q = q.where('entity', '=', filter.entity)
  }
  if (filter.entityIds !== undefined) {
    if (filter.entityIds.length === 0) {
      return []
    }
    q = q.where('entity_id', 'in', filter.entityIds)
  }
  if (filter.status !== undefined) {
    q = q.where('status', '=', filter.status)
  }
  return q.orderBy('id').execute()
}

export async function resolveDataIssueRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  resolution: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('data_issue')
    .set({ status: 'resolved', resolution, resolved_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function deleteDataIssuesFor(
  db: Kysely<Database>,
  tenantId: number,
  entity: string,
  entityIds: readonly number[],
): Promise<void> {
  if (entityIds.length === 0) {
    return
  }
  await db
    .deleteFrom('data_issue')
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', entity)
    .where('entity_id', 'in', entityIds)
    .execute()
}

/** One page of a tenant's data issues in id order, after `afterId` (for scans in code). */
export async function findDataIssuesPage(
  db: Kysely<Database>,
  tenantId: number,
  afterId: number,
  limit: number,
): Promise<DataIssueRow[]> {
  return db
    .selectFrom('data_issue')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Rewrites an issue's texts (erasure only). */
export async function updateDataIssueTexts(
  db: Kysely<Database>,
  id: number,
  message: string,
  resolution: string | null,
): Promise<void> {
  await db.updateTable('data_issue').set({ message, resolution }).where('id', '=', id).execute()
}
