import Type, { type Static } from 'typebox'
import { Id, Nullable, Timestamp } from '../registry/schema-helpers.js'
import { Role } from './role.js'

/** A user's role in one tenant, optionally only for one unit. */
export const TenantRole = Type.Object({
  tenantId: Id,
  /** null: the whole tenant */
  unitId: Nullable(Id),
  role: Role,
})
export type TenantRole = Static<typeof TenantRole>

/** A person who signs in. Never carries the password hash. */
export const User = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Nullable(Type.String()),
  disabled: Type.Boolean(),
  /** true when the user may sign in with a password (false: OpenID Connect only) */
  hasPassword: Type.Boolean(),
  lockedUntil: Nullable(Timestamp),
  roles: Type.Array(TenantRole),
  createdAt: Timestamp,
})
export type User = Static<typeof User>

/** What an API token may do: read only, or read and write (never more than its user's role). */
export const TokenScope = Type.Union([Type.Literal('read'), Type.Literal('write')])
export type TokenScope = Static<typeof TokenScope>

/** An API token as listed: never its secret. */
export const ApiToken = Type.Object({
  id: Id,
  tenantId: Id,
  name: Type.String(),
  scope: TokenScope,
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
})
export type ApiToken = Static<typeof ApiToken>

/**
 * Who is signed in for one request, and how: the web layer builds it from a session cookie or a
 * bearer token and turns it into a registry Scope per tenant.
 */
export interface Principal {
  readonly userId: number
  readonly email: string
  readonly roles: readonly TenantRole[]
  readonly via: 'session' | 'token'
  /** session requests: the hash of the session id and the CSRF token bound to it */
  readonly session?: { readonly idHash: string; readonly csrfToken: string }
  /** token requests: the tenant and scope the token is limited to */
  readonly token?: { readonly id: number; readonly tenantId: number; readonly scope: TokenScope }
}

/**
 * The role a principal may act with in a tenant: its user's role, capped by a token's tenant and
 * scope (a read token acts as a viewer). Null when it has none there.
 */
export function roleIn(principal: Principal, tenantId: number): Role | null {
  if (principal.token && principal.token.tenantId !== tenantId) {
    return null
  }
  const found = principal.roles.find((r) => r.tenantId === tenantId)
  if (!found) {
    return null
  }
  if (principal.token?.scope === 'read') {
    return 'viewer'
  }
  return found.role
}

/** The tenants a principal may act in. */
export function tenantsOf(principal: Principal): number[] {
  return principal.roles
    .map((r) => r.tenantId)
    .filter((t) => !principal.token || principal.token.tenantId === t)
}
