import Type, { type Static } from 'typebox'
import { StoredMoney } from './money.js'
import { PartialDate } from './project-record.js'
import { Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** Where a project is, from idea to closure. The project record format knows only the last two. */
export const ProjectLifecycle = Type.Union([
  Type.Literal('planned'),
  Type.Literal('ongoing'),
  Type.Literal('completed'),
])
export type ProjectLifecycle = Static<typeof ProjectLifecycle>

/** Registries that give projects their own ids. */
export const ExternalIdScheme = Type.Union([
  Type.Literal('keep.eu'),
  Type.Literal('kohesio'),
  Type.Literal('cordis'),
  Type.Literal('erasmus+'),
])
export type ExternalIdScheme = Static<typeof ExternalIdScheme>

export const ExternalId = Type.Object({ scheme: ExternalIdScheme, value: NonEmpty })
export type ExternalId = Static<typeof ExternalId>

/**
 * A project in a tenant's portfolio. Budget fields are the PROJECT's totals: an organisation's own
 * share lives on its Participation and is never derived from these.
 */
export const Project = Type.Object({
  id: Id,
  tenantId: Id,
  name: NonEmpty,
  acronym: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  /** canonical programme name from the reference list, null when unknown */
  programme: Nullable(Type.String()),
  /** the programme or funding source as a source wrote it */
  programmeRaw: Nullable(Type.String()),
  /** ISO 8601 at the precision known: "2015", "2015-09", "2015-09-01" */
  start: Nullable(PartialDate),
  end: Nullable(PartialDate),
  status: Nullable(ProjectLifecycle),
  totalBudget: Nullable(StoredMoney),
  euContribution: Nullable(StoredMoney),
  website: Nullable(Type.String()),
  externalIds: Type.Array(ExternalId),
  /** regions or areas the project covers, as written */
  areas: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Project = Static<typeof Project>

/** Input to create a project; omitted fields are null or []. `programme` must be a known name or alias. */
export const NewProject = Type.Object({
  name: NonEmpty,
  acronym: Type.Optional(Nullable(Type.String())),
  summary: Type.Optional(Nullable(Type.String())),
  programme: Type.Optional(Nullable(Type.String())),
  programmeRaw: Type.Optional(Nullable(Type.String())),
  start: Type.Optional(Nullable(PartialDate)),
  end: Type.Optional(Nullable(PartialDate)),
  status: Type.Optional(Nullable(ProjectLifecycle)),
  totalBudget: Type.Optional(Nullable(StoredMoney)),
  euContribution: Type.Optional(Nullable(StoredMoney)),
  website: Type.Optional(Nullable(Type.String())),
  externalIds: Type.Optional(Type.Array(ExternalId)),
  areas: Type.Optional(Type.Array(Type.String())),
})
export type NewProject = Static<typeof NewProject>

/** A partial update: only fields present change; null clears; lists replace the stored list. */
export const ProjectPatch = Type.Partial(NewProject)
export type ProjectPatch = Static<typeof ProjectPatch>

/** Filters for listing a tenant's projects; all optional. */
export interface ProjectFilter {
  /** substring of name, acronym or summary, case-insensitive */
  readonly query?: string
  readonly status?: ProjectLifecycle
  /** canonical programme name */
  readonly programme?: string
  /** projects the organisation takes part in */
  readonly organisationId?: number
  readonly limit?: number
  readonly offset?: number
}
