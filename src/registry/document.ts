import Type, { type Static } from 'typebox'
import { Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** An imported source document. The same bytes (sha-256) are stored once per tenant. */
export const StoredDocument = Type.Object({
  id: Id,
  tenantId: Id,
  name: NonEmpty,
  mediaType: NonEmpty,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  bytes: Type.Integer({ minimum: 0 }),
  importedAt: Timestamp,
  importedBy: Type.String(),
})
export type StoredDocument = Static<typeof StoredDocument>

export const NewStoredDocument = Type.Object({
  name: NonEmpty,
  mediaType: NonEmpty,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  bytes: Type.Integer({ minimum: 0 }),
})
export type NewStoredDocument = Static<typeof NewStoredDocument>

/** The kinds of rows provenance and data issues can point at. */
export const EntityKind = Type.Enum([
  'organisation',
  'project',
  'participation',
  'payment',
  'contact',
  'council_goal',
  'event',
  'network',
])
export type EntityKind = Static<typeof EntityKind>

/** Where one field value came from: "where does this number come from?" */
export const Provenance = Type.Object({
  id: Id,
  tenantId: Id,
  documentId: Id,
  documentName: Type.String(),
  entity: EntityKind,
  entityId: Id,
  /** the domain field name ("totalBudget"); null for the record as a whole (where its block starts) */
  field: Nullable(Type.String()),
  page: Nullable(Type.Integer({ minimum: 1 })),
  lineStart: Nullable(Type.Integer({ minimum: 1 })),
  lineEnd: Nullable(Type.Integer({ minimum: 1 })),
  rawText: Nullable(Type.String()),
})
export type Provenance = Static<typeof Provenance>

export const NewProvenance = Type.Object({
  documentId: Id,
  entity: EntityKind,
  entityId: Id,
  field: Type.Optional(Nullable(Type.String())),
  page: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  lineStart: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  lineEnd: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  rawText: Type.Optional(Nullable(Type.String())),
})
export type NewProvenance = Static<typeof NewProvenance>
