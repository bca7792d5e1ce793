import { fromDbBool, isForeignKeyViolation, isUniqueViolation, toDbBool } from '../db/dialect.js'
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type {
  NewOrganisation,
  NewUnit,
  Organisation,
  OrganisationFilter,
  OrganisationKind,
  OrganisationPatch,
  Unit,
} from './organisation.js'
import {
  deleteOrganisationRow,
  deleteUnitRow,
  findAliases,
  findOrganisationById,
  findOrganisationByIdentifier,
  findOrganisations,
  findOrganisationsByIds,
  findOrganisationsByNameKey,
  findUnit,
  findUnitByNameKey,
  findUnits,
  insertOrganisation,
  insertUnit,
  replaceAliases,
  updateOrganisationRow,
  updateUnitRow,
} from './organisation.repository.js'
import type { OrganisationAliasRow, OrganisationRow, UnitRow } from './organisation.table.js'
import { nameKey, now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** Who changes shared data: an actor, and the tenant on whose behalf (null outside any tenant). */
export interface Actor {
  readonly tenantId: number | null
  readonly actor: string
}

/** The one mapper from organisation rows to the domain. */
export function organisationRowToOrganisation(
  row: OrganisationRow,
  aliases: readonly OrganisationAliasRow[],
): Organisation {
  return {
    id: row.id,
    name: row.name,
    aliases: aliases.filter((a) => a.organisation_id === row.id).map((a) => a.alias),
    country: row.country,
    kind: row.kind as OrganisationKind | null,
    orgNumber: row.org_number,
    euPic: row.eu_pic,
    isTenant: fromDbBool(row.is_tenant),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The one mapper from unit rows to the domain. */
export function unitRowToUnit(row: UnitRow): Unit {
  return { id: row.id, tenantId: row.tenant_id, name: row.name, createdAt: row.created_at }
}

async function withAliases(db: Db, rows: OrganisationRow[]): Promise<Organisation[]> {
  const aliases = await findAliases(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => organisationRowToOrganisation(r, aliases))
}

function aliasRows(
  name: string,
  aliases: readonly string[] | undefined,
): { alias: string; alias_key: string }[] {
  const seen = new Set([nameKey(name)])
  const out: { alias: string; alias_key: string }[] = []
  for (const alias of aliases ?? []) {
    const key = nameKey(alias)
    if (!seen.has(key)) {
      seen.add(key)
      out.push({ alias: alias.trim(), alias_key: key })
    }
  }
  return out
}

function conflictOnUnique(e: unknown): never {
  if (isUniqueViolation(e)) {
    throw new ConflictError('An organisation with this organisationsnummer or PIC already exists', {
      cause: e,
    })
  }
  throw e
}

/**
 * Creates an organisation with its aliases.
 * @throws {ConflictError} when its organisationsnummer or PIC is already registered
 */
export async function createOrganisation(db: Db, who: Actor, input: NewOrganisation): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const at = now()
    const row = await insertOrganisation(trx, {
      name: input.name.trim(),
      name_key: nameKey(input.name),
      country: input.country ?? null,
      kind: input.kind ?? null,
      org_number: input.orgNumber ?? null,
      eu_pic: input.euPic ?? null,
      is_tenant: toDbBool(input.isTenant ?? false),
      created_at: at,
      updated_at: at,
    }).catch(conflictOnUnique)
    await replaceAliases(trx, row.id, aliasRows(row.name, input.aliases))
    const [organisation] = await withAliases(trx, [row])
    await recordAudit(trx, who, 'organisation', row.id, 'create', null, organisation)
    return organisation as Organisation
  })
}

/**
 * One organisation.
 * @throws {NotFoundError} when there is none with this id
 */
export async function getOrganisation(db: Db, id: number): Promise<Organisation> {
  const row = await findOrganisationById(db, id)
  if (!row) {
    throw new NotFoundError(`No organisation with id ${id}`)
  }
  const [organisation] = await withAliases(db, [row])
  return organisation as Organisation
}

/** True when an organisation with this id exists (a cheap check before pointing at it). */
export async function organisationExists(db: Db, id: number): Promise<boolean> {
  return (await findOrganisationById(db, id)) !== undefined
}

