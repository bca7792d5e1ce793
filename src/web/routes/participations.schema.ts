import Type from 'typebox'
import { NewParticipation, Participation, ParticipationPatch } from '../../registry/participation.js'
import { RecordErrors, WriteErrors } from './common.schema.js'
import { TenantOnlyQuery } from './projects.schema.js'

const DbId = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const ProjectParams = Type.Object({ projectId: DbId })
export const ParticipationParams = Type.Object({ projectId: DbId, id: DbId })

// Request bodies reuse the registry's schemas and only close them: an unknown field is a 400 naming it.
const NewParticipationBody = Type.Object(NewParticipation.properties, { additionalProperties: false })
const ParticipationPatchBody = Type.Object(ParticipationPatch.properties, {
  additionalProperties: false,
  minProperties: 1,
})

export const ParticipationList = Type.Object({ items: Type.Array(Participation) })

const tags = ['projects']
const note = "budget and euCofinancing are the organisation's OWN share, never the project's totals."

export const listParticipationsSchema = {
  tags,
  summary: "A project's participations, in the order they were added",
  params: ProjectParams,
  querystring: TenantOnlyQuery,
  response: { 200: ParticipationList, ...RecordErrors },
} as const

export const getParticipationSchema = {
  tags,
  summary: 'One participation',
  params: ParticipationParams,
  querystring: TenantOnlyQuery,
  response: { 200: Participation, ...RecordErrors },
} as const

export const createParticipationSchema = {
  tags,
  summary: 'Add an organisation to a project',
  description: note,
  params: ProjectParams,
  querystring: TenantOnlyQuery,
  body: NewParticipationBody,
  response: { 201: Participation, ...WriteErrors },
} as const

export const updateParticipationSchema = {
  tags,
  summary: 'Change a participation (payments and councilGoalIds, when given, replace the lists)',
  description: note,
  params: ParticipationParams,
  querystring: TenantOnlyQuery,
  body: ParticipationPatchBody,
  response: { 200: Participation, ...WriteErrors },
} as const

export const deleteParticipationSchema = {
  tags,
  summary: 'Remove an organisation from a project, with its payments and contacts',
  params: ParticipationParams,
  querystring: TenantOnlyQuery,
  response: { 204: Type.Null(), ...WriteErrors },
} as const
