import { listAuditEvents } from '../registry/audit.service.js'
import type { EntityKind } from '../registry/document.js'
import { getProvenance } from '../registry/document.service.js'
import type { Scope } from '../registry/scope.js'
import type { Db } from '../registry/tx.js'

/** One field's change: who (a person, or a document import) changed it, when, from what to what. */
export interface FieldChange {
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly field: string
  readonly from: unknown
  readonly to: unknown
  /** documents that state this field's value (their imports set or confirmed it) */
  readonly documents: readonly string[]
}

const IGNORED = new Set(['updatedAt', 'createdAt', 'id', 'tenantId'])

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

/**
 * Field-level history of one record, newest first, built from the audit log (every change stores
 * the record before and after) and the provenance of each field (which documents gave it).
 */
export async function fieldHistory(
  db: Db,
  scope: Scope,
  entity: EntityKind,
  entityId: number,
): Promise<FieldChange[]> {
  const events = await listAuditEvents(db, scope, { entity, entityId })
  const provenance = await getProvenance(db, scope, entity, entityId)
  const documentsOf = (field: string) => [
    ...new Set(provenance.filter((p) => p.field === field || p.field === null).map((p) => p.documentName)),
  ]
  const out: FieldChange[] = []
  for (const e of events) {
    const before = asObject(e.before)
    const after = asObject(e.after)
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (IGNORED.has(field)) {
        continue
      }
      const from = before[field] ?? null
      const to = after[field] ?? null
      if (JSON.stringify(from) === JSON.stringify(to)) {
        continue
      }
      if (e.action === 'create' && (to === null || (Array.isArray(to) && to.length === 0))) {
        continue
      }
      out.push({ at: e.at, actor: e.actor, action: e.action, field, from, to, documents: documentsOf(field) })
    }
  }
  return out
}
