import Type, { type Static } from 'typebox'
import { TenantRole } from '../../accounts/account.js'
import { ErrorResponse } from './common.schema.js'

const Html = { 200: Type.String({ description: 'HTML page' }) }

/** `?next=`: a local path to return to after signing in. */
export const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })

/** The sign-in form as posted. */
export const LoginForm = Type.Object({
  _csrf: Type.String({ maxLength: 200 }),
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type LoginForm = Static<typeof LoginForm>

/** The reset link's secret in the path. */
export const ResetParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) })

/** The new-password form. */
export const ResetForm = Type.Object({
  _csrf: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1024 }),
})

/** The OpenID Connect callback's query. */
export const OidcCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 1000 })),
    error: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: true },
)

export const loginPageSchema = { hide: true, querystring: NextQuery, response: Html } as const
export const loginSchema = { hide: true, body: LoginForm } as const
// No body schema: a form posts `_csrf` (checked by the CSRF plugin), a script sends the header and no body.
export const logoutSchema = { hide: true } as const
export const logoutPageSchema = { hide: true, response: Html } as const
export const resetPageSchema = { hide: true, params: ResetParams, response: Html } as const
export const resetSchema = { hide: true, params: ResetParams, body: ResetForm } as const
export const oidcStartSchema = { hide: true, querystring: NextQuery } as const
export const oidcCallbackSchema = { hide: true, querystring: OidcCallbackQuery } as const

/** GET /api/me: who is signed in. */
export const meSchema = {
  summary: 'The signed-in user, their roles and (for sessions) the CSRF token writes must carry',
  tags: ['accounts'],
  response: {
    200: Type.Object({
      id: Type.Integer(),
      email: Type.String(),
      via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
      roles: Type.Array(TenantRole),
      csrfToken: Type.Optional(Type.String()),
    }),
    401: ErrorResponse,
  },
} as const
