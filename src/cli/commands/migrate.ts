import { loadConfig } from '../../config/config.js'
import { createDb } from '../../db/create-db.js'
import { prepareDatabase } from '../../db/open-database.js'
import type { CliIO } from '../io.js'

/**
 * `projektatlas migrate`: brings the configured database's schema up to date, one line per
 * migration, and refreshes the programme reference list.
 * @returns 0 when the schema is current, 1 when a migration failed
 */
export async function migrate(io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  const db = createDb(config.db)
  try {
    const { results, error } = await prepareDatabase(db, config.db.dialect)
    for (const r of results) {
      const status = r.status === 'Success' ? 'applied' : r.status === 'Error' ? 'FAILED' : 'not run'
      io.out(`${status.padEnd(8)} ${r.migrationName}\n`)
    }
    if (error !== undefined) {
      io.err(`projektatlas: migration failed: ${error instanceof Error ? error.message : String(error)}\n`)
      return 1
    }
    if (results.length === 0) {
      io.out('the database schema is up to date\n')
    }
    return 0
  } finally {
    await db.destroy()
  }
}
