import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen in time: imports no application code. Accounts, per-tenant roles, database sessions, API
// tokens and one-time password-reset links. Secrets (session ids, tokens, reset links) are stored
// only as SHA-256 hashes, so a copy of the database signs nobody in.

type Dialect = 'sqlite' | 'postgres'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const idCol = (t: ReturnType<typeof db.schema.createTable>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  await db.schema
    .createTable('app_user')
    .$call(idCol)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    // null: the user signs in through OpenID Connect only
    .addColumn('password_hash', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('app_user_oidc_uq', ['oidc_issuer', 'oidc_subject'])
    .execute()

  await db.schema
    .createTable('user_role')
    .$call(idCol)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    // null: the whole tenant; otherwise the role holds for this unit only
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addCheckConstraint('user_role_role_ck', sql`role in ('admin', 'coordinator', 'editor', 'viewer')`)
    .addUniqueConstraint('user_role_user_tenant_uq', ['user_id', 'tenant_id'])
    .execute()

  await db.schema
    .createTable('user_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('user_session_user_ix').on('user_session').column('user_id').execute()

  await db.schema
    .createTable('api_token')
    .$call(idCol)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addCheckConstraint('api_token_scope_ck', sql`scope in ('read', 'write')`)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()

  await db.schema
    .createTable('password_reset')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['password_reset', 'api_token', 'user_session', 'user_role', 'app_user']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
