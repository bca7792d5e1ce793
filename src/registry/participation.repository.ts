import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type {
  ContactRow,
  NewParticipationRow,
  ParticipationGoalRow,
  ParticipationRowUpdate,
  ParticipationRowWithNames,
  PaymentRow,
} from './participation.table.js'

// Reads take a list of tenants (one for a tenant's own view, many for the public catalogue) and
// filter on it AND on the ids, so a row of a tenant not asked for is never returned; callers still
// match each row to its own tenant.

function selectParticipations(db: Kysely<Database>, tenantIds: readonly number[]) {
  return db
    .selectFrom('participation')
    .innerJoin('organisation', 'organisation.id', 'participation.organisation_id')
    .leftJoin('unit', 'unit.id', 'participation.unit_id')
    .selectAll('participation')
    .select([
      'organisation.name as organisation_name',
      'organisation.country as organisation_country',
      'unit.name as unit_name',
    ])
    .where('participation.tenant_id', 'in', tenantIds)
}

export async function insertParticipation(db: Kysely<Database>, row: NewParticipationRow): Promise<number> {
  const r = await db.insertInto('participation').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function findParticipationById(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ParticipationRowWithNames | undefined> {
  return selectParticipations(db, [tenantId]).where('participation.id', '=', id).executeTakeFirst()
}

/**
 * Participations of the given projects of these tenants, by project, each in the order it was added
 * (a source's order survives).
 */
export async function findParticipationsByProjects(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  projectIds: readonly number[],
): Promise<ParticipationRowWithNames[]> {
  if (tenantIds.length === 0 || projectIds.length === 0) {
    return []
  }
  return selectParticipations(db, tenantIds)
    .where('participation.project_id', 'in', projectIds)
    .orderBy('participation.project_id')
    .orderBy('participation.id')
    .execute()
}

export async function updateParticipationRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: ParticipationRowUpdate,
): Promise<void> {
  await db
    .updateTable('participation')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function deleteParticipationRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<boolean> {
  const r = await db
    .deleteFrom('participation')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function findPayments(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  participationIds: readonly number[],
): Promise<PaymentRow[]> {
  if (tenantIds.length === 0 || participationIds.length === 0) {
    return []
  }
  return db
    .selectFrom('payment')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .where('participation_id', 'in', participationIds)
    .orderBy('year')
    .orderBy('id')
    .execute()
}

/** Adds payments of a participation (which has none yet). */
export async function insertPayments(
  db: Kysely<Database>,
  tenantId: number,
  participationId: number,
  payments: readonly { year: number; amount_minor: number; currency: string }[],
): Promise<void> {
  if (payments.length > 0) {
    await db
      .insertInto('payment')
      .values(payments.map((p) => ({ tenant_id: tenantId, participation_id: participationId, ...p })))
      .execute()
  }
}

export async function replacePayments(
  db: Kysely<Database>,
  tenantId: number,
  participationId: number,
  payments: readonly { year: number; amount_minor: number; currency: string }[],
): Promise<void> {
  await db
    .deleteFrom('payment')
    .where('tenant_id', '=', tenantId)
    .where('participation_id', '=', participationId)
    .execute()
  await insertPayments(db, tenantId, participationId, payments)
}

export async function findGoalLinks(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  participationIds: readonly number[],
): Promise<ParticipationGoalRow[]> {
  if (tenantIds.length === 0 || participationIds.length === 0) {
    return []
  }
  return db
    .selectFrom('participation_goal')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .where('participation_id', 'in', participationIds)
    .orderBy('council_goal_id')
    .execute()
}

/** Links a participation (which has no links yet) to council goals. */
export async function insertGoalLinks(
  db: Kysely<Database>,
  tenantId: number,
  participationId: number,
  goalIds: readonly number[],
): Promise<void> {
  if (goalIds.length > 0) {
    await db
      .insertInto('participation_goal')
      .values(
        goalIds.map((g) => ({ tenant_id: tenantId, participation_id: participationId, council_goal_id: g })),
      )
      .execute()
  }
}

export async function replaceGoalLinks(
  db: Kysely<Database>,
  tenantId: number,
  participationId: number,
  goalIds: readonly number[],
): Promise<void> {
  await db
    .deleteFrom('participation_goal')
    .where('tenant_id', '=', tenantId)
    .where('participation_id', '=', participationId)
    .execute()
  await insertGoalLinks(db, tenantId, participationId, goalIds)
}

export async function insertContact(db: Kysely<Database>, row: Omit<ContactRow, 'id'>): Promise<ContactRow> {
  return db.insertInto('contact').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findContactById(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findContactsByParticipations(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  participationIds: readonly number[],
): Promise<ContactRow[]> {
  if (tenantIds.length === 0 || participationIds.length === 0) {
    return []
  }
  return db
    .selectFrom('contact')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .where('participation_id', 'in', participationIds)
    .orderBy('id')
    .execute()
}

/** Contacts of the tenant with this e-mail (case-insensitive) or this exact name. */
export async function findContactsByPerson(
  db: Kysely<Database>,
  tenantId: number,
  person: { email?: string; name?: string },
): Promise<ContactRow[]> {
  let q = db.selectFrom('contact').selectAll().where('tenant_id', '=', tenantId)
  if (person.email !== undefined) {
    q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', person.email?.toLowerCase() ?? ''))
  } else {
    q = q.where('name', '=', person.name ?? '')
  }
  return q.orderBy('id').execute()
}

export async function updateContactRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: Partial<Pick<ContactRow, 'name' | 'title' | 'phone' | 'email'>>,
): Promise<void> {
  await db.updateTable('contact').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

export async function deleteContactRow(db: Kysely<Database>, tenantId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('contact')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
