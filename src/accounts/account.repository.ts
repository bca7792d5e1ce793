import type { CompiledQuery, Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type {
  ApiTokenRow,
  AppUserRow,
  NewAppUserRow,
  PasswordResetRow,
  UserRoleRow,
  UserSessionRow,
} from './account.table.js'

type Db = Kysely<Database>

/** Inserts a user and returns its id. */
export async function insertUser(db: Db, row: NewAppUserRow): Promise<number> {
  const { id } = await db.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

/** One user by id. */
export async function findUserById(db: Db, id: number): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
}

/** One user by (lower-cased) e-mail. */
export async function findUserByEmail(db: Db, email: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
}

/** One user by OpenID Connect issuer and subject. */
export async function findUserByOidc(
  db: Db,
  issuer: string,
  subject: string,
): Promise<AppUserRow | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()
}

/** Every user, or those holding a role in one tenant; by e-mail. */
export async function findUsers(db: Db, tenantId?: number): Promise<AppUserRow[]> {
  let q = db.selectFrom('app_user').selectAll('app_user')
  if (tenantId !== undefined) {
    q = q.where('id', 'in', db.selectFrom('user_role').select('user_id').where('tenant_id', '=', tenantId))
  }
  return q.orderBy('email').execute()
}

/** Changes some of a user's columns. */
export async function updateUserRow(
  db: Db,
  id: number,
  set: Partial<Omit<AppUserRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('app_user').set(set).where('id', '=', id).execute()
}

/** The roles of some users. */
export async function findRoles(db: Db, userIds: readonly number[]): Promise<UserRoleRow[]> {
  if (userIds.length === 0) {
    return []
  }
  return db.selectFrom('user_role').selectAll().where('user_id', 'in', userIds).orderBy('tenant_id').execute()
}

/** Sets (inserts or replaces) a user's role in a tenant. */
export async function upsertRole(
  db: Db,
  row: { user_id: number; tenant_id: number; unit_id: number | null; role: string },
): Promise<void> {
  await db
    .insertInto('user_role')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'tenant_id']).doUpdateSet({ role: row.role, unit_id: row.unit_id }),
    )
    .execute()
}

/** Removes a user's role in a tenant. */
export async function deleteRole(db: Db, userId: number, tenantId: number): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).where('tenant_id', '=', tenantId).execute()
}

/** Stores a session. */
export async function insertSession(db: Db, row: UserSessionRow): Promise<void> {
  await db.insertInto('user_session').values(row).execute()
}

/** Ends one session. */
export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute()
}

/** Ends every session of a user ("log out everywhere", disable, password change). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** Forgets expired sessions. */
export async function deleteExpiredSessions(db: Db, at: string): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<=', at).execute()
}

/** Stores an API token and returns its id. */
export async function insertToken(db: Db, row: Omit<ApiTokenRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

/** One row of a live token joined with its enabled user and one of the user's roles (null: none). */
export interface TokenPrincipalRow {
  readonly token_id: number
  readonly token_tenant_id: number
  readonly scope: string
  readonly last_used_at: string | null
  readonly user_id: number
  readonly email: string
  readonly role_tenant_id: number | null
  readonly role_unit_id: number | null
  readonly role: string | null
}

// The token query runs before every API request: it is built and compiled once per database handle
// (Kysely's building cost more than SQLite's answering), then run with the request's values in the
// places of these stand-ins.
const HASH_SLOT = '\u0000token-hash'
const AT_SLOT = '\u0000at'
const tokenPrincipalQueries = new WeakMap<Db, CompiledQuery<TokenPrincipalRow>>()

/**
 * A live (unrevoked, unexpired) token of an enabled user, with the user's roles: one row per role
 * (one row with null role columns when the user has none), none when the token does not work. One
 * query, because it runs before every API request (compiled once: see above).
 */
export async function findTokenPrincipal(
  db: Db,
  tokenHash: string,
  at: string,
): Promise<TokenPrincipalRow[]> {
  let compiled = tokenPrincipalQueries.get(db)
  if (!compiled) {
    compiled = tokenPrincipalQuery(db, HASH_SLOT, AT_SLOT).compile()
    tokenPrincipalQueries.set(db, compiled)
  }
  const parameters = compiled.parameters.map((p) => (p === HASH_SLOT ? tokenHash : p === AT_SLOT ? at : p))
  return (await db.executeQuery<TokenPrincipalRow>({ ...compiled, parameters })).rows
}

function tokenPrincipalQuery(db: Db, tokenHash: string, at: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .select([
      't.id as token_id',
      't.tenant_id as token_tenant_id',
      't.scope',
      't.last_used_at',
      'u.id as user_id',
      'u.email',
      'r.tenant_id as role_tenant_id',
      'r.unit_id as role_unit_id',
      'r.role',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', at)]))
    .where('u.disabled', '=', 0)
    .orderBy('r.tenant_id')
}

/** One row of an unexpired session joined with its enabled user and one of the user's roles. */
export interface SessionPrincipalRow {
  readonly csrf_token: string
  readonly user_id: number
  readonly email: string
  readonly role_tenant_id: number | null
  readonly role_unit_id: number | null
  readonly role: string | null
}

/**
 * An unexpired session of an enabled user, with the user's roles: one row per role (one row with
 * null role columns when the user has none), none when the session does not work. One query,
 * because it runs before every request that carries a session cookie.
 */
export async function findSessionPrincipal(
  db: Db,
  idHash: string,
  at: string,
): Promise<SessionPrincipalRow[]> {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .select([
      's.csrf_token',
      'u.id as user_id',
      'u.email',
      'r.tenant_id as role_tenant_id',
      'r.unit_id as role_unit_id',
      'r.role',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', at)
    .where('u.disabled', '=', 0)
    .orderBy('r.tenant_id')
    .execute()
}

/** A user's tokens, newest first. */
export async function findTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_token').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute()
}

/** Marks a token revoked; returns whether the user had such a live token. */
export async function revokeTokenRow(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Revokes every token of a user (disable). */
export async function revokeUserTokens(db: Db, userId: number, at: string): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute()
}

/**
 * Notes a token's use at `at`, unless another request (on any server) already noted one at or
 * after `notBefore`: concurrent requests then write once, not once each.
 */
export async function touchToken(db: Db, id: number, at: string, notBefore: string = at): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notBefore)]))
    .execute()
}

/** Stores a reset link's hash. */
export async function insertReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db.insertInto('password_reset').values(row).execute()
}

/** An unused, unexpired reset link. */
export async function findLiveReset(
  db: Db,
  tokenHash: string,
  at: string,
): Promise<PasswordResetRow | undefined> {
  return db
    .selectFrom('password_reset')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst()
}

/**
 * Spends a reset link; true only for the one caller that spent it (a second use races and loses).
 */
export async function spendReset(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('password_reset')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}
