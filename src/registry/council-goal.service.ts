import { isUniqueViolation } from '../db/dialect.js'
import { ConflictError, NotFoundError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type { CouncilGoal, CouncilGoalPatch, NewCouncilGoal } from './council-goal.js'
import {
  deleteCouncilGoalRow,
  findCouncilGoal,
  findCouncilGoals,
  findCouncilGoalsByIds,
  insertCouncilGoal,
  updateCouncilGoalRow,
} from './council-goal.repository.js'
import type { CouncilGoalRow } from './council-goal.table.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from council goal rows to the domain. */
export function councilGoalRowToCouncilGoal(row: CouncilGoalRow): CouncilGoal {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    period: row.period,
    number: row.number,
    text: row.text,
    createdAt: row.created_at,
  }
}

function conflict(e: unknown): never {
  if (isUniqueViolation(e)) {
    throw new ConflictError('The tenant already has a goal with this number in this period', { cause: e })
  }
  throw e
}

/**
 * Adds a numbered goal for a period.
 * @throws {ConflictError} when the number is taken in that period
 */
export async function createCouncilGoal(db: Db, scope: Scope, input: NewCouncilGoal): Promise<CouncilGoal> {
  return inTransaction(db, async (trx) => {
    const row = await insertCouncilGoal(trx, {
      tenant_id: scope.tenantId,
      period: input.period,
      number: input.number,
      text: input.text,
      created_at: now(),
    }).catch(conflict)
    const goal = councilGoalRowToCouncilGoal(row)
    await recordAudit(trx, scope, 'council_goal', goal.id, 'create', null, goal)
    return goal
  })
}

/**
 * One goal of the tenant.
 * @throws {NotFoundError} when the tenant has no goal with this id
 */
export async function getCouncilGoal(db: Db, scope: Scope, id: number): Promise<CouncilGoal> {
  const row = await findCouncilGoal(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No council goal with id ${id}`)
  }
  return councilGoalRowToCouncilGoal(row)
}

/** The tenant's goals by id (ids of other tenants are skipped), ordered by period and number. */
export async function getCouncilGoalsByIds(
  db: Db,
  scope: Scope,
  ids: readonly number[],
): Promise<CouncilGoal[]> {
  return getCouncilGoalsOfTenants(db, [scope.tenantId], ids)
}

/**
 * Goals of several tenants by id at once (the public catalogue's pages span many), ordered by
 * period and number. Only goals of the given tenants are read; match each by `tenantId` and `id`.
 */
export async function getCouncilGoalsOfTenants(
  db: Db,
  tenantIds: readonly number[],
  ids: readonly number[],
): Promise<CouncilGoal[]> {
  return (await findCouncilGoalsByIds(db, tenantIds, [...new Set(ids)])).map(councilGoalRowToCouncilGoal)
}

/** The tenant's goals, for one period or all, ordered by period and number. */
export async function listCouncilGoals(db: Db, scope: Scope, period?: string): Promise<CouncilGoal[]> {
  return (await findCouncilGoals(db, scope.tenantId, period)).map(councilGoalRowToCouncilGoal)
}

/**
 * Changes a goal.
 * @throws {NotFoundError} when the tenant has no goal with this id
 * @throws {ConflictError} when the new number is taken in that period
 */
export async function updateCouncilGoal(
  db: Db,
  scope: Scope,
  id: number,
  patch: CouncilGoalPatch,
): Promise<CouncilGoal> {
  return inTransaction(db, async (trx) => {
    const before = await getCouncilGoal(trx, scope, id)
    await updateCouncilGoalRow(trx, scope.tenantId, id, patch).catch(conflict)
    const after = await getCouncilGoal(trx, scope, id)
    await recordAudit(trx, scope, 'council_goal', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes a goal; participations stop pointing at it.
 * @throws {NotFoundError} when the tenant has no goal with this id
 */
export async function deleteCouncilGoal(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getCouncilGoal(trx, scope, id)
    await deleteCouncilGoalRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'council_goal', id, 'delete', before, null)
  })
}
