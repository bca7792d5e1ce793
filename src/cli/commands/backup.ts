import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig } from '../../config/config.js'
import { backupSqliteDatabase, inspectSqliteDatabase, restoreSqliteDatabase } from '../../db/create-db.js'
import type { CliIO } from '../io.js'

const POSTGRES_ADVICE =
  'projektatlas: backup and restore copy the embedded SQLite database; for PostgreSQL use its own tools:\n' +
  '  pg_dump --format=custom --file=projektatlas.dump "$DATABASE_URL"\n' +
  '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" projektatlas.dump\n'

/**
 * `projektatlas backup <file>`: copies the SQLite database with SQLite's online backup API, which
 * is consistent while the server keeps reading and writing. Refuses to overwrite a file.
 * @returns 0 on success, 1 for a PostgreSQL configuration (pg_dump is the tool)
 */
export async function backup(file: string, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  if (config.db.dialect === 'postgres') {
    io.err(POSTGRES_ADVICE)
    return 1
  }
  const destination = resolve(io.cwd, file)
  if (config.db.file === ':memory:' || !existsSync(config.db.file)) {
    io.err(`projektatlas: there is no database at ${config.db.file} to back up\n`)
    return 1
  }
  const pages = await backupSqliteDatabase(config.db.file, destination)
  const migrations = inspectSqliteDatabase(destination)
  io.out(
    `backed up ${config.db.file} to ${destination} (${pages} pages, schema ${migrations.at(-1) ?? 'empty'})\n`,
  )
  return 0
}

/**
 * `projektatlas restore <file>`: replaces the SQLite database with a backup after checking the
 * backup is an intact Projektatlas database, and refuses while the database is in use. The
 * current database is first saved beside it as `<name>.before-restore-<time>`.
 * @returns 0 on success, 1 for a PostgreSQL configuration (pg_restore is the tool)
 */
export async function restore(file: string, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  if (config.db.dialect === 'postgres') {
    io.err(POSTGRES_ADVICE)
    return 1
  }
  const source = resolve(io.cwd, file)
  const target = config.db.file
  inspectSqliteDatabase(source)
  if (existsSync(target)) {
    const saved = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await backupSqliteDatabase(target, saved)
    io.out(`saved the current database as ${saved}\n`)
  }
  const pages = await restoreSqliteDatabase(source, target)
  io.out(`restored ${source} to ${target} (${pages} pages); the next start migrates it if it is older\n`)
  return 0
}
