import Type, { type Static } from 'typebox'
import { NewOrganisation, Organisation, OrganisationPatch } from '../../registry/organisation.js'
import { IdParams, InputErrors, PageQuery, RecordErrors, WriteErrors } from './common.schema.js'

// Request bodies reuse the registry's schemas and only close them: an unknown field is a 400 naming it.
const NewOrganisationBody = Type.Object(NewOrganisation.properties, { additionalProperties: false })
const OrganisationPatchBody = Type.Object(OrganisationPatch.properties, {
  additionalProperties: false,
  minProperties: 1,
})

export const OrganisationListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name or an alias' })),
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })),
  tenantsOnly: Type.Optional(Type.Boolean({ description: 'only organisations that keep a portfolio here' })),
  ...PageQuery,
})
export type OrganisationListQuery = Static<typeof OrganisationListQuery>

export const OrganisationList = Type.Object({
  items: Type.Array(Organisation),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

const tags = ['organisations']

export const listOrganisationsSchema = {
  tags,
  summary: 'List organisations, ordered by name',
  querystring: OrganisationListQuery,
  response: { 200: OrganisationList, ...InputErrors },
} as const

export const getOrganisationSchema = {
  tags,
  summary: 'One organisation',
  params: IdParams,
  response: { 200: Organisation, ...RecordErrors },
} as const

export const createOrganisationSchema = {
  tags,
  summary: 'Create an organisation',
  body: NewOrganisationBody,
  response: { 201: Organisation, ...WriteErrors },
} as const

export const updateOrganisationSchema = {
  tags,
  summary: 'Change an organisation (only the fields given; aliases replaces the list)',
  params: IdParams,
  body: OrganisationPatchBody,
  response: { 200: Organisation, ...WriteErrors },
} as const

export const deleteOrganisationSchema = {
  tags,
  summary: 'Delete an organisation that takes part in no project',
  params: IdParams,
  response: { 204: Type.Null(), ...WriteErrors },
} as const
