import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The read-only ../shared folder beside the repository (seeds, gold, forms), as CI lays it out. */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared')

/** True when ../shared is there; tests that need it skip, saying why, only when it is not (never in CI). */
export const HAS_SHARED = existsSync(join(SHARED_DIR, 'seeds'))

/** The `skip` option for a test or suite that reads ../shared: false, or the printed reason. */
export const NEEDS_SHARED: false | string = HAS_SHARED
  ? false
  : `../shared is absent (looked in ${SHARED_DIR})`

/** A path inside ../shared. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts)
}
