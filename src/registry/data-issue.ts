import Type, { type Static } from 'typebox'
import { EntityKind } from './document.js'
import { Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** What sort of data-quality problem it is. */
export const DataIssueKind = Type.Enum([
  'source',
  'date',
  'amount',
  'budget',
  'programme',
  'duplicate',
  'missing',
  'other',
])
export type DataIssueKind = Static<typeof DataIssueKind>

export const DataIssueStatus = Type.Union([Type.Literal('open'), Type.Literal('resolved')])
export type DataIssueStatus = Static<typeof DataIssueStatus>

/** A data-quality problem on a record: found by the importer or raised by a person. */
export const DataIssue = Type.Object({
  id: Id,
  tenantId: Id,
  entity: EntityKind,
  entityId: Id,
  kind: DataIssueKind,
  message: NonEmpty,
  field: Nullable(Type.String()),
  status: DataIssueStatus,
  resolution: Nullable(Type.String()),
  createdAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
})
export type DataIssue = Static<typeof DataIssue>

export const NewDataIssue = Type.Object({
  entity: EntityKind,
  entityId: Id,
  kind: DataIssueKind,
  message: NonEmpty,
  field: Type.Optional(Nullable(Type.String())),
})
export type NewDataIssue = Static<typeof NewDataIssue>
