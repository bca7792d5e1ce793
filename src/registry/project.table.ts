import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/** project: tenant-owned. Money in integer minor units beside its currency; dates as partial ISO text. */
export interface ProjectTable {
  id: Generated<number>
  tenant_id: number
  name: string
  acronym: string | null
  summary: string | null
  programme_id: number | null
  programme_raw: string | null
  period_start: string | null
  period_end: string | null
  status: string | null
  total_budget_minor: number | null
  total_budget_currency: string | null
  eu_contribution_minor: number | null
  eu_contribution_currency: string | null
  website: string | null
  /** JSON array of strings */
  areas_json: string
  /** searchKey(name, acronym, summary): what a case-insensitive search matches against */
  search_text: string
  created_at: string
  updated_at: string
  /** null: a draft, seen only by the tenant's users; set: public since then (accounts' publication.service) */
  published_at: string | null
}
export type ProjectRow = Selectable<ProjectTable>
export type NewProjectRow = Insertable<ProjectTable>
export type ProjectRowUpdate = Updateable<ProjectTable>

/** A project's row joined with its programme's canonical name. */
export type ProjectRowWithProgramme = ProjectRow & { programme_canonical: string | null }

export interface ProjectExternalIdTable {
  id: Generated<number>
  tenant_id: number
  project_id: number
  scheme: string
  value: string
}
export type ProjectExternalIdRow = Selectable<ProjectExternalIdTable>
