import { isUniqueViolation } from '../db/dialect.js'
import { recordAudit } from '../registry/audit.service.js'
import { getTenant } from '../registry/organisation.service.js'
import { now } from '../registry/schema-helpers.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js'
import type { TenantRole, User } from './account.js'
import {
  deleteRole,
  deleteUserSessions,
  findLiveReset,
  findRoles,
  findUserByEmail,
  findUserById,
  findUserByOidc,
  findUsers,
  insertReset,
  insertUser,
  revokeUserTokens,
  spendReset,
  updateUserRow,
  upsertRole,
} from './account.repository.js'
import type { AppUserRow, UserRoleRow } from './account.table.js'
import { hashPassword, verifyDummy, verifyPassword } from './password.js'
import { isRole, type Role } from './role.js'
import { hashSecret, isoIn, newSecret } from './secret.js'

/** Who acts, as the audit log records it (the registry's Actor shape). */
export interface AccountActor {
  readonly tenantId: number | null
  readonly actor: string
}

/** Failed password attempts in a row before the account is locked. */
export const MAX_FAILED_LOGINS = 5
/** How long a lock-out lasts. */
export const LOCKOUT_MS = 15 * 60 * 1000
/** How long a password-reset link stays valid. */
export const RESET_TTL_MS = 60 * 60 * 1000

/** Lower-cases and trims an e-mail; refuses what is plainly not one. */
export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 320) {
    throw new ValidationError(`Not an e-mail address: "${email.slice(0, 80)}"`, 'email')
  }
  return e
}

function roleRowToTenantRole(row: UserRoleRow): TenantRole {
  return { tenantId: row.tenant_id, unitId: row.unit_id, role: isRole(row.role) ? row.role : 'viewer' }
}

/** The one mapper from a user row (and its role rows) to the domain. */
export function userRowToUser(row: AppUserRow, roles: readonly UserRoleRow[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    lockedUntil: row.locked_until,
    roles: roles.filter((r) => r.user_id === row.id).map(roleRowToTenantRole),
    createdAt: row.created_at,
  }
}

// What the audit log keeps about a user: never a password hash.
function auditView(user: User): Record<string, unknown> {
  return { email: user.email, displayName: user.displayName, disabled: user.disabled, roles: user.roles }
}

/**
 * One user by id.
 * @throws {NotFoundError} when there is none
 */
export async function getUser(db: Db, id: number): Promise<User> {
  const row = await findUserById(db, id)
  if (!row) {
    throw new NotFoundError(`No user ${id}`)
  }
  return userRowToUser(row, await findRoles(db, [row.id]))
}

/**
 * One user by e-mail.
 * @throws {NotFoundError} when there is none
 */
export async function getUserByEmail(db: Db, email: string): Promise<User> {
  const row = await findUserByEmail(db, normaliseEmail(email))
  if (!row) {
    throw new NotFoundError(`No user with e-mail ${email}`)
  }
  return userRowToUser(row, await findRoles(db, [row.id]))
}

/** Every user, or every user holding a role in `tenantId`, by e-mail. */
export async function listUsers(db: Db, tenantId?: number): Promise<User[]> {
  const rows = await findUsers(db, tenantId)
  const roles = await findRoles(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => userRowToUser(r, roles))
}

/** Input to create a user; a role needs a tenant. */
export interface NewUser {
  readonly email: string
  readonly displayName?: string | null
  /** omitted: the user can sign in only through OpenID Connect or after a password reset */
  readonly password?: string
  readonly tenantId?: number
  readonly role?: Role
  readonly unitId?: number | null
}

/**
 * Creates a user, optionally with a role in a tenant.
 * @throws {ConflictError} when the e-mail is taken
 * @throws {ValidationError} for a bad e-mail or a short password
 * @throws {NotFoundError} when the tenant does not exist
 */
export async function addUser(db: Db, who: AccountActor, input: NewUser): Promise<User> {
  const email = normaliseEmail(input.email)
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
  return inTransaction(db, async (trx) => {
    if (await findUserByEmail(trx, email)) {
      throw new ConflictError(`A user with e-mail ${email} exists`)
    }
    const at = now()
    let id: number
    try {
      id = await insertUser(trx, {
        email,
        display_name: input.displayName ?? null,
        password_hash: passwordHash,
        disabled: 0,
        failed_logins: 0,
        created_at: at,
        updated_at: at,
      })
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(`A user with e-mail ${email} exists`, { cause: e })
      }
      throw e
    }
    if (input.tenantId !== undefined) {
      await getTenant(trx, input.tenantId)
      await upsertRole(trx, {
        user_id: id,
        tenant_id: input.tenantId,
        unit_id: input.unitId ?? null,
        role: input.role ?? 'viewer',
      })
    }
    const user = await getUser(trx, id)
    await recordAudit(trx, who, 'user', id, 'create', null, auditView(user))
    return user
  })
}

/**
 * Gives a user a role in a tenant (replacing the one held there), or removes it with `role: null`.
 * @throws {NotFoundError} for an unknown user or tenant
 */
export async function setRole(
  db: Db,
  who: AccountActor,
  userId: number,
  tenantId: number,
  role: Role | null,
  unitId: number | null = null,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, userId)
    await getTenant(trx, tenantId)
    if (role === null) {
      await deleteRole(trx, userId, tenantId)
    } else {
      await upsertRole(trx, { user_id: userId, tenant_id: tenantId, unit_id: unitId, role })
    }
    await updateUserRow(trx, userId, { updated_at: now() })
    const after = await getUser(trx, userId)
    await recordAudit(
      trx,
      { ...who, tenantId },
      'user',
      userId,
      'update',
      auditView(before),
      auditView(after),
    )
    return after
  })
}

