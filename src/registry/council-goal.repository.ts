import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { CouncilGoalRow } from './council-goal.table.js'

export async function insertCouncilGoal(
  db: Kysely<Database>,
  row: Omit<CouncilGoalRow, 'id'>,
): Promise<CouncilGoalRow> {
  return db.insertInto('council_goal').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findCouncilGoal(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<CouncilGoalRow | undefined> {
  return db
    .selectFrom('council_goal')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Goals by id of any of these tenants (callers match each to its tenant), ordered by period and number. */
export async function findCouncilGoalsByIds(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  ids: readonly number[],
): Promise<CouncilGoalRow[]> {
  if (tenantIds.length === 0 || ids.length === 0) {
    return []
  }
  return db
    .selectFrom('council_goal')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .where('id', 'in', ids)
    .orderBy('period')
    .orderBy('number')
    .execute()
}

export async function findCouncilGoals(
  db: Kysely<Database>,
  tenantId: number,
  period: string | undefined,
): Promise<CouncilGoalRow[]> {
  let q = db.selectFrom('council_goal').selectAll().where('tenant_id', '=', tenantId)
  if (period !== undefined) {
    q = q.where('period', '=', period)
  }
  return q.orderBy('period').orderBy('number').execute()
}

export async function updateCouncilGoalRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: Partial<Pick<CouncilGoalRow, 'period' | 'number' | 'text'>>,
): Promise<void> {
  await db
    .updateTable('council_goal')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function deleteCouncilGoalRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<void> {
  await db.deleteFrom('council_goal').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}
