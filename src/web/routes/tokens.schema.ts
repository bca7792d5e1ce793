import Type from 'typebox'
import { ApiToken, TokenScope } from '../../accounts/account.js'
import { IdParams, RecordErrors, WriteErrors } from './common.schema.js'

const tags = ['accounts']

/** POST /api/tokens: a token for one tenant where the user holds a role. */
export const NewTokenBody = Type.Object(
  {
    tenant: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scope: TokenScope,
    expiresAt: Type.Optional(
      Type.Union([
        Type.String({
          pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$',
          description: 'ISO 8601 UTC instant',
        }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)

export const listTokensSchema = {
  tags,
  summary: "The signed-in user's API tokens (never their secrets)",
  response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...RecordErrors },
} as const

export const createTokenSchema = {
  tags,
  summary: 'Create an API token; its secret is shown once',
  body: NewTokenBody,
  response: {
    201: Type.Object({
      secret: Type.String({ description: 'send as "Authorization: Bearer <secret>"' }),
      token: ApiToken,
    }),
    ...WriteErrors,
  },
} as const

export const revokeTokenSchema = {
  tags,
  summary: 'Revoke one of your API tokens',
  params: IdParams,
  response: { 204: Type.Null(), ...RecordErrors },
} as const
