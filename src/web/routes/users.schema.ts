import Type from 'typebox'
import { User } from '../../accounts/account.js'
import { Role } from '../../accounts/role.js'
import { IdParams, RecordErrors, WriteErrors } from './common.schema.js'
import { TenantOnlyQuery } from './projects.schema.js'

const tags = ['accounts']
const Unit = Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]))

/** POST /api/users: add a person to the tenant (a new account, or a role for an existing one). */
export const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    role: Role,
    unitId: Unit,
  },
  { additionalProperties: false },
)

/** PATCH /api/users/:id: change the role in this tenant (null removes it) or disable the account. */
export const UserPatchBody = Type.Object(
  {
    role: Type.Optional(Type.Union([Role, Type.Null()])),
    unitId: Unit,
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const listUsersSchema = {
  tags,
  summary: "The tenant's users and their roles (admin)",
  querystring: TenantOnlyQuery,
  response: { 200: Type.Object({ items: Type.Array(User) }), ...RecordErrors },
} as const

export const createUserSchema = {
  tags,
  summary: 'Add a user to the tenant; a new account gets a one-time password link (admin)',
  querystring: TenantOnlyQuery,
  body: NewUserBody,
  response: {
    201: Type.Object({
      user: User,
      resetUrl: Type.Union([Type.String(), Type.Null()], { description: 'one-time link for a new account' }),
    }),
    ...WriteErrors,
  },
} as const

export const updateUserSchema = {
  tags,
  summary: "Change a user's role in the tenant, or disable the account (admin)",
  params: IdParams,
  querystring: TenantOnlyQuery,
  body: UserPatchBody,
  response: { 200: User, ...WriteErrors },
} as const
