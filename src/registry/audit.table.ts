import type { Generated, Selectable } from 'kysely'

/** audit_event: before/after as JSON text (portable; erasure rewrites them in place). */
export interface AuditEventTable {
  id: Generated<number>
  tenant_id: number | null
  actor: string
  at: string
  entity: string
  entity_id: number
  action: string
  before_json: string | null
  after_json: string | null
}
export type AuditEventRow = Selectable<AuditEventTable>
