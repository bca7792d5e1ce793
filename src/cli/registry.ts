import { existsSync, statSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { type Config, type DbConfig, loadConfig } from '../config/config.js'
import { createDb, inspectSqliteDatabase } from '../db/create-db.js'
import type { Database } from '../db/database.js'
import { MIGRATION_NAMES } from '../db/migrator.js'
import { openDatabase } from '../db/open-database.js'
import type { Organisation } from '../registry/organisation.js'
import { getTenant, listTenants } from '../registry/organisation.service.js'
import { type Scope, scopeOf } from '../registry/scope.js'
import type { CliIO } from './io.js'

// A command that only reads must not write: an up-to-date SQLite file is opened as it is, so
// several commands (and a running server) never queue for the migration lock. Anything else is
// migrated first, so a first run just works.
async function open(config: DbConfig): Promise<Kysely<Database>> {
  if (
    config.dialect === 'sqlite' &&
    config.file !== ':memory:' &&
    existsSync(config.file) &&
    statSync(config.file).size > 0
  ) {
    const applied = new Set(inspectSqliteDatabase(config.file))
    if (MIGRATION_NAMES.every((name) => applied.has(name))) {
      return createDb(config)
    }
  }
  return openDatabase(config)
}

/**
 * Opens the configured registry (migrated, so a first run just works), runs `fn`, and always closes it.
 * @throws {ConfigError} when the environment is unusable
 * @throws {ValidationError} when the SQLite file is not a Projektatlas database
 */
export async function withRegistry<T>(
  io: CliIO,
  fn: (db: Kysely<Database>, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env, io.cwd)
  const db = await open(config.db)
  try {
    return await fn(db, config)
  } finally {
    await db.destroy()
  }
}

/** The tenants a command reads: the one `--tenant` names, or all of them. */
export async function tenantScopes(
  db: Kysely<Database>,
  tenant: number | undefined,
): Promise<{ tenant: Organisation; scope: Scope }[]> {
  const tenants = tenant === undefined ? await listTenants(db) : [await getTenant(db, tenant)]
  return tenants.map((t) => ({ tenant: t, scope: scopeOf(t.id, 'cli') }))
}

/** Reads every page of a paged service, `size` rows at a time, so no silent cap applies. */
export async function* pages<T>(
  read: (limit: number, offset: number) => Promise<T[]>,
  size = 500,
): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += size) {
    const page = await read(size, offset)
    if (page.length > 0) {
      yield page
    }
    if (page.length < size) {
      return
    }
  }
}
