import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/** participation: an organisation's own part in a project; its money is its OWN share. */
export interface ParticipationTable {
  id: Generated<number>
  tenant_id: number
  project_id: number
  organisation_id: number
  unit_id: number | null
  role: string | null
  budget_minor: number | null
  budget_currency: string | null
  eu_cofinancing_minor: number | null
  eu_cofinancing_currency: string | null
  theme: string | null
  created_at: string
  updated_at: string
}
export type ParticipationRow = Selectable<ParticipationTable>
export type NewParticipationRow = Insertable<ParticipationTable>
export type ParticipationRowUpdate = Updateable<ParticipationTable>

/** A participation joined with its organisation's and unit's names. */
export type ParticipationRowWithNames = ParticipationRow & {
  organisation_name: string
  organisation_country: string | null
  unit_name: string | null
}

export interface PaymentTable {
  id: Generated<number>
  tenant_id: number
  participation_id: number
  year: number
  amount_minor: number
  currency: string
}
export type PaymentRow = Selectable<PaymentTable>

export interface ParticipationGoalTable {
  tenant_id: number
  participation_id: number
  council_goal_id: number
}
export type ParticipationGoalRow = Selectable<ParticipationGoalTable>

/** contact: personal data, erased without trace on request. */
export interface ContactTable {
  id: Generated<number>
  tenant_id: number
  participation_id: number
  name: string | null
  title: string | null
  phone: string | null
  email: string | null
  created_at: string
}
export type ContactRow = Selectable<ContactTable>
