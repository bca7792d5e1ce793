import type { Generated, Selectable } from 'kysely'

export interface CouncilGoalTable {
  id: Generated<number>
  tenant_id: number
  period: string
  number: number
  text: string
  created_at: string
}
export type CouncilGoalRow = Selectable<CouncilGoalTable>
