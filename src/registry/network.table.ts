import type { Generated, Selectable } from 'kysely'

export interface NetworkTable {
  id: Generated<number>
  tenant_id: number
  name: string
  since: string | null
  until: string | null
  summary: string | null
  created_at: string
}
export type NetworkRow = Selectable<NetworkTable>
