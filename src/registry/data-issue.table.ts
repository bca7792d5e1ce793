import type { Generated, Selectable } from 'kysely'

export interface DataIssueTable {
  id: Generated<number>
  tenant_id: number
  entity: string
  entity_id: number
  kind: string
  message: string
  field: string | null
  status: string
  resolution: string | null
  created_at: string
  resolved_at: string | null
}
export type DataIssueRow = Selectable<DataIssueTable>
