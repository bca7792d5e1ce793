import Type, { type Static } from 'typebox'
import { NewProject, Project, ProjectLifecycle, ProjectPatch } from '../../registry/project.js'
import { ProjectRecordWithParticipations } from '../../registry/project-record.service.js'
import { IdParams, PageQuery, RecordErrors, WriteErrors } from './common.schema.js'

/** `?tenant=<id>`: whose portfolio; optional while the installation has one tenant. */
export const TenantQuery = {
  tenant: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 2147483647,
      description: 'tenant organisation id (optional with one tenant)',
    }),
  ),
}
export const TenantOnlyQuery = Type.Object(TenantQuery)
export type TenantOnlyQuery = Static<typeof TenantOnlyQuery>

// Request bodies reuse the registry's schemas and only close them: an unknown field is a 400 naming it.
const NewProjectBody = Type.Object(NewProject.properties, { additionalProperties: false })
const ProjectPatchBody = Type.Object(ProjectPatch.properties, {
  additionalProperties: false,
  minProperties: 1,
})

export const ProjectListQuery = Type.Object({
  ...TenantQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name, acronym or summary' })),
  status: Type.Optional(ProjectLifecycle),
  programme: Type.Optional(
    Type.String({ maxLength: 200, description: 'canonical programme name, e.g. "Interreg Europe"' }),
  ),
  organisation: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 2147483647,
      description: 'projects this organisation takes part in',
    }),
  ),
  country: Type.Optional(
    Type.Union([Type.String({ maxLength: 2 }), Type.Array(Type.String({ maxLength: 2 }), { maxItems: 50 })], {
      description: 'partner country (ISO 3166-1 alpha-2); repeat for any of several',
    }),
  ),
  sort: Type.Optional(
    Type.Union(
      [
        Type.Literal('relevance'),
        Type.Literal('name'),
        Type.Literal('start'),
        Type.Literal('end'),
        Type.Literal('updated'),
      ],
      { description: 'default: relevance with q, name without' },
    ),
  ),
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100_000,
      description: '1-based page of `limit` rows (instead of offset)',
    }),
  ),
  ...PageQuery,
})
export type ProjectListQuery = Static<typeof ProjectListQuery>

/** One facet's values with their counts, commonest first. */
export const FacetCounts = Type.Record(
  Type.String(),
  Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() })),
)

/**
 * One page of a search (the catalogue's search service): `total` matches, `items` as project
 * records, facet counts over the matches; `nextOffset` is null on the last page. `totalExact` is
 * false when more projects matched than a search counts (docs/search.md).
 */
export const ProjectList = Type.Object({
  total: Type.Integer(),
  totalExact: Type.Boolean(),
  items: Type.Array(ProjectRecordWithParticipations),
  facets: FacetCounts,
  limit: Type.Integer(),
  offset: Type.Integer(),
  nextOffset: Type.Union([Type.Integer(), Type.Null()]),
})

const tags = ['projects']

export const listProjectsSchema = {
  tags,
  summary: "List a tenant's projects, filtered and paged",
  querystring: ProjectListQuery,
  response: { 200: ProjectList, ...RecordErrors },
} as const

export const getProjectSchema = {
  tags,
  summary: 'One project',
  params: IdParams,
  querystring: TenantOnlyQuery,
  response: {
    200: Project,
    304: Type.Null({ description: 'Not Modified: the If-None-Match tag is current' }),
    ...RecordErrors,
  },
} as const

export const createProjectSchema = {
  tags,
  summary: "Create a project in a tenant's portfolio",
  description:
    "totalBudget and euContribution are the PROJECT totals; an organisation's own share goes on its participation.",
  querystring: TenantOnlyQuery,
  body: NewProjectBody,
  response: { 201: Project, ...WriteErrors },
} as const

export const updateProjectSchema = {
  tags,
  summary: 'Change a project (only the fields given; null clears; lists replace)',
  params: IdParams,
  querystring: TenantOnlyQuery,
  body: ProjectPatchBody,
  response: { 200: Project, ...WriteErrors },
} as const

export const deleteProjectSchema = {
  tags,
  summary: 'Delete a project with its participations, payments and contacts',
  params: IdParams,
  querystring: TenantOnlyQuery,
  response: { 204: Type.Null(), ...WriteErrors },
} as const
