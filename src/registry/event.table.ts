import type { Generated, Selectable } from 'kysely'

/** project_event ("event" reads badly in SQL and logs). */
export interface ProjectEventTable {
  id: Generated<number>
  tenant_id: number
  project_id: number
  title: string
  place: string | null
  country: string | null
  start_date: string | null
  end_date: string | null
  created_at: string
}
export type ProjectEventRow = Selectable<ProjectEventTable>

export interface EventParticipantTable {
  tenant_id: number
  event_id: number
  country: string
  count: number
}
export type EventParticipantRow = Selectable<EventParticipantTable>
