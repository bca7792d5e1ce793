import { NotFoundError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type { Network, NetworkPatch, NewNetwork } from './network.js'
import {
  deleteNetworkRow,
  findNetwork,
  findNetworks,
  insertNetwork,
  updateNetworkRow,
} from './network.repository.js'
import type { NetworkRow } from './network.table.js'
import { checkPartialDate, checkPeriod } from './partial-date.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from a network row to the domain. */
export function networkRowToNetwork(row: NetworkRow): Network {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    since: row.since,
    until: row.until,
    summary: row.summary,
    createdAt: row.created_at,
  }
}

/**
 * Records the tenant's membership of a network.
 * @throws {ValidationError} naming the field for an impossible date or until before since
 */
export async function createNetwork(db: Db, scope: Scope, input: NewNetwork): Promise<Network> {
  checkPartialDate(input.since, 'since')
  checkPartialDate(input.until, 'until')
  checkPeriod(input.since, input.until, 'until')
  return inTransaction(db, async (trx) => {
    const row = await insertNetwork(trx, {
      tenant_id: scope.tenantId,
      name: input.name,
      since: input.since ?? null,
      until: input.until ?? null,
      summary: input.summary ?? null,
      created_at: now(),
    })
    const network = networkRowToNetwork(row)
    await recordAudit(trx, scope, 'network', network.id, 'create', null, network)
    return network
  })
}

/**
 * One membership of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getNetwork(db: Db, scope: Scope, id: number): Promise<Network> {
  const row = await findNetwork(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No network with id ${id}`)
  }
  return networkRowToNetwork(row)
}

/** The tenant's network memberships, by name. */
export async function listNetworks(db: Db, scope: Scope): Promise<Network[]> {
  return (await findNetworks(db, scope.tenantId)).map(networkRowToNetwork)
}

/**
 * Changes a membership.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function updateNetwork(db: Db, scope: Scope, id: number, patch: NetworkPatch): Promise<Network> {
  return inTransaction(db, async (trx) => {
    const before = await getNetwork(trx, scope, id)
    checkPartialDate(patch.since, 'since')
    checkPartialDate(patch.until, 'until')
    checkPeriod(
      patch.since !== undefined ? patch.since : before.since,
      patch.until !== undefined ? patch.until : before.until,
      'until',
    )
    await updateNetworkRow(trx, scope.tenantId, id, patch)
    const after = await getNetwork(trx, scope, id)
    await recordAudit(trx, scope, 'network', id, 'update', before, after)
    return after
  })
}

/**
 * Ends the record of a membership.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function deleteNetwork(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getNetwork(trx, scope, id)
    await deleteNetworkRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'network', id, 'delete', before, null)
  })
}
