import Type, { type Static } from 'typebox'
import { Country, Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** What kind of body an organisation is. */
export const OrganisationKind = Type.Enum([
  'municipality',
  'region',
  'agency',
  'university',
  'school',
  'company',
  'association',
  'network',
  'other',
])
export type OrganisationKind = Static<typeof OrganisationKind>

/** Swedish organisationsnummer, NNNNNN-NNNN. */
export const OrgNumber = Type.String({ pattern: '^[0-9]{6}-[0-9]{4}$' })
/** EU Participant Identification Code: nine digits. */
export const EuPic = Type.String({ pattern: '^[0-9]{9}$' })

/**
 * Any body that takes part in projects. Organisations are shared reference data (not tenant-owned):
 * the same university partners several municipalities. Names are not a key: identifiers are.
 */
export const Organisation = Type.Object({
  id: Id,
  name: NonEmpty,
  /** other names it goes by ("Hässleholm Municipality"); lookups by name also match these */
  aliases: Type.Array(Type.String()),
  country: Nullable(Country),
  kind: Nullable(OrganisationKind),
  orgNumber: Nullable(OrgNumber),
  euPic: Nullable(EuPic),
  /** true when it keeps a portfolio in Projektatlas (owns projects, units, goals, documents) */
  isTenant: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Organisation = Static<typeof Organisation>

/** Input to create an organisation; omitted fields are null / [] / not a tenant. */
export const NewOrganisation = Type.Object({
  name: NonEmpty,
  aliases: Type.Optional(Type.Array(NonEmpty)),
  country: Type.Optional(Nullable(Country)),
  kind: Type.Optional(Nullable(OrganisationKind)),
  orgNumber: Type.Optional(Nullable(OrgNumber)),
  euPic: Type.Optional(Nullable(EuPic)),
  isTenant: Type.Optional(Type.Boolean()),
})
export type NewOrganisation = Static<typeof NewOrganisation>

/** A partial update: only the fields present change; `aliases` replaces the whole list. */
export const OrganisationPatch = Type.Partial(NewOrganisation)
export type OrganisationPatch = Static<typeof OrganisationPatch>

/** A tenant's committee or administration ("Miljönämnden"). */
export const Unit = Type.Object({
  id: Id,
  tenantId: Id,
  name: NonEmpty,
  createdAt: Timestamp,
})
export type Unit = Static<typeof Unit>

export const NewUnit = Type.Object({ name: NonEmpty })
export type NewUnit = Static<typeof NewUnit>

/** Filters for listing organisations; all optional. */
export interface OrganisationFilter {
  /** substring of the name or an alias, case-insensitive */
  readonly query?: string
  readonly tenantsOnly?: boolean
  readonly country?: string
  readonly limit?: number
  readonly offset?: number
}
