import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { DataIssueRow } from '../registry/data-issue.table.js'
import type { OrganisationAliasRow, OrganisationRow } from '../registry/organisation.table.js'
import type { ProjectExternalIdRow, ProjectRow } from '../registry/project.table.js'
import {
  curationDb,
  type MatchCandidateRow,
  type MergeRecordRow,
  type NewMatchCandidateRow,
} from './curation.table.js'

// All of curation's SQL. Merge and split move rows of registry tables between projects; those
// statements live here, beside the rest of curation's SQL, because no registry service moves a
// row from one project to another.

export async function insertCandidate(db: Kysely<Database>, row: NewMatchCandidateRow): Promise<number> {
  const r = await curationDb(db)
    .insertInto('match_candidate')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function findCandidate(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<MatchCandidateRow | undefined> {
  return curationDb(db)
    .selectFrom('match_candidate')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findCandidates(
  db: Kysely<Database>,
  tenantId: number,
  filter: { status?: string; entity?: string; ids?: readonly number[] },
): Promise<MatchCandidateRow[]> {
  let q = curationDb(db).selectFrom('match_candidate').selectAll().where('tenant_id', '=', tenantId)
  if (filter.status !== undefined) {
    q = q.where('status', '=', filter.status)
  }
  if (filter.entity !== undefined) {
    q = q.where('entity', '=', filter.entity)
  }
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) {
      return []
    }
    q = q.where((eb) =>
      eb.or([eb('left_id', 'in', filter.ids ?? []), eb('right_id', 'in', filter.ids ?? [])]),
    )
  }
  return q.orderBy('score_permille', 'desc').orderBy('id').execute()
}

export async function decideCandidate(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  set: { status: string; decided_at: string; decided_by: string; merge_id?: number | null },
): Promise<void> {
  await curationDb(db)
    .updateTable('match_candidate')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function insertMergeRecord(
  db: Kysely<Database>,
  row: Omit<MergeRecordRow, 'id' | 'split_at' | 'split_by'>,
): Promise<number> {
  const r = await curationDb(db)
    .insertInto('merge_record')
    .values({ ...row, split_at: null, split_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function findMergeRecord(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<MergeRecordRow | undefined> {
  return curationDb(db)
    .selectFrom('merge_record')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findMergeRecords(
  db: Kysely<Database>,
  tenantId: number,
  filter: { projectId?: number },
): Promise<MergeRecordRow[]> {
  let q = curationDb(db).selectFrom('merge_record').selectAll().where('tenant_id', '=', tenantId)
  if (filter.projectId !== undefined) {
    const id = filter.projectId
    q = q.where((eb) => eb.or([eb('kept_id', '=', id), eb('merged_id', '=', id)]))
  }
  return q.orderBy('id', 'desc').execute()
}

export async function markSplit(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  at: string,
  by: string,
): Promise<void> {
  await curationDb(db)
    .updateTable('merge_record')
    .set({ split_at: at, split_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

/** A project's row exactly as stored (every column, including ones added by later migrations). */
export async function findRawProjectRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<Record<string, unknown> | undefined> {
  return (await db
    .selectFrom('project')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as Record<string, unknown> | undefined
}

/** Puts a project row back with its own id (a split restoring a merged project). */
export async function insertRawProjectRow(db: Kysely<Database>, row: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('project')
    .values(row as unknown as ProjectRow)
    .execute()
}

export async function updateRawProjectRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  set: Record<string, unknown>,
): Promise<void> {
  if (Object.keys(set).length === 0) {
    return
  }
  await db
    .updateTable('project')
    .set(set as Partial<ProjectRow>)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}

export async function deleteRawProjectRow(db: Kysely<Database>, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('project').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

/** Ids of a project's children in one child table. */
export async function findChildIds(
  db: Kysely<Database>,
  table: 'participation' | 'project_event',
  tenantId: number,
  projectId: number,
): Promise<number[]> {
  return (
    await db
      .selectFrom(table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id)
}

/** Points children (with their own children: payments, contacts, goals) at another project. */
export async function moveChildren(
  db: Kysely<Database>,
  table: 'participation' | 'project_event' | 'project_external_id',
  tenantId: number,
  ids: readonly number[],
  toProjectId: number,
): Promise<void> {
  if (ids.length === 0) {
    return
  }
  await db
    .updateTable(table)
    .set({ project_id: toProjectId })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute()
}

export async function findExternalIdRows(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
): Promise<ProjectExternalIdRow[]> {
  return db
    .selectFrom('project_external_id')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute()
}

export async function insertExternalIdRows(
  db: Kysely<Database>,
  rows: readonly ProjectExternalIdRow[],
): Promise<void> {
  if (rows.length > 0) {
    await db
      .insertInto('project_external_id')
      .values([...rows])
      .execute()
  }
}

/** Ids of provenance or data-issue rows that point at one entity. */
export async function findRefIds(
  db: Kysely<Database>,
  table: 'provenance' | 'data_issue',
  tenantId: number,
  entity: string,
  entityId: number,
): Promise<number[]> {
  return (
    await db
      .selectFrom(table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id)
}

/** Points provenance or data-issue rows at another entity id. */
export async function moveRefs(
  db: Kysely<Database>,
  table: 'provenance' | 'data_issue',
  tenantId: number,
  ids: readonly number[],
  toEntityId: number,
): Promise<void> {
  if (ids.length === 0) {
    return
  }
  await db
    .updateTable(table)
    .set({ entity_id: toEntityId })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute()
}

/** Filters of the data-issue work queue. */
export interface IssueQueueFilter {
  readonly status?: string
  readonly kind?: string
  /** issues on the unit's participations or on projects it takes part in */
  readonly unitId?: number
  /** issues on records a document gave values to */
  readonly documentId?: number
  readonly limit?: number
  readonly offset?: number
}

export async function findQueueIssues(
  db: Kysely<Database>,
  tenantId: number,
  filter: IssueQueueFilter,
): Promise<DataIssueRow[]> {
  let q = db.selectFrom('data_issue as i').selectAll('i').where('i.tenant_id', '=', tenantId)
  if (filter.status !== undefined) {
    q = q.where('i.status', '=', filter.status)
  }
  if (filter.kind !== undefined) {
    q = q.where('i.kind', '=', filter.kind)
  }
  if (filter.documentId !== undefined) {
    const documentId = filter.documentId
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('provenance as p')
          .select('p.id')
          .where('p.tenant_id', '=', tenantId)
          .where('p.document_id', '=', documentId)
          .whereRef('p.entity', '=', 'i.entity')
          .whereRef('p.entity_id', '=', 'i.entity_id'),
      ),
    )
  }
  if (filter.unitId !== undefined) {
    const unitId = filter.unitId
    q = q.where((eb) =>
      eb.or([
        eb.and([
          eb('i.entity', '=', 'participation'),
          eb.exists(
            eb
              .selectFrom('participation as pa')
              .select('pa.id')
              .where('pa.tenant_id', '=', tenantId)
              .where('pa.unit_id', '=', unitId)
              .whereRef('pa.id', '=', 'i.entity_id'),
          ),
        ]),
        eb.and([
          eb('i.entity', '=', 'project'),
          eb.exists(
            eb
              .selectFrom('participation as pa')
              .select('pa.id')
              .where('pa.tenant_id', '=', tenantId)
              .where('pa.unit_id', '=', unitId)
              .whereRef('pa.project_id', '=', 'i.entity_id'),
          ),
        ]),
      ]),
    )
  }
  q = q.orderBy('i.id')
  if (filter.limit !== undefined) {
    q = q.limit(filter.limit).offset(filter.offset ?? 0)
  }
  return q.execute()
}

/** Deletes data issues by id (the ones a merge raised, when the merge is undone). */
export async function deleteIssueRows(
  db: Kysely<Database>,
  tenantId: number,
  ids: readonly number[],
): Promise<void> {
  if (ids.length > 0) {
    await db.deleteFrom('data_issue').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()
  }
}

/** An organisation's row exactly as stored. */
export async function findRawOrganisationRow(
  db: Kysely<Database>,
  id: number,
): Promise<Record<string, unknown> | undefined> {
  return (await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()) as
    | Record<string, unknown>
    | undefined
}

export async function insertRawOrganisationRow(
  db: Kysely<Database>,
  row: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('organisation')
    .values(row as unknown as OrganisationRow)
    .execute()
}

export async function updateRawOrganisationRow(
  db: Kysely<Database>,
  id: number,
  set: Record<string, unknown>,
): Promise<void> {
  if (Object.keys(set).length > 0) {
    await db
      .updateTable('organisation')
      .set(set as Partial<OrganisationRow>)
      .where('id', '=', id)
      .execute()
  }
}

export async function deleteRawOrganisationRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('organisation').where('id', '=', id).execute()
}

export async function findAliasRows(
  db: Kysely<Database>,
  organisationId: number,
): Promise<OrganisationAliasRow[]> {
  return db
    .selectFrom('organisation_alias')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute()
}

export async function insertAliasRows(
  db: Kysely<Database>,
  rows: readonly (Omit<OrganisationAliasRow, 'id'> & { id?: number })[],
): Promise<number[]> {
  if (rows.length === 0) {
    return []
  }
  return (
    await db
      .insertInto('organisation_alias')
      .values([...rows])
      .returning('id')
      .execute()
  ).map((r) => r.id)
}

export async function deleteAliasRows(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) {
    await db.deleteFrom('organisation_alias').where('id', 'in', ids).execute()
  }
}

/** Participations of an organisation in every tenant's projects (organisations are shared). */
export async function findParticipationIdsOf(
  db: Kysely<Database>,
  organisationId: number,
): Promise<number[]> {
  return (
    await db
      .selectFrom('participation')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id)
}

export async function moveParticipationsTo(
  db: Kysely<Database>,
  ids: readonly number[],
  organisationId: number,
): Promise<void> {
  if (ids.length > 0) {
    await db
      .updateTable('participation')
      .set({ organisation_id: organisationId })
      .where('id', 'in', ids)
      .execute()
  }
}

/** Provenance or data-issue rows about an organisation, in any tenant. */
export async function findOrganisationRefIds(
  db: Kysely<Database>,
  table: 'provenance' | 'data_issue',
  organisationId: number,
): Promise<number[]> {
  return (
    await db
      .selectFrom(table)
      .select('id')
      .where('entity', '=', 'organisation')
      .where('entity_id', '=', organisationId)
      .orderBy('id')
      .execute()
  ).map((r) => r.id)
}

export async function moveOrganisationRefs(
  db: Kysely<Database>,
  table: 'provenance' | 'data_issue',
  ids: readonly number[],
  toId: number,
): Promise<void> {
  if (ids.length > 0) {
    await db.updateTable(table).set({ entity_id: toId }).where('id', 'in', ids).execute()
  }
}
