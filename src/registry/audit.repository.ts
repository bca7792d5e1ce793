import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { AuditEventRow, AuditEventTable } from './audit.table.js'

type NewAuditEventRow = Omit<AuditEventTable, 'id'>

/** Appends one audit event. */
export async function insertAuditEvent(db: Kysely<Database>, row: NewAuditEventRow): Promise<void> {
  await db.insertInto('audit_event').values(row).execute()
}

/** Audit events of a tenant, newest first, optionally for one entity. */
export async function findAuditEvents(
  db: Kysely<Database>,
  tenantId: number,
  filter: { entity?: string; entityId?: number; limit?: number },
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId)
  if (filter.entity !== undefined) {
    q = q.where('entity', '=', filter.entity)
  }
  if (filter.entityId !== undefined) {
    q = q.where('entity_id', '=', filter.entityId)
  }
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 1000)
    .execute()
}

/**
 * Audit events of a tenant whose payloads MAY contain `text`: a superset the caller narrows in code,
 * because LIKE differs between the engines (case, escape character) and JSON escapes some characters.
 */
export async function findAuditEventsContaining(
  db: Kysely<Database>,
  tenantId: number,
  text: string,
): Promise<AuditEventRow[]> {
  const pattern = `%${text.replace(/[\\"]/g, '_')}%`
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([eb('before_json', 'like', eb.val(pattern)), eb('after_json', 'like', eb.val(pattern))]),
    )
    .orderBy('id')
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
