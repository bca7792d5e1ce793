import Type from 'typebox'
import { AuditAction, AuditEvent } from '../../registry/audit.js'
import { IdParams, RecordErrors } from './common.schema.js'
import { TenantQuery } from './projects.schema.js'

const Instant = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+Z?)?$',
  description: 'ISO 8601 date or instant',
})

/** GET /api/audit: the tenant's audit log, newest first, filtered. */
export const AuditQuery = Type.Object(
  {
    ...TenantQuery,
    entity: Type.Optional(
      Type.String({ maxLength: 60, description: 'project, participation, contact, user, …' }),
    ),
    entityId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    actor: Type.Optional(Type.String({ maxLength: 320 })),
    action: Type.Optional(AuditAction),
    since: Type.Optional(Instant),
    until: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
)

export const listAuditSchema = {
  tags: ['audit'],
  summary: "The tenant's audit log: who changed what, when, before and after (coordinator)",
  querystring: AuditQuery,
  response: { 200: Type.Object({ items: Type.Array(AuditEvent) }), ...RecordErrors },
} as const

export const projectHistorySchema = {
  hide: true,
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  response: { 200: Type.String({ description: 'HTML page' }) },
} as const