/**
 * Disables (or re-enables) a user. Disabling ends every session and revokes every token at once.
 * @throws {NotFoundError} for an unknown user
 */
export async function setUserDisabled(
  db: Db,
  who: AccountActor,
  userId: number,
  disabled: boolean,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, userId)
    const at = now()
    await updateUserRow(trx, userId, {
      disabled: disabled ? 1 : 0,
      updated_at: at,
      failed_logins: 0,
      locked_until: null,
    })
    if (disabled) {
      await deleteUserSessions(trx, userId)
      await revokeUserTokens(trx, userId, at)
    }
    const after = await getUser(trx, userId)
    await recordAudit(trx, who, 'user', userId, 'update', auditView(before), auditView(after))
    return after
  })
}

/** How a password sign-in ended: expected failures are values. */
export type LoginOutcome =
  | { readonly status: 'ok'; readonly user: User }
  | { readonly status: 'invalid' }
  | { readonly status: 'locked'; readonly until: string }

/**
 * Checks an e-mail and password. Counts failures per account and locks it for LOCKOUT_MS after
 * MAX_FAILED_LOGINS in a row; a locked, disabled or unknown account answers like a wrong password
 * would (except 'locked', which says until when), in about the same time.
 */
export async function authenticatePassword(db: Db, email: string, password: string): Promise<LoginOutcome> {
  let key: string
  try {
    key = normaliseEmail(email)
  } catch {
    await verifyDummy(password)
    return { status: 'invalid' }
  }
  const row = await findUserByEmail(db, key)
  if (!row || row.password_hash === null || row.disabled === 1) {
    await verifyDummy(password)
    return { status: 'invalid' }
  }
  const at = now()
  if (row.locked_until !== null && row.locked_until > at) {
    return { status: 'locked', until: row.locked_until }
  }
  if (await verifyPassword(row.password_hash, password)) {
    await updateUserRow(db, row.id, { failed_logins: 0, locked_until: null })
    return { status: 'ok', user: userRowToUser(row, await findRoles(db, [row.id])) }
  }
  const failures = row.failed_logins + 1
  if (failures >= MAX_FAILED_LOGINS) {
    const until = isoIn(LOCKOUT_MS)
    await updateUserRow(db, row.id, { failed_logins: 0, locked_until: until })
    return { status: 'locked', until }
  }
  await updateUserRow(db, row.id, { failed_logins: failures })
  return { status: 'invalid' }
}

/**
 * Makes a one-time password-reset secret for a user, valid RESET_TTL_MS. The caller turns it into a
 * link (printed by the CLI when no mail server is configured).
 * @throws {NotFoundError} for an unknown e-mail
 */
export async function createPasswordReset(
  db: Db,
  who: AccountActor,
  email: string,
): Promise<{ readonly user: User; readonly token: string; readonly expiresAt: string }> {
  const user = await getUserByEmail(db, email)
  const token = newSecret()
  const expiresAt = isoIn(RESET_TTL_MS)
  await inTransaction(db, async (trx) => {
    await insertReset(trx, {
      token_hash: hashSecret(token),
      user_id: user.id,
      expires_at: expiresAt,
      used_at: null,
    })
    await recordAudit(trx, who, 'user', user.id, 'update', null, { passwordReset: 'link issued' })
  })
  return { user, token, expiresAt }
}

/** True when a reset secret is valid now (the reset form is shown only then). */
export async function isResetValid(db: Db, token: string): Promise<boolean> {
  return (await findLiveReset(db, hashSecret(token), now())) !== undefined
}

/**
 * Sets a new password through a one-time reset secret, unlocks the account and ends every session.
 * @throws {NotFoundError} when the link is unknown, used or expired
 * @throws {ValidationError} naming `password` when it is too short
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<User> {
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx) => {
    const at = now()
    const reset = await findLiveReset(trx, hashSecret(token), at)
    if (!reset || !(await spendReset(trx, reset.token_hash, at))) {
      throw new NotFoundError('This password-reset link is unknown, used or expired')
    }
    await updateUserRow(trx, reset.user_id, {
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
    })
    await deleteUserSessions(trx, reset.user_id)
    const user = await getUser(trx, reset.user_id)
    await recordAudit(trx, { tenantId: null, actor: user.email }, 'user', user.id, 'update', null, {
      password: 'changed',
    })
    return user
  })
}

/**
 * The user an OpenID Connect identity signs in as: the one linked to (issuer, subject), or else the
 * enabled user with the provider-verified e-mail, which is then linked. Users are never created here:
 * an administrator adds them (with their roles) first.
 * @returns null when no user matches or the user is disabled
 */
export async function userForOidcIdentity(
  db: Db,
  identity: { issuer: string; subject: string; email: string | null; emailVerified: boolean },
): Promise<User | null> {
  return inTransaction(db, async (trx) => {
    let row = await findUserByOidc(trx, identity.issuer, identity.subject)
    if (!row && identity.email && identity.emailVerified) {
      const byEmail = await findUserByEmail(trx, identity.email.trim().toLowerCase())
      if (byEmail && byEmail.oidc_subject === null) {
        await updateUserRow(trx, byEmail.id, {
          oidc_issuer: identity.issuer,
          oidc_subject: identity.subject,
          updated_at: now(),
        })
        await recordAudit(trx, { tenantId: null, actor: byEmail.email }, 'user', byEmail.id, 'update', null, {
          oidc: 'linked',
        })
        row = byEmail
      }
    }
    if (!row || row.disabled === 1) {
      return null
    }
    return userRowToUser(row, await findRoles(trx, [row.id]))
  })
}
