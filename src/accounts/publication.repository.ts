import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** When a tenant's project was published; undefined when there is no such project, null for a draft. */
export async function findPublishedAt(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('project')
    .select('published_at')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', projectId)
    .executeTakeFirst()
  return row === undefined ? undefined : row.published_at
}

/** Sets or clears a project's publication instant (the catalogue's triggers reindex it). */
export async function setPublishedAt(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
  at: string | null,
): Promise<void> {
  await db
    .updateTable('project')
    .set({ published_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', projectId)
    .execute()
}
