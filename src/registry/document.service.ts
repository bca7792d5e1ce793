import { NotFoundError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type { EntityKind, NewProvenance, NewStoredDocument, Provenance, StoredDocument } from './document.js'
import {
  deleteDocumentRow,
  deleteProvenanceFor,
  findDocumentById,
  findDocumentBySha256,
  findDocuments,
  findProvenance,
  insertDocument,
  insertProvenance,
} from './document.repository.js'
import type { ProvenanceRowWithDocument, SourceDocumentRow } from './document.table.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from a document row to the domain. */
export function documentRowToDocument(row: SourceDocumentRow): StoredDocument {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    mediaType: row.media_type,
    sha256: row.sha256,
    bytes: row.bytes,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  }
}

/** The one mapper from a provenance row to the domain. */
export function provenanceRowToProvenance(row: ProvenanceRowWithDocument): Provenance {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    documentId: row.document_id,
    documentName: row.document_name,
    entity: row.entity as EntityKind,
    entityId: row.entity_id,
    field: row.field,
    page: row.page,
    lineStart: row.line_start,
    lineEnd: row.line_end,
    rawText: row.raw_text,
  }
}

/**
 * Stores a document's identity (name, media type, sha-256, size, who imported it and when), or
 * returns the tenant's existing document with the same sha-256.
 * @returns the document and whether it was new
 */
export async function storeDocument(
  db: Db,
  scope: Scope,
  input: NewStoredDocument,
): Promise<{ document: StoredDocument; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const existing = await findDocumentBySha256(trx, scope.tenantId, input.sha256)
    if (existing) {
      return { document: documentRowToDocument(existing), created: false }
    }
    const row = await insertDocument(trx, {
      tenant_id: scope.tenantId,
      name: input.name,
      media_type: input.mediaType,
      sha256: input.sha256,
      bytes: input.bytes,
      imported_at: now(),
      imported_by: scope.actor,
    })
    const document = documentRowToDocument(row)
    await recordAudit(trx, scope, 'document', document.id, 'import', null, document)
    return { document, created: true }
  })
}

/** The tenant's document with this sha-256, if imported. */
export async function findDocumentByHash(
  db: Db,
  scope: Scope,
  sha256: string,
): Promise<StoredDocument | undefined> {
  const row = await findDocumentBySha256(db, scope.tenantId, sha256)
  return row ? documentRowToDocument(row) : undefined
}

/**
 * One document of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getDocument(db: Db, scope: Scope, id: number): Promise<StoredDocument> {
  const row = await findDocumentById(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No document with id ${id}`)
  }
  return documentRowToDocument(row)
}

/** The tenant's documents in import order. */
export async function listDocuments(db: Db, scope: Scope): Promise<StoredDocument[]> {
  return (await findDocuments(db, scope.tenantId)).map(documentRowToDocument)
}

/**
 * Deletes a document and all provenance that points into it (the records it fed stay).
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function deleteDocument(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getDocument(trx, scope, id)
    await deleteDocumentRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'document', id, 'delete', before, null)
  })
}

/** Records where field values came from: page, line range and raw text in a document of the tenant. */
export async function addProvenance(db: Db, scope: Scope, entries: readonly NewProvenance[]): Promise<void> {
  await insertProvenance(
    db,
    entries.map((e) => ({
      tenant_id: scope.tenantId,
      document_id: e.documentId,
      entity: e.entity,
      entity_id: e.entityId,
      field: e.field ?? null,
      page: e.page ?? null,
      line_start: e.lineStart ?? null,
      line_end: e.lineEnd ?? e.lineStart ?? null,
      raw_text: e.rawText ?? null,
    })),
  )
}

/**
 * "Where does this number come from?": the provenance of one entity, or of one of its fields.
 * @param field the domain field name ("totalBudget"); omitted for all fields
 */
export async function getProvenance(
  db: Db,
  scope: Scope,
  entity: EntityKind,
  entityId: number,
  field?: string,
): Promise<Provenance[]> {
  return (await findProvenance(db, [scope.tenantId], entity, [entityId], field)).map(
    provenanceRowToProvenance,
  )
}

/** Provenance of many entities of one kind (for exports and record views). */
export async function getProvenanceFor(
  db: Db,
  scope: Scope,
  entity: EntityKind,
  entityIds: readonly number[],
): Promise<Provenance[]> {
  return getProvenanceOfTenants(db, [scope.tenantId], entity, entityIds)
}

/**
 * Provenance of many entities of one kind of several tenants at once (the public catalogue's pages
 * span many), in id order. Only rows of the given tenants are read; provenance points at entities
 * without a foreign key, so match each row to its entity by `tenantId` AND `entityId`.
 */
export async function getProvenanceOfTenants(
  db: Db,
  tenantIds: readonly number[],
  entity: EntityKind,
  entityIds: readonly number[],
): Promise<Provenance[]> {
  return (await findProvenance(db, tenantIds, entity, entityIds)).map(provenanceRowToProvenance)
}

/** Forgets the provenance of deleted entities (provenance points at entities by kind and id, without a foreign key). */
export async function forgetProvenance(
  db: Db,
  scope: Scope,
  entity: EntityKind,
  entityIds: readonly number[],
): Promise<void> {
  await deleteProvenanceFor(db, scope.tenantId, entity, entityIds)
}