/** Several organisations by id, in no particular order; unknown ids are skipped. */
export async function getOrganisationsByIds(db: Db, ids: readonly number[]): Promise<Organisation[]> {
  return withAliases(db, await findOrganisationsByIds(db, [...new Set(ids)]))
}

/** Organisations, ordered by name. */
export async function listOrganisations(db: Db, filter: OrganisationFilter = {}): Promise<Organisation[]> {
  const rows = await findOrganisations(db, {
    queryKey: filter.query ? nameKey(filter.query) : undefined,
    tenantsOnly: filter.tenantsOnly,
    country: filter.country,
    limit: filter.limit,
    offset: filter.offset,
  })
  return withAliases(db, rows)
}

/** Organisations whose name or an alias matches `name` (case- and space-insensitive), oldest first. */
export async function findOrganisationsByName(db: Db, name: string): Promise<Organisation[]> {
  return withAliases(db, await findOrganisationsByNameKey(db, nameKey(name)))
}

/**
 * Finds an organisation by organisationsnummer, PIC, or else name/alias; creates it when none
 * matches. A name alone is a weak key, so an identifier wins when one is given.
 */
export async function findOrCreateOrganisation(
  db: Db,
  who: Actor,
  input: NewOrganisation,
): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    for (const [column, value] of [
      ['org_number', input.orgNumber],
      ['eu_pic', input.euPic],
    ] as const) {
      if (value) {
        const row = await findOrganisationByIdentifier(trx, column, value)
        if (row) {
          return getOrganisation(trx, row.id)
        }
      }
    }
    const byName = await findOrganisationsByNameKey(trx, nameKey(input.name))
    const match = byName.find((r) => !input.country || !r.country || r.country === input.country)
    if (match) {
      return getOrganisation(trx, match.id)
    }
    return createOrganisation(trx, who, input)
  })
}

/**
 * Changes an organisation; `aliases`, when given, replaces the list.
 * @throws {NotFoundError} when there is none with this id
 * @throws {ConflictError} when the new organisationsnummer or PIC belongs to another organisation
 */
export async function updateOrganisation(
  db: Db,
  who: Actor,
  id: number,
  patch: OrganisationPatch,
): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const before = await getOrganisation(trx, id)
    const name = patch.name?.trim() ?? before.name
    await updateOrganisationRow(trx, id, {
      name,
      name_key: nameKey(name),
      ...(patch.country !== undefined && { country: patch.country }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.orgNumber !== undefined && { org_number: patch.orgNumber }),
      ...(patch.euPic !== undefined && { eu_pic: patch.euPic }),
      ...(patch.isTenant !== undefined && { is_tenant: toDbBool(patch.isTenant) }),
      updated_at: now(),
    }).catch(conflictOnUnique)
    if (patch.aliases !== undefined || patch.name !== undefined) {
      await replaceAliases(trx, id, aliasRows(name, patch.aliases ?? before.aliases))
    }
    const after = await getOrganisation(trx, id)
    await recordAudit(trx, who, 'organisation', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes an organisation.
 * @throws {NotFoundError} when there is none with this id
 * @throws {ConflictError} when it still takes part in projects or is a tenant with data
 */
export async function deleteOrganisation(db: Db, who: Actor, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getOrganisation(trx, id)
    try {
      await deleteOrganisationRow(trx, id)
    } catch (e) {
      if (isForeignKeyViolation(e)) {
        throw new ConflictError(`Organisation ${id} is still referenced (participations or tenant data)`, {
          cause: e,
        })
      }
      throw e
    }
    await recordAudit(trx, who, 'organisation', id, 'delete', before, null)
  })
}

/**
 * Finds the tenant organisation with this name, or creates it (or marks an existing organisation
 * of that name as a tenant). The entry point for a new installation, the demo and imports.
 */
export async function ensureTenant(db: Db, actor: string, input: NewOrganisation): Promise<Organisation> {
  return inTransaction(db, async (trx) => {
    const who = { tenantId: null, actor }
    const existing = await findOrCreateOrganisation(trx, who, { ...input, isTenant: true })
    if (existing.isTenant) {
      return existing
    }
    return updateOrganisation(trx, who, existing.id, { isTenant: true })
  })
}

