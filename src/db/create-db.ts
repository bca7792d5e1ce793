import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LogConfig,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely'
import pg from 'pg'
import type { DbConfig } from '../config/config.js'
import { ConflictError, ValidationError } from '../shared/errors.js'
import type { Database } from './database.js'

// The only file that imports a database driver (house style rule 1): everything else sees Kysely.

/** Options for opening a database. */
export interface CreateDbOptions {
  /** Kysely's log option: pass a function to log errors (and queries at debug level) */
  readonly log?: LogConfig
  /** PostgreSQL pool size (default 10) */
  readonly poolSize?: number
  /**
   * Told when an idle PostgreSQL connection fails (server restart, network). Without a listener
   * such an error would crash the process; the next query simply gets a fresh connection.
   */
  readonly onConnectionError?: (error: Error) => void
}

/** Opens better-sqlite3 with the pragmas the registry relies on. */
function openSqlite(file: string, options: { readonly?: boolean } = {}): SQLite.Database {
  if (file !== ':memory:' && !options.readonly) {
    mkdirSync(dirname(file), { recursive: true })
  }
  const sqlite = new SQLite(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  })
  // WAL: readers never block the writer, and the online backup can run while the server writes.
  if (!options.readonly && file !== ':memory:') {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
  }
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MiB of page cache instead of SQLite's 2 MiB: a catalogue of millions keeps its index pages
  // (the B-trees' upper levels, FTS5's structure) in memory; well inside the server's memory budget.
  sqlite.pragma('cache_size = -65536')
  // Overwrite deleted content with zeros, so erasing a person (GDPR) leaves no copy in free pages.
  sqlite.pragma('secure_delete = ON')
  return sqlite
}

/** Prepared statements kept per SQLite connection (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500

/**
 * Keeps prepared statements for reuse: Kysely's SQLite driver prepares every query anew, and on a
 * fast request (a project by id) preparing cost more than running the queries. The SQL text is the
 * key; SQLite re-prepares a cached statement itself after a schema change.
 */
function cacheStatements(sqlite: SQLite.Database): SQLite.Database {
  const prepare = sqlite.prepare.bind(sqlite)
  const cache = new Map<string, SQLite.Statement>()
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source)
    if (cached) {
      // Map order is insertion order: move it to the back, so the front is the least recently used.
      cache.delete(source)
      cache.set(source, cached)
      return cached
    }
    const stmt = prepare(source)
    cache.set(source, stmt)
    if (cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) {
        cache.delete(oldest)
      }
    }
    return stmt
  }) as typeof sqlite.prepare
  return sqlite
}

/**
 * SQLite transactions that take the write lock when they begin (`BEGIN IMMEDIATE`) instead of at
 * their first write. With several processes on one file (`serve --workers N`, or the CLI beside a
 * server), a deferred transaction that has read and then writes fails at once with SQLITE_BUSY
 * when another process wrote meanwhile (the busy timeout cannot help: its snapshot is stale); an
 * immediate one waits for the lock (busy timeout) and then reads current data. In one process
 * Kysely runs one query at a time anyway, so nothing changes there.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

const INT8_OID = 20

/**
 * PostgreSQL returns BIGINT (money in minor units, counts) as text by default. The registry's
 * amounts stay far below 2^53, so they become numbers; anything larger is a bug and fails loudly.
 */
function parseInt8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`BIGINT ${value} does not fit a JavaScript number exactly`)
  }
  return n
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/**
 * Opens the registry database the configuration names: an embedded SQLite file (WAL, foreign keys
 * on, busy timeout, secure delete) or a PostgreSQL pool. Does not migrate: see openDatabase().
 * @example
 * const db = createDb(config.db)
 * try { … } finally { await db.destroy() }
 */
export function createDb(config: DbConfig, options: CreateDbOptions = {}): Kysely<Database> {
  if (config.dialect === 'sqlite') {
    return new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: cacheStatements(openSqlite(config.file)) }),
      ...(options.log && { log: options.log }),
    })
  }
  const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10, types: pgTypes })
  pool.on('error', (error) => options.onConnectionError?.(error))
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log && { log: options.log }),
  })
}

/** The tables every Projektatlas database has, used to recognise one. */
const SIGNATURE_TABLES = ['kysely_migration', 'organisation', 'project', 'participation']

/**
 * Checks that a file is an intact Projektatlas SQLite database.
 * @returns the names of the migrations it has applied
 * @throws {ValidationError} when it is not SQLite, is damaged, or is not a Projektatlas database
 */
export function inspectSqliteDatabase(file: string): string[] {
  let sqlite: SQLite.Database
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true })
  } catch (e) {
    throw new ValidationError(`${file}: cannot be opened as an SQLite database`, 'file', { cause: e })
  }
  try {
    const check = sqlite.pragma('quick_check', { simple: true })
    if (check !== 'ok') {
      throw new ValidationError(`${file}: the database is damaged (${String(check)})`, 'file')
    }
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    )
    const missing = SIGNATURE_TABLES.filter((t) => !tables.has(t))
    if (missing.length > 0) {
      throw new ValidationError(
        `${file}: not a Projektatlas database (no ${missing.join(', ')} table)`,
        'file',
      )
    }
    return (
      sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]
    ).map((r) => r.name)
  } catch (e) {
    if (e instanceof ValidationError) {
      throw e
    }
    throw new ValidationError(`${file}: not a readable SQLite database`, 'file', { cause: e })
  } finally {
    sqlite.close()
  }
}

/**
 * Copies a live SQLite database with SQLite's online backup API: consistent even while the server
 * reads and writes (WAL), unlike a file copy.
 * @returns the number of pages copied
 * @throws {ConflictError} when `destination` already exists (never overwrite a backup silently)
 */
export async function backupSqliteDatabase(source: string, destination: string): Promise<number> {
  if (existsSync(destination)) {
    throw new ConflictError(`${destination} already exists; choose a new file name`)
  }
  inspectSqliteDatabase(source)
  mkdirSync(dirname(destination), { recursive: true })
  const sqlite = openSqlite(source)
  let pages: number
  try {
    pages = (await sqlite.backup(destination)).totalPages
  } finally {
    sqlite.close()
  }
  // The copy inherits WAL mode; switch it to a rollback journal so the backup is one
  // self-contained file that can be read, copied and checked without -wal/-shm companions.
  const copy = new SQLite(destination, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  return pages
}

/**
 * True when some process seems to have the database open: SQLite keeps the `-wal` and `-shm`
 * files while a connection is open and removes them when the last one closes cleanly.
 */
export function sqliteDatabaseInUse(file: string): boolean {
  return existsSync(`${file}-wal`) || existsSync(`${file}-shm`)
}

/**
 * Replaces a SQLite database with a backup, after checking the backup is an intact Projektatlas
 * database. Uses the online backup API (backup → target), so the target is never half-written.
 * @throws {ValidationError} when the backup is not an intact Projektatlas database
 * @throws {ConflictError} when the target seems to be in use (stop the server first)
 */
export async function restoreSqliteDatabase(backup: string, target: string): Promise<number> {
  inspectSqliteDatabase(backup)
  if (sqliteDatabaseInUse(target)) {
    throw new ConflictError(
      `${target} seems to be in use (${target}-wal exists): stop the server first; if nothing uses it, run "projektatlas migrate" once to close it cleanly`,
    )
  }
  mkdirSync(dirname(target), { recursive: true })
  const source = new SQLite(backup, { readonly: true, fileMustExist: true })
  try {
    const result = await source.backup(target)
    return result.totalPages
  } finally {
    source.close()
  }
}
