import type { Dialect } from '../config/config.js'

/**
 * The dialect seam: the few places where SQLite and PostgreSQL differ, in one file.
 *
 * Representation choices that make most differences disappear (so there is little to branch on):
 * - booleans are INTEGER 0/1 on both engines (better-sqlite3 cannot bind JS booleans);
 * - timestamps are ISO 8601 UTC text written by the application (sortable as text, no driver Date
 *   conversions, no time-zone surprises);
 * - partial dates ("2015", "2015-09") are text: they are not instants and must not become one;
 * - money is a BIGINT count of minor units; the PostgreSQL pool parses int8 to a safe JS number
 *   (create-db.ts), so both engines return numbers;
 * - JSON payloads (audit before/after, lists) are text;
 * - case-insensitive search compares a `search_text` column the application folds to lower case,
 *   because lower()/ILIKE treat Å, Ä, Ö differently per engine and PostgreSQL locale.
 */
export type { Dialect }

/** Storage form of a boolean on both engines. */
export function toDbBool(value: boolean): number {
  return value ? 1 : 0
}

/** Reads a stored boolean. */
export function fromDbBool(value: number | boolean): boolean {
  return value === true || value === 1
}

function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') {
    return e.code
  }
  return undefined
}

/** True when a write failed on a UNIQUE constraint (SQLite extended code, or PostgreSQL SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const code = errorCode(e)
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

/** True when a write failed on a FOREIGN KEY constraint (SQLite, or PostgreSQL SQLSTATE 23503). */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = errorCode(e)
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503'
}
