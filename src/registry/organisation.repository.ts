import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type {
  NewOrganisationRow,
  OrganisationAliasRow,
  OrganisationRow,
  OrganisationRowUpdate,
  UnitRow,
} from './organisation.table.js'

export async function insertOrganisation(
  db: Kysely<Database>,
  row: NewOrganisationRow,
): Promise<OrganisationRow> {
  return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findOrganisationById(
  db: Kysely<Database>,
  id: number,
): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findOrganisationsByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<OrganisationRow[]> {
  if (ids.length === 0) {
    return []
  }
  return db.selectFrom('organisation').selectAll().where('id', 'in', ids).execute()
}

/** Organisations whose name or one of whose aliases has this name key, oldest first. */
export async function findOrganisationsByNameKey(
  db: Kysely<Database>,
  key: string,
): Promise<OrganisationRow[]> {
  return db
    .selectFrom('organisation')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('name_key', '=', key),
        eb(
          'id',
          'in',
          eb.selectFrom('organisation_alias').select('organisation_id').where('alias_key', '=', key),
        ),
      ]),
    )
    .orderBy('id')
    .execute()
}

export async function findOrganisationByIdentifier(
  db: Kysely<Database>,
  column: 'org_number' | 'eu_pic',
  value: string,
): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where(column, '=', value).executeTakeFirst()
}

export async function findOrganisations(
  db: Kysely<Database>,
  filter: { queryKey?: string; tenantsOnly?: boolean; country?: string; limit?: number; offset?: number },
): Promise<OrganisationRow[]> {
  let q = db.selectFrom('organisation').selectAll()
  if (filter.queryKey) {
    const pattern = `%${filter.queryKey}%`
    q = q.where((eb) =>
      eb.or([
        eb('name_key', 'like', pattern),
        eb(
          'id',
          'in',
          eb.selectFrom('organisation_alias').select('organisation_id').where('alias_key', 'like', pattern),
        ),
      ]),
    )
  }
  if (filter.tenantsOnly) {
    q = q.where('is_tenant', '=', 1)
  }
  if (filter.country) {
    q = q.where('country', '=', filter.country)
  }
  return q
    .orderBy('name_key')
    .orderBy('id')
    .limit(filter.limit ?? 10_000)
    .offset(filter.offset ?? 0)
    .execute()
}

export async function updateOrganisationRow(
  db: Kysely<Database>,
  id: number,
  patch: OrganisationRowUpdate,
): Promise<OrganisationRow | undefined> {
  return db.updateTable('organisation').set(patch).where('id', '=', id).returningAll().executeTakeFirst()
}

export async function deleteOrganisationRow(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('organisation').where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function findAliases(
  db: Kysely<Database>,
  organisationIds: readonly number[],
): Promise<OrganisationAliasRow[]> {
  if (organisationIds.length === 0) {
    return []
  }
  return db
    .selectFrom('organisation_alias')
    .selectAll()
    .where('organisation_id', 'in', organisationIds)
    .orderBy('id')
    .execute()
}

/** Replaces an organisation's aliases. */
export async function replaceAliases(
  db: Kysely<Database>,
  organisationId: number,
  aliases: readonly { alias: string; alias_key: string }[],
): Promise<void> {
  await db.deleteFrom('organisation_alias').where('organisation_id', '=', organisationId).execute()
  if (aliases.length > 0) {
    await db
      .insertInto('organisation_alias')
      .values(aliases.map((a) => ({ organisation_id: organisationId, ...a })))
      .execute()
  }
}

export async function insertUnit(
  db: Kysely<Database>,
  row: { tenant_id: number; name: string; name_key: string; created_at: string },
): Promise<UnitRow> {
  return db.insertInto('unit').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findUnit(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<UnitRow | undefined> {
  return db
    .selectFrom('unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findUnitByNameKey(
  db: Kysely<Database>,
  tenantId: number,
  key: string,
): Promise<UnitRow | undefined> {
  return db
    .selectFrom('unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name_key', '=', key)
    .executeTakeFirst()
}

export async function findUnits(db: Kysely<Database>, tenantId: number): Promise<UnitRow[]> {
  return db.selectFrom('unit').selectAll().where('tenant_id', '=', tenantId).orderBy('name_key').execute()
}

export async function updateUnitRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: { name: string; name_key: string },
): Promise<UnitRow | undefined> {
  return db
    .updateTable('unit')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteUnitRow(db: Kysely<Database>, tenantId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('unit')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