/**
 * Returns the tenant with this id.
 * @throws {NotFoundError} when the id is unknown or not a tenant
 */
export async function getTenant(db: Db, tenantId: number): Promise<Organisation> {
  const organisation = await getOrganisation(db, tenantId)
  if (!organisation.isTenant) {
    throw new NotFoundError(`Organisation ${tenantId} is not a tenant`)
  }
  return organisation
}

/**
 * Several tenants by id at once, keyed by id.
 * @throws {NotFoundError} when one of them is no organisation or not a tenant
 */
export async function getTenants(db: Db, tenantIds: readonly number[]): Promise<Map<number, Organisation>> {
  const found = new Map((await getOrganisationsByIds(db, tenantIds)).map((o) => [o.id, o]))
  for (const id of tenantIds) {
    const organisation = found.get(id)
    if (!organisation) {
      throw new NotFoundError(`No organisation with id ${id}`)
    }
    if (!organisation.isTenant) {
      throw new NotFoundError(`Organisation ${id} is not a tenant`)
    }
  }
  return found
}

/** Every tenant, ordered by name. */
export async function listTenants(db: Db): Promise<Organisation[]> {
  return listOrganisations(db, { tenantsOnly: true })
}

/** A tenant's units, ordered by name. */
export async function listUnits(db: Db, scope: Scope): Promise<Unit[]> {
  return (await findUnits(db, scope.tenantId)).map(unitRowToUnit)
}

/**
 * One unit of the tenant.
 * @throws {NotFoundError} when the tenant has no unit with this id
 */
export async function getUnit(db: Db, scope: Scope, id: number): Promise<Unit> {
  const row = await findUnit(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No unit with id ${id}`)
  }
  return unitRowToUnit(row)
}

/**
 * Creates a unit of the tenant.
 * @throws {ConflictError} when the tenant already has a unit of that name
 */
export async function createUnit(db: Db, scope: Scope, input: NewUnit): Promise<Unit> {
  return inTransaction(db, async (trx) => {
    const row = await insertUnit(trx, {
      tenant_id: scope.tenantId,
      name: input.name.trim(),
      name_key: nameKey(input.name),
      created_at: now(),
    }).catch((e: unknown) => {
      if (isUniqueViolation(e)) {
        throw new ConflictError(`A unit named "${input.name}" already exists`, { cause: e })
      }
      if (isForeignKeyViolation(e)) {
        throw new ValidationError(`Tenant ${scope.tenantId} does not exist`, 'tenantId', { cause: e })
      }
      throw e
    })
    const unit = unitRowToUnit(row)
    await recordAudit(trx, scope, 'unit', unit.id, 'create', null, unit)
    return unit
  })
}

/** The tenant's unit of this name, created when missing. */
export async function findOrCreateUnit(db: Db, scope: Scope, name: string): Promise<Unit> {
  return inTransaction(db, async (trx) => {
    const row = await findUnitByNameKey(trx, scope.tenantId, nameKey(name))
    return row ? unitRowToUnit(row) : createUnit(trx, scope, { name })
  })
}

/**
 * Renames a unit.
 * @throws {NotFoundError} when the tenant has no unit with this id
 */
export async function updateUnit(db: Db, scope: Scope, id: number, patch: Partial<NewUnit>): Promise<Unit> {
  return inTransaction(db, async (trx) => {
    const before = await getUnit(trx, scope, id)
    const name = patch.name?.trim() ?? before.name
    const row = await updateUnitRow(trx, scope.tenantId, id, { name, name_key: nameKey(name) })
    const after = unitRowToUnit(row as UnitRow)
    await recordAudit(trx, scope, 'unit', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes a unit; participations that named it keep their organisation and lose the unit.
 * @throws {NotFoundError} when the tenant has no unit with this id
 */
export async function deleteUnit(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getUnit(trx, scope, id)
    await deleteUnitRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'unit', id, 'delete', before, null)
  })
}
