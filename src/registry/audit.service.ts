import type { AuditAction, AuditEvent } from './audit.js'
import {
  type AuditFilter,
  deleteAuditEventsFor,
  findAuditEvents,
  insertAuditEvent,
} from './audit.repository.js'
import type { AuditEventRow } from './audit.table.js'
import { now } from './schema-helpers.js'
import type { Db } from './tx.js'

/** The one mapper from an audit row to the domain. */
export function auditEventRowToAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    actor: row.actor,
    at: row.at,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action as AuditAction,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  }
}

/**
 * Records one change. Called by services inside the transaction of the change itself, so a change
 * and its audit event are stored together or not at all.
 */
export async function recordAudit(
  db: Db,
  who: { readonly tenantId: number | null; readonly actor: string },
  entity: string,
  entityId: number,
  action: AuditAction,
  before: unknown,
  after: unknown,
): Promise<void> {
  await insertAuditEvent(db, {
    tenant_id: who.tenantId,
    actor: who.actor,
    at: now(),
    entity,
    entity_id: entityId,
    action,
    before_json: before === null || before === undefined ? null : JSON.stringify(before),
    after_json: after === null || after === undefined ? null : JSON.stringify(after),
  })
}

/**
 * A tenant's audit events, newest first.
 * @param filter narrow by entity kind and id, actor, action and time; `limit` defaults to 1000
 */
export async function listAuditEvents(
  db: Db,
  scope: { readonly tenantId: number },
  filter: AuditFilter = {},
): Promise<AuditEvent[]> {
  const rows = await findAuditEvents(db, scope.tenantId, filter)
  return rows.map(auditEventRowToAuditEvent)
}

/** Forgets the audit trail of one entity (used by erasure only). */
export async function forgetAuditTrail(
  db: Db,
  tenantId: number,
  entity: string,
  entityId: number,
): Promise<void> {
  await deleteAuditEventsFor(db, tenantId, entity, entityId)
}
