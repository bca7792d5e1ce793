import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DbConfig, Dialect } from '../../src/config/config.js'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { prepareDatabase } from '../../src/db/open-database.js'
import { type PgCluster, startCluster } from '../support/pg-cluster.mjs'

/**
 * The storage engines every integration test runs against. `DIALECTS=sqlite` (comma-separated)
 * narrows the run for a fast local loop; the default is both.
 */
export const DIALECTS: readonly Dialect[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres')

/** The environment variable through which scripts/run-tests.mjs hands its cluster to the test files. */
export const PG_URL_ENV = 'PROJEKTATLAS_TEST_PG_URL'

const TEMPLATE = 'projektatlas_template'
// Any constant: serialises template creation between test files running in parallel.
const TEMPLATE_LOCK = 727_001

let ownCluster: Promise<PgCluster> | undefined

/** The cluster URL: the one the runner started, or (a test file run alone) one of our own. */
async function clusterUrl(): Promise<string> {
  const fromRunner = process.env[PG_URL_ENV]
  if (fromRunner) {
    return fromRunner
  }
  ownCluster ??= startCluster().then((c) => {
    process.on('exit', () => c.stop())
    return c
  })
  return (await ownCluster).url
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Creates the migrated template database once per cluster (files race for it; a lock decides). */
async function ensureTemplate(url: string): Promise<void> {
  const admin = createDb({ dialect: 'postgres', url }, { poolSize: 1 })
  try {
    await admin.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${TEMPLATE_LOCK})`.execute(conn)
      try {
        const exists = await sql<{
          n: number
        }>`select count(*)::int as n from pg_database where datname = ${TEMPLATE}`.execute(conn)
        if ((exists.rows[0]?.n ?? 0) > 0) {
          return
        }
        await sql`create database ${sql.id(TEMPLATE)}`.execute(conn)
        const template = createDb({ dialect: 'postgres', url: withDatabase(url, TEMPLATE) }, { poolSize: 1 })
        try {
          const outcome = await prepareDatabase(template, 'postgres')
          if (outcome.error !== undefined) {
            throw outcome.error
          }
        } finally {
          await template.destroy()
        }
      } finally {
        await sql`select pg_advisory_unlock(${TEMPLATE_LOCK})`.execute(conn)
      }
    })
  } finally {
    await admin.destroy()
  }
}

/** The configuration of a fresh, migrated, empty database (for code that opens its own handle). */
export async function createTestDbConfig(dialect: Dialect): Promise<DbConfig> {
  if (dialect === 'sqlite') {
    return { dialect: 'sqlite', file: ':memory:' }
  }
  const url = await clusterUrl()
  await ensureTemplate(url)
  const name = `test_${randomUUID().replaceAll('-', '')}`
  const admin = createDb({ dialect: 'postgres', url }, { poolSize: 1 })
  try {
    await sql`create database ${sql.id(name)} template ${sql.id(TEMPLATE)}`.execute(admin)
  } finally {
    await admin.destroy()
  }
  return { dialect: 'postgres', url: withDatabase(url, name) }
}

/** A database with no tables at all (to test migrations themselves). The caller destroys it. */
export async function createEmptyTestDb(dialect: Dialect): Promise<Kysely<Database>> {
  if (dialect === 'sqlite') {
    return createDb({ dialect: 'sqlite', file: ':memory:' })
  }
  const url = await clusterUrl()
  const name = `empty_${randomUUID().replaceAll('-', '')}`
  const admin = createDb({ dialect: 'postgres', url }, { poolSize: 1 })
  try {
    await sql`create database ${sql.id(name)}`.execute(admin)
  } finally {
    await admin.destroy()
  }
  return createDb({ dialect: 'postgres', url: withDatabase(url, name) }, { poolSize: 2 })
}

/**
 * A migrated, empty database of its own for one test file (or one test): SQLite in memory,
 * migrated on the spot; PostgreSQL a new database copied from a migrated template in the run's
 * throwaway cluster. Never a mock. The caller destroys it.
 */
export async function createTestDb(dialect: Dialect): Promise<Kysely<Database>> {
  const config = await createTestDbConfig(dialect)
  const db = createDb(config, { poolSize: 4 })
  if (dialect === 'sqlite') {
    const outcome = await prepareDatabase(db, dialect)
    if (outcome.error !== undefined) {
      await db.destroy()
      throw outcome.error
    }
  }
  return db
}
