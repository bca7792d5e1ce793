import Type from 'typebox'
import { RecordErrors } from './common.schema.js'
import { TenantQuery } from './projects.schema.js'

const tags = ['personal data']

/** Who the request is about: an e-mail address, or an exact name. */
export const PersonBody = Type.Union([
  Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
  Type.Object({ name: Type.String({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false }),
])

export const exportPersonSchema = {
  tags,
  summary: "Everything the tenant's registry holds about a person (GDPR art. 15 and 20; admin)",
  querystring: Type.Object(TenantQuery),
  body: PersonBody,
  response: { 200: Type.Object({}, { additionalProperties: true }), ...RecordErrors },
} as const

export const erasePersonSchema = {
  tags,
  summary: "Erase a person from the tenant's registry, history and search index (GDPR art. 17; admin)",
  querystring: Type.Object(TenantQuery),
  body: PersonBody,
  response: { 200: Type.Object({ erasedContacts: Type.Integer() }), ...RecordErrors },
} as const
