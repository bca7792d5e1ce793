import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/** organisation: shared reference data; `is_tenant` 0/1 (an integer on both engines, see dialect.ts). */
export interface OrganisationTable {
  id: Generated<number>
  name: string
  /** nameKey(name): finds an organisation by name regardless of case and spacing */
  name_key: string
  country: string | null
  kind: string | null
  org_number: string | null
  eu_pic: string | null
  is_tenant: number
  created_at: string
  updated_at: string
}
export type OrganisationRow = Selectable<OrganisationTable>
export type NewOrganisationRow = Insertable<OrganisationTable>
export type OrganisationRowUpdate = Updateable<OrganisationTable>

export interface OrganisationAliasTable {
  id: Generated<number>
  organisation_id: number
  alias: string
  alias_key: string
}
export type OrganisationAliasRow = Selectable<OrganisationAliasTable>

/** unit: a tenant's committee or administration. */
export interface UnitTable {
  id: Generated<number>
  tenant_id: number
  name: string
  name_key: string
  created_at: string
}
export type UnitRow = Selectable<UnitTable>
