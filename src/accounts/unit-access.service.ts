import type { Db } from '../registry/tx.js'
import type { Principal } from './account.js'
import { projectHasUnit } from './unit-access.repository.js'

/**
 * Whether a principal may change a project as far as units go: an editor whose role is narrowed
 * to one unit changes only projects that unit takes part in; everyone else is not narrowed.
 */
export async function mayChangeProjectOfUnit(
  db: Db,
  principal: Principal,
  tenantId: number,
  projectId: number,
): Promise<boolean> {
  const held = principal.roles.find((r) => r.tenantId === tenantId)
  if (held?.role !== 'editor' || held.unitId === null) {
    return true
  }
  return projectHasUnit(db, tenantId, projectId, held.unitId)
}
