import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** True when the tenant's project has a participation held by the unit. */
export async function projectHasUnit(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
  unitId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('participation')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('project_id', '=', projectId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst()
  return row !== undefined
}
