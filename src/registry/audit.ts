import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from './schema-helpers.js'

export const AuditAction = Type.Enum(['create', 'update', 'delete', 'erase', 'import'])
export type AuditAction = Static<typeof AuditAction>

/** Who changed what, when: the state before and after (null for create / delete). */
export const AuditEvent = Type.Object({
  id: Id,
  /** null for shared data (organisations, programmes) changed outside a tenant */
  tenantId: Nullable(Id),
  actor: Type.String(),
  at: Timestamp,
  /** table-like entity name: "project", "participation", "contact", … */
  entity: Type.String(),
  entityId: Id,
  action: AuditAction,
  before: Type.Unknown(),
  after: Type.Unknown(),
})
export type AuditEvent = Static<typeof AuditEvent>
