import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { NetworkRow } from './network.table.js'

export async function insertNetwork(db: Kysely<Database>, row: Omit<NetworkRow, 'id'>): Promise<NetworkRow> {
  return db.insertInto('network').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findNetwork(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<NetworkRow | undefined> {
  return db
    .selectFrom('network')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findNetworks(db: Kysely<Database>, tenantId: number): Promise<NetworkRow[]> {
  return db
    .selectFrom('network')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function updateNetworkRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: Partial<Pick<NetworkRow, 'name' | 'since' | 'until' | 'summary'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) {
    return
  }
  await db.updateTable('network').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

export async function deleteNetworkRow(db: Kysely<Database>, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('network').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}
