import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen in time: imports no application code. A project is a draft until a coordinator publishes
// it; only published projects reach the public catalogue, its API and open data. Projects that
// existed before this migration were public, so they stay published.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project').addColumn('published_at', 'text').execute()
  await sql`update project set published_at = updated_at`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project').dropColumn('published_at').execute()
}
