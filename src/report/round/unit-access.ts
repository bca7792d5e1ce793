import type { Principal } from '../../accounts/account.js'
import { roleAtLeast } from '../../accounts/role.js'
import { NotFoundError } from '../../shared/errors.js'

/**
 * Whether a principal may see and fill a unit's form in a reporting round: coordinators and
 * admins see every unit, a tenant-wide role sees every unit, and a role narrowed to one unit
 * sees only that unit's form.
 */
export function mayUseRoundUnit(principal: Principal, tenantId: number, unitId: number): boolean {
  const held = principal.roles.find((r) => r.tenantId === tenantId)
  if (!held) {
    return false
  }
  if (roleAtLeast(held.role, 'coordinator') || held.unitId === null) {
    return true
  }
  return held.unitId === unitId
}

/**
 * The one rule every unit-level round route applies before its handler runs.
 * @throws {NotFoundError} for another unit's form, the same answer as for a missing record, so a
 *   narrowed editor cannot even probe which units take part
 */
export function requireRoundUnit(principal: Principal, tenantId: number, unitId: number): void {
  if (!mayUseRoundUnit(principal, tenantId, unitId)) {
    throw new NotFoundError('Not found')
  }
}
