import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { AuditEventRow, AuditEventTable } from './audit.table.js'

type NewAuditEventRow = Omit<AuditEventTable, 'id'>

/** Appends one audit event. */
export async function insertAuditEvent(db: Kysely<Database>, row: NewAuditEventRow): Promise<void> {
  await db.insertInto('audit_event').values(row).execute()
}

/** Narrows a listing of audit events; every field optional. `since`/`until` are ISO instants (until exclusive). */
export interface AuditFilter {
  entity?: string
  entityId?: number
  actor?: string
  action?: string
  since?: string
  until?: string
  limit?: number
}

/** Audit events of a tenant, newest first, filtered. */
export async function findAuditEvents(
  db: Kysely<Database>,
  tenantId: number,
  filter: AuditFilter,
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId)
  if (filter.entity !== undefined) {
    q = q.where('entity', '=', filter.entity)
  }
  if (filter.entityId !== undefined) {
    q = q.where('entity_id', '=', filter.entityId)
  }
  if (filter.actor !== undefined) {
    q = q.where('actor', '=', filter.actor)
  }
  if (filter.action !== undefined) {
    q = q.where('action', '=', filter.action)
  }
  if (filter.since !== undefined) {
    q = q.where('at', '>=', filter.since)
  }
  if (filter.until !== undefined) {
    q = q.where('at', '<', filter.until)
  }
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 1000)
    .execute()
}

/** One page of a tenant's audit events in id order, after `afterId` (for scans in code). */
export async function findAuditEventsPage(
  db: Kysely<Database>,
  tenantId: number,
  afterId: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Rewrites an audit event's payloads (erasure only: the audit log is otherwise append-only). */
export async function updateAuditPayloads(
  db: Kysely<Database>,
  id: number,
  beforeJson: string | null,
  afterJson: string | null,
): Promise<void> {
  await db
    .updateTable('audit_event')
    .set({ before_json: beforeJson, after_json: afterJson })
    .where('id', '=', id)
    .execute()
}

/** Deletes the audit events about one entity (erasure of a contact leaves no copy). */
export async function deleteAuditEventsFor(
  db: Kysely<Database>,
  tenantId: number,
  entity: string,
  entityId: number,
): Promise<void> {
  await db
    .deleteFrom('audit_event')
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute()
}
