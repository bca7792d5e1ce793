import { recordAudit } from '../registry/audit.service.js'
import { now } from '../registry/schema-helpers.js'
import type { Db } from '../registry/tx.js'
import { NotFoundError, ValidationError } from '../shared/errors.js'
import type { ApiToken, Principal, TokenScope } from './account.js'
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveToken,
  findRoles,
  findSession,
  findTokens,
  findUserById,
  insertSession,
  insertToken,
  revokeTokenRow,
  touchToken,
} from './account.repository.js'
import type { ApiTokenRow } from './account.table.js'
import { hashSecret, isoIn, newSecret } from './secret.js'
import { type AccountActor, getUser, userRowToUser } from './user.service.js'

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
export async function principalFromSession(db: Db, secret: string): Promise<Principal | null> {
  const idHash = hashSecret(secret)
  const session = await findSession(db, idHash, now())
  if (!session) {
    return null
  }
  const user = await findUserById(db, session.user_id)
  if (!user || user.disabled === 1) {
    return null
  }
  const roles = userRowToUser(user, await findRoles(db, [user.id])).roles
  return {
    userId: user.id,
    email: user.email,
    roles,
    via: 'session',
    session: { idHash, csrfToken: session.csrf_token },
  }
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

/** The principal of a bearer token, or null when unknown, revoked, expired or its user disabled. */
export async function principalFromToken(db: Db, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) {
    return null
  }
  const at = now()
  const row = await findLiveToken(db, hashSecret(secret), at)
  if (!row) {
    return null
  }
  const user = await findUserById(db, row.user_id)
  if (!user || user.disabled === 1) {
    return null
  }
  await touchToken(db, row.id, at)
  const roles = userRowToUser(user, await findRoles(db, [user.id])).roles
  return {
    userId: user.id,
    email: user.email,
    roles,
    via: 'token',
    token: { id: row.id, tenantId: row.tenant_id, scope: row.scope === 'write' ? 'write' : 'read' },
  }
}
