import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely'
import type { Dialect } from '../config/config.js'
import * as createRegistry from './migrations/2026_11_27_1030_create_registry.js'
import * as projectSearchText from './migrations/2026_11_27_1100_project_search_text.js'
import * as createAccounts from './migrations/2026_11_27_1200_create_accounts.js'
import * as catalogueSearch from './migrations/2026_11_27_1210_catalogue_search.js'
import * as curation from './migrations/2026_11_27_1220_curation.js'
import * as projectPublication from './migrations/2026_11_27_1230_project_publication.js'
import * as report from './migrations/2026_11_27_1250_report.js'
import * as catalogueSortKey from './migrations/2026_11_27_1300_catalogue_sort_key.js'
import * as catalogueInlineFacets from './migrations/2026_11_27_1400_catalogue_inline_facets.js'

/** A migration file's exports: `up`/`down` receive the dialect for the few branches they need. */
interface MigrationModule {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>
  down?(db: Kysely<unknown>, dialect: Dialect): Promise<void>
}

// A static index rather than a folder scan, so a bundled or compiled build still carries every
// migration. Names sort by time; add new files at the end.
const MIGRATIONS: Record<string, MigrationModule> = {
  '2026_11_27_1030_create_registry': createRegistry,
  '2026_11_27_1100_project_search_text': projectSearchText,
  '2026_11_27_1200_create_accounts': createAccounts,
  '2026_11_27_1210_catalogue_search': catalogueSearch,
  '2026_11_27_1220_curation': curation,
  '2026_11_27_1230_project_publication': projectPublication,
  '2026_11_27_1250_report': report,
  '2026_11_27_1300_catalogue_sort_key': catalogueSortKey,
  '2026_11_27_1400_catalogue_inline_facets': catalogueInlineFacets,
}

/** Provides the migrations, bound to one dialect. */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.dialect
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => {
        const migration: Migration = {
          up: (db) => m.up(db, dialect),
          ...(m.down && { down: (db: Kysely<unknown>) => m.down?.(db, dialect) ?? Promise.resolve() }),
        }
        return [name, migration]
      }),
    )
  }
}

/** Every migration's name, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS)

/** What a migration run did: one result per migration touched, and the error that stopped it, if any. */
export interface MigrationOutcome {
  readonly results: readonly MigrationResult[]
  readonly error?: unknown
}

/**
 * Brings the schema up to date. Never throws for a failed migration: the error is part of the
 * outcome (Kysely's MigrationResultSet), so the caller decides how to report it.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(dialect) })
  const { results, error } = await migrator.migrateToLatest()
  return error === undefined ? { results: results ?? [] } : { results: results ?? [], error }
}
