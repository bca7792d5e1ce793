import { type Kysely, sql } from 'kysely'
import { ensureSortIndexes } from '../catalogue/catalogue.repository.js'
import type { DbConfig } from '../config/config.js'
import { programmeSeeds, syncProgrammes } from '../registry/programme.service.js'
import { type CreateDbOptions, createDb } from './create-db.js'
import type { Database } from './database.js'
import { type MigrationOutcome, migrateToLatest } from './migrator.js'

/**
 * Migrates a database to the latest schema, brings its reference data (the programme list) up to
 * date and rebuilds search indexes a bulk build cut short left out. Safe to run on every start:
 * finished migrations are skipped, seeding is an upsert, and indexes there are left alone.
 * @returns the migration outcome; when it holds an error, nothing was seeded
 */
export async function prepareDatabase(
  db: Kysely<Database>,
  dialect: DbConfig['dialect'],
): Promise<MigrationOutcome> {
  const outcome = await migrateToLatest(db as Kysely<unknown>, dialect)
  if (outcome.error === undefined) {
    await syncProgrammes(db, programmeSeeds())
    await ensureSortIndexes(db, dialect)
  }
  return outcome
}

/**
 * Opens the configured database and migrates it: what `serve` and the CLI commands call on start.
 * @throws {Error} with the migration error as cause when the schema cannot be brought up to date
 *   (broken infrastructure, not an expected failure); the database is closed first
 */
export async function openDatabase(
  config: DbConfig,
  options: CreateDbOptions = {},
): Promise<Kysely<Database>> {
  const db = createDb(config, options)
  try {
    const outcome = await prepareDatabase(db, config.dialect)
    if (outcome.error !== undefined) {
      const failed = outcome.results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
      throw new Error(`Migration ${failed} failed: ${describe(outcome.error)}`, { cause: outcome.error })
    }
    return db
  } catch (e) {
    await db.destroy()
    throw e
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * Opens a read replica: no migrations (a standby cannot be written; it follows the primary's
 * schema), and a probe so a wrong address fails at start rather than on the first search.
 * @throws {Error} when the replica does not answer
 */
export async function openReadReplica(
  config: DbConfig,
  options: CreateDbOptions = {},
): Promise<Kysely<Database>> {
  const db = createDb(config, options)
  try {
    await sql`select 1`.execute(db)
    return db
  } catch (e) {
    await db.destroy()
    throw new Error(`The read replica (DATABASE_READ_URL) does not answer: ${describe(e)}`, { cause: e })
  }
}
