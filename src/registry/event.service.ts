import { NotFoundError, ValidationError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import type { NewProjectEvent, ParticipantCount, ProjectEvent, ProjectEventPatch } from './event.js'
import {
  deleteEventRow,
  findEvent,
  findEventsByProject,
  findParticipants,
  insertEvent,
  replaceParticipants,
  updateEventRow,
} from './event.repository.js'
import type { EventParticipantRow, ProjectEventRow } from './event.table.js'
import { checkPartialDate, checkPeriod } from './partial-date.js'
import { getProject } from './project.service.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from event rows to the domain. */
export function eventRowToEvent(
  row: ProjectEventRow,
  participants: readonly EventParticipantRow[],
): ProjectEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    projectId: row.project_id,
    title: row.title,
    place: row.place,
    country: row.country,
    start: row.start_date,
    end: row.end_date,
    participants: participants
      .filter((p) => p.event_id === row.id)
      .map((p) => ({ country: p.country, count: p.count })),
    createdAt: row.created_at,
  }
}

function checkParticipants(participants: readonly ParticipantCount[] | undefined): void {
  const seen = new Set<string>()
  for (const p of participants ?? []) {
    if (seen.has(p.country)) {
      throw new ValidationError(`participants: ${p.country} is listed twice`, 'participants')
    }
    seen.add(p.country)
  }
}

/**
 * Adds an activity to a project.
 * @throws {NotFoundError} when the tenant has no such project
 * @throws {ValidationError} naming the field
 */
export async function createEvent(
  db: Db,
  scope: Scope,
  projectId: number,
  input: NewProjectEvent,
): Promise<ProjectEvent> {
  checkPartialDate(input.start, 'start')
  checkPartialDate(input.end, 'end')
  checkPeriod(input.start, input.end, 'end')
  checkParticipants(input.participants)
  return inTransaction(db, async (trx) => {
    await getProject(trx, scope, projectId)
    const id = await insertEvent(trx, {
      tenant_id: scope.tenantId,
      project_id: projectId,
      title: input.title,
      place: input.place ?? null,
      country: input.country ?? null,
      start_date: input.start ?? null,
      end_date: input.end ?? null,
      created_at: now(),
    })
    await replaceParticipants(trx, scope.tenantId, id, input.participants ?? [])
    const event = await getEvent(trx, scope, id)
    await recordAudit(trx, scope, 'event', id, 'create', null, event)
    return event
  })
}

/**
 * One event of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getEvent(db: Db, scope: Scope, id: number): Promise<ProjectEvent> {
  const row = await findEvent(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No event with id ${id}`)
  }
  return eventRowToEvent(row, await findParticipants(db, scope.tenantId, [id]))
}

/** A project's events, by start. */
export async function listEvents(db: Db, scope: Scope, projectId: number): Promise<ProjectEvent[]> {
  const rows = await findEventsByProject(db, scope.tenantId, projectId)
  const participants = await findParticipants(
    db,
    scope.tenantId,
    rows.map((r) => r.id),
  )
  return rows.map((r) => eventRowToEvent(r, participants))
}

/**
 * Changes an event; `participants`, when present, replaces the counts.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function updateEvent(
  db: Db,
  scope: Scope,
  id: number,
  patch: ProjectEventPatch,
): Promise<ProjectEvent> {
  return inTransaction(db, async (trx) => {
    const before = await getEvent(trx, scope, id)
    checkPartialDate(patch.start, 'start')
    checkPartialDate(patch.end, 'end')
    checkPeriod(
      patch.start !== undefined ? patch.start : before.start,
      patch.end !== undefined ? patch.end : before.end,
      'end',
    )
    checkParticipants(patch.participants)
    await updateEventRow(trx, scope.tenantId, id, {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.place !== undefined && { place: patch.place }),
      ...(patch.country !== undefined && { country: patch.country }),
      ...(patch.start !== undefined && { start_date: patch.start }),
      ...(patch.end !== undefined && { end_date: patch.end }),
    })
    if (patch.participants !== undefined) {
      await replaceParticipants(trx, scope.tenantId, id, patch.participants)
    }
    const after = await getEvent(trx, scope, id)
    await recordAudit(trx, scope, 'event', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes an event.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function deleteEvent(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getEvent(trx, scope, id)
    await deleteEventRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'event', id, 'delete', before, null)
  })
}
