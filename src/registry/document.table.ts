import type { Generated, Selectable } from 'kysely'

/** source_document: an imported file, unique per tenant by sha-256. */
export interface SourceDocumentTable {
  id: Generated<number>
  tenant_id: number
  name: string
  media_type: string
  sha256: string
  bytes: number
  imported_at: string
  imported_by: string
}
export type SourceDocumentRow = Selectable<SourceDocumentTable>

export interface ProvenanceTable {
  id: Generated<number>
  tenant_id: number
  document_id: number
  entity: string
  entity_id: number
  field: string | null
  page: number | null
  line_start: number | null
  line_end: number | null
  raw_text: string | null
}
export type ProvenanceRow = Selectable<ProvenanceTable>
export type ProvenanceRowWithDocument = ProvenanceRow & { document_name: string }
