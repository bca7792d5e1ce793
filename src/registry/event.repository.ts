import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { EventParticipantRow, ProjectEventRow } from './event.table.js'

export async function insertEvent(db: Kysely<Database>, row: Omit<ProjectEventRow, 'id'>): Promise<number> {
  return (await db.insertInto('project_event').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function findEvent(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ProjectEventRow | undefined> {
  return db
    .selectFrom('project_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findEventsByProject(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
): Promise<ProjectEventRow[]> {
  return db
    .selectFrom('project_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('project_id', '=', projectId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
}

export async function updateEventRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: Partial<Omit<ProjectEventRow, 'id' | 'tenant_id' | 'project_id' | 'created_at'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) {
    return
  }
  await db
    .updateTable('project_event')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function deleteEventRow(db: Kysely<Database>, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('project_event').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

export async function findParticipants(
  db: Kysely<Database>,
  tenantId: number,
  eventIds: readonly number[],
): Promise<EventParticipantRow[]> {
  if (eventIds.length === 0) {
    return []
  }
  return db
    .selectFrom('event_participant')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('event_id', 'in', eventIds)
    .orderBy('country')
    .execute()
}

export async function replaceParticipants(
  db: Kysely<Database>,
  tenantId: number,
  eventId: number,
  counts: readonly { country: string; count: number }[],
): Promise<void> {
  await db
    .deleteFrom('event_participant')
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .execute()
  if (counts.length > 0) {
    await db
      .insertInto('event_participant')
      .values(
        counts.map((c) => ({ tenant_id: tenantId, event_id: eventId, country: c.country, count: c.count })),
      )
      .execute()
  }
}
