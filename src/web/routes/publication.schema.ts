import Type from 'typebox'
import { RecordErrors } from './common.schema.js'
import { TenantOnlyQuery } from './projects.schema.js'

const Params = Type.Object({ projectId: Type.Integer({ minimum: 1, maximum: 2147483647 }) })
const Publication = Type.Object(
  {
    projectId: Type.Integer(),
    publishedAt: Type.Union([Type.String(), Type.Null()], { description: 'null: a draft' }),
  },
  { title: 'Publication' },
)
const tags = ['projects']

export const getPublicationSchema = {
  tags,
  summary: 'Whether a project is published or a draft',
  params: Params,
  querystring: TenantOnlyQuery,
  response: { 200: Publication, ...RecordErrors },
} as const

export const publishSchema = {
  tags,
  summary: 'Publish a project: it appears in the public catalogue and open data (coordinator)',
  params: Params,
  querystring: TenantOnlyQuery,
  response: { 200: Publication, ...RecordErrors },
} as const

export const unpublishSchema = {
  tags,
  summary: 'Take a project back to draft (coordinator)',
  params: Params,
  querystring: TenantOnlyQuery,
  response: { 200: Publication, ...RecordErrors },
} as const
