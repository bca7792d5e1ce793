import type { Generated, Insertable, Selectable } from 'kysely'

/** app_user: one person who signs in. E-mail is stored lower-cased. */
export interface AppUserTable {
  id: Generated<number>
  email: string
  display_name: string | null
  password_hash: string | null
  oidc_issuer: string | null
  oidc_subject: string | null
  disabled: number
  failed_logins: number
  locked_until: string | null
  created_at: string
  updated_at: string
}
export type AppUserRow = Selectable<AppUserTable>
export type NewAppUserRow = Insertable<AppUserTable>

/** user_role: one role per user and tenant, optionally narrowed to a unit. */
export interface UserRoleTable {
  id: Generated<number>
  user_id: number
  tenant_id: number
  unit_id: number | null
  role: string
}
export type UserRoleRow = Selectable<UserRoleTable>

/** user_session: a signed-in browser; the cookie holds the secret, the row only its hash. */
export interface UserSessionTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: string
  expires_at: string
}
export type UserSessionRow = Selectable<UserSessionTable>

/** api_token: machine access for one user in one tenant, read or write, revocable. */
export interface ApiTokenTable {
  id: Generated<number>
  user_id: number
  tenant_id: number
  name: string
  token_hash: string
  scope: string
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
}
export type ApiTokenRow = Selectable<ApiTokenTable>

/** password_reset: a one-time link's hash. */
export interface PasswordResetTable {
  token_hash: string
  user_id: number
  expires_at: string
  used_at: string | null
}
export type PasswordResetRow = Selectable<PasswordResetTable>
