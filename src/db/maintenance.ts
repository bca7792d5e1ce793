import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../config/config.js'
import type { Database } from './database.js'

/**
 * After an erasure (GDPR): makes sure deleted rows leave no copy in the SQLite write-ahead log by
 * checkpointing it into the main file (where secure_delete has zeroed them) and truncating it.
 * PostgreSQL reclaims dead rows with autovacuum; nothing to do here.
 */
export async function purgeFreedPages(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  }
}
