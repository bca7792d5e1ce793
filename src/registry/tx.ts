import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database.js'

/** The database handle every service takes: the Kysely instance or a transaction opened by a caller. */
export type Db = Kysely<Database>

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is one, so use cases
 * (importDocument) can compose services into ONE transaction.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    return fn(db as Transaction<Database>)
  }
  return db.transaction().execute(fn)
}
