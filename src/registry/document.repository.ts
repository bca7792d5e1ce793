import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { ProvenanceRow, ProvenanceRowWithDocument, SourceDocumentRow } from './document.table.js'

export async function insertDocument(
  db: Kysely<Database>,
  row: Omit<SourceDocumentRow, 'id'>,
): Promise<SourceDocumentRow> {
  return db.insertInto('source_document').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findDocumentById(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<SourceDocumentRow | undefined> {
  return db
    .selectFrom('source_document')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findDocumentBySha256(
  db: Kysely<Database>,
  tenantId: number,
  sha256: string,
): Promise<SourceDocumentRow | undefined> {
  return db
    .selectFrom('source_document')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('sha256', '=', sha256)
    .executeTakeFirst()
}

export async function findDocuments(db: Kysely<Database>, tenantId: number): Promise<SourceDocumentRow[]> {
  return db
    .selectFrom('source_document')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute()
}

export async function deleteDocumentRow(db: Kysely<Database>, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('source_document').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

export async function insertProvenance(
  db: Kysely<Database>,
  rows: readonly Omit<ProvenanceRow, 'id'>[],
): Promise<void> {
  // Chunked: SQLite limits bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('provenance')
      .values(rows.slice(i, i + 50))
      .execute()
  }
}

function selectProvenance(db: Kysely<Database>, tenantIds: readonly number[]) {
  return db
    .selectFrom('provenance')
    .innerJoin('source_document', 'source_document.id', 'provenance.document_id')
    .selectAll('provenance')
    .select('source_document.name as document_name')
    .where('provenance.tenant_id', 'in', tenantIds)
}

/**
 * Provenance of entities of one kind of any of these tenants (callers match each row to its
 * tenant: provenance points at entities without a foreign key), optionally narrowed to one field.
 */
export async function findProvenance(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  entity: string,
  entityIds: readonly number[],
  field?: string,
): Promise<ProvenanceRowWithDocument[]> {
  if (tenantIds.length === 0 || entityIds.length === 0) {
    return []
  }
  let q = selectProvenance(db, tenantIds)
    .where('provenance.entity', '=', entity)
    .where('provenance.entity_id', 'in', entityIds)
  if (field !== undefined) {
    q = q.where('provenance.field', '=', field)
  }
  return q.orderBy('provenance.id').execute()
}

/** One page of a tenant's provenance with raw text, in id order, after `afterId` (for scans in code). */
export async function findProvenancePage(
  db: Kysely<Database>,
  tenantId: number,
  afterId: number,
  limit: number,
): Promise<ProvenanceRowWithDocument[]> {
  return selectProvenance(db, [tenantId])
    .where('provenance.id', '>', afterId)
    .where('provenance.raw_text', 'is not', null)
    .orderBy('provenance.id')
    .limit(limit)
    .execute()
}

export async function setProvenanceRawText(
  db: Kysely<Database>,
  id: number,
  rawText: string | null,
): Promise<void> {
  await db.updateTable('provenance').set({ raw_text: rawText }).where('id', '=', id).execute()
}

/** Deletes the provenance of the given entities (when they are deleted or erased). */
export async function deleteProvenanceFor(
  db: Kysely<Database>,
  tenantId: number,
  entity: string,
  entityIds: readonly number[],
): Promise<void> {
  if (entityIds.length === 0) {
    return
  }
  await db
    .deleteFrom('provenance')
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', entity)
    .where('entity_id', 'in', entityIds)
    .execute()
}
