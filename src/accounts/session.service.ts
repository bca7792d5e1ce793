import { recordAudit } from '../registry/audit.service.js'
import { now } from '../registry/schema-helpers.js'
import type { Db } from '../registry/tx.js'
import { NotFoundError, ValidationError } from '../shared/errors.js'
import type { ApiToken, Principal, TenantRole, TokenScope } from './account.js'
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionPrincipal,
  findTokenPrincipal,
  findTokens,
  insertSession,
  insertToken,
  revokeTokenRow,
  touchToken,
} from './account.repository.js'
import type { ApiTokenRow } from './account.table.js'
import { isRole } from './role.js'
import { hashSecret, isoIn, newSecret } from './secret.js'
import { type AccountActor, getUser } from './user.service.js'

/** Prefix of every API token, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'pat_'

/** A new session: the secret goes into the cookie, and is never stored. */
export interface NewSession {
  readonly secret: string
  readonly csrfToken: string
  readonly expiresAt: string
}

/** Starts a session for a user, valid `ttlMs`; also forgets expired sessions. */
export async function startSession(db: Db, userId: number, ttlMs: number): Promise<NewSession> {
  const secret = newSecret()
  const csrfToken = newSecret()
  const at = now()
  const expiresAt = isoIn(ttlMs)
  await deleteExpiredSessions(db, at)
  await insertSession(db, {
    id_hash: hashSecret(secret),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: at,
    expires_at: expiresAt,
  })
  return { secret, csrfToken, expiresAt }
}

/** The principal of a session cookie's secret, or null when unknown, expired or its user is disabled. */
export async function principalFromSession(
  db: Db,
  secret: string,
  at: string = now(),
): Promise<Principal | null> {
  const idHash = hashSecret(secret)
  const rows = await findSessionPrincipal(db, idHash, at)
  const first = rows[0]
  if (!first) {
    return null
  }
  return {
    userId: first.user_id,
    email: first.email,
    roles: rolesOf(rows),
    via: 'session',
    session: { idHash, csrfToken: first.csrf_token },
  }
}

// The joined rows' role columns as the domain's roles (a user without roles gives one null row).
function rolesOf(
  rows: ReadonlyArray<{ role_tenant_id: number | null; role_unit_id: number | null; role: string | null }>,
): TenantRole[] {
  const roles: TenantRole[] = []
  for (const r of rows) {
    if (r.role_tenant_id !== null && r.role !== null) {
      roles.push({
        tenantId: r.role_tenant_id,
        unitId: r.role_unit_id,
        role: isRole(r.role) ? r.role : 'viewer',
      })
    }
  }
  return roles
}

/** Ends one session (logout). */
export async function endSession(db: Db, idHash: string): Promise<void> {
  await deleteSession(db, idHash)
}

/** Ends every session of a user (logout everywhere); returns how many there were. */
export async function endAllSessions(db: Db, userId: number): Promise<number> {
  return deleteUserSessions(db, userId)
}

function tokenRowToApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    scope: row.scope === 'write' ? 'write' : 'read',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  }
}

/**
 * Creates an API token for a user in one tenant where the user holds a role. The secret is
 * returned once and only its hash is stored.
 * @throws {NotFoundError} when the user holds no role in the tenant
 * @throws {ValidationError} for an empty name or an expiry in the past
 */
export async function createApiToken(
  db: Db,
  who: AccountActor,
  userId: number,
  input: {
    readonly tenantId: number
    readonly name: string
    readonly scope: TokenScope
    readonly expiresAt?: string | null
  },
): Promise<{ readonly secret: string; readonly token: ApiToken }> {
  const user = await getUser(db, userId)
  if (!user.roles.some((r) => r.tenantId === input.tenantId)) {
    throw new NotFoundError(`No tenant ${input.tenantId}`)
  }
  const name = input.name.trim()
  if (name === '') {
    throw new ValidationError('A token needs a name', 'name')
  }
  const at = now()
  const expiry = input.expiresAt ? new Date(input.expiresAt) : null
  if (expiry && (Number.isNaN(expiry.getTime()) || !(expiry.toISOString() > at))) {
    throw new ValidationError('The expiry must be in the future', 'expiresAt')
  }
  const secret = newSecret(TOKEN_PREFIX)
  const row: Omit<ApiTokenRow, 'id'> = {
    user_id: userId,
    tenant_id: input.tenantId,
    name,
    token_hash: hashSecret(secret),
    scope: input.scope,
    created_at: at,
    expires_at: expiry ? expiry.toISOString() : null,
    revoked_at: null,
    last_used_at: null,
  }
  const id = await insertToken(db, row)
  const token = tokenRowToApiToken({ ...row, id })
  await recordAudit(db, { ...who, tenantId: input.tenantId }, 'api_token', id, 'create', null, token)
  return { secret, token }
}

/** A user's tokens (revoked ones too), newest first. */
export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  return (await findTokens(db, userId)).map(tokenRowToApiToken)
}

/**
 * Revokes one of a user's tokens.
 * @throws {NotFoundError} when the user has no such live token
 */
export async function revokeApiToken(
  db: Db,
  who: AccountActor,
  userId: number,
  tokenId: number,
): Promise<void> {
  const before = (await findTokens(db, userId)).find((t) => t.id === tokenId)
  if (!before || !(await revokeTokenRow(db, userId, tokenId, now()))) {
    throw new NotFoundError(`No live token ${tokenId}`)
  }
  const token = tokenRowToApiToken(before)
  await recordAudit(db, { ...who, tenantId: before.tenant_id }, 'api_token', tokenId, 'update', token, {
    ...token,
    revokedAt: now(),
  })
}

/**
 * How stale a token's last_used_at may get before a request writes it again. Noting every use would
 * make every API read a write transaction; the token list only needs to say roughly when.
 */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000

/**
 * The principal of a bearer token, or null when unknown, revoked, expired or its user disabled.
 * Reads the database on every call (one query), so a revoked token or a disabled user is refused at
 * once on every server sharing the database; writes last_used_at only when it is older than
 * TOKEN_TOUCH_INTERVAL_MS.
 * @param at the current time (ISO 8601; tests pass their own clock)
 */
export async function principalFromToken(
  db: Db,
  secret: string,
  at: string = now(),
): Promise<Principal | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) {
    return null
  }
  const rows = await findTokenPrincipal(db, hashSecret(secret), at)
  const first = rows[0]
  if (!first) {
    return null
  }
  const notBefore = new Date(Date.parse(at) - TOKEN_TOUCH_INTERVAL_MS).toISOString()
  if (first.last_used_at === null || first.last_used_at < notBefore) {
    await touchToken(db, first.token_id, at, notBefore)
  }
  return {
    userId: first.user_id,
    email: first.email,
    roles: rolesOf(rows),
    via: 'token',
    token: {
      id: first.token_id,
      tenantId: first.token_tenant_id,
      scope: first.scope === 'write' ? 'write' : 'read',
    },
  }
}
