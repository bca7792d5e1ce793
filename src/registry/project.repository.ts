import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type {
  NewProjectRow,
  ProjectExternalIdRow,
  ProjectRowUpdate,
  ProjectRowWithProgramme,
} from './project.table.js'

function projectsWithProgramme(db: Kysely<Database>) {
  return db
    .selectFrom('project')
    .leftJoin('programme', 'programme.id', 'project.programme_id')
    .selectAll('project')
    .select('programme.canonical as programme_canonical')
}

function selectProjects(db: Kysely<Database>, tenantId: number) {
  return projectsWithProgramme(db).where('project.tenant_id', '=', tenantId)
}

export async function insertProject(db: Kysely<Database>, row: NewProjectRow): Promise<number> {
  const r = await db.insertInto('project').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function findProjectById(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ProjectRowWithProgramme | undefined> {
  return selectProjects(db, tenantId).where('project.id', '=', id).executeTakeFirst()
}

/**
 * Projects by id of any of these tenants, ordered by id. Filtering on both columns means no row of
 * another tenant is ever returned; a caller asking for several tenants matches each row to its own.
 */
export async function findProjectsByIds(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  ids: readonly number[],
): Promise<ProjectRowWithProgramme[]> {
  if (tenantIds.length === 0 || ids.length === 0) {
    return []
  }
  return projectsWithProgramme(db)
    .where('project.tenant_id', 'in', tenantIds)
    .where('project.id', 'in', ids)
    .orderBy('project.id')
    .execute()
}

/** Filters of the project list query. */
export interface ProjectQueryFilter {
  /** a LIKE pattern over search_text, already folded (searchKey) */
  readonly queryLike?: string
  readonly status?: string
  readonly programme?: string
  readonly organisationId?: number
  readonly limit?: number
  readonly offset?: number
}

/** A tenant's projects, filtered; ordered by name, then id. */
export async function findProjects(
  db: Kysely<Database>,
  tenantId: number,
  filter: ProjectQueryFilter,
): Promise<ProjectRowWithProgramme[]> {
  return projectListQuery(db, tenantId, filter).execute()
}

/** The project list (and search) query, unexecuted: its SQL is pinned per dialect in a test. */
export function projectListQuery(db: Kysely<Database>, tenantId: number, filter: ProjectQueryFilter) {
  let q = selectProjects(db, tenantId)
  if (filter.queryLike) {
    q = q.where('project.search_text', 'like', filter.queryLike)
  }
  if (filter.status) {
    q = q.where('project.status', '=', filter.status)
  }
  if (filter.programme) {
    q = q.where('programme.canonical', '=', filter.programme)
  }
  if (filter.organisationId !== undefined) {
    const organisationId = filter.organisationId
    q = q.where('project.id', 'in', (eb) =>
      eb
        .selectFrom('participation')
        .select('participation.project_id')
        .where('participation.tenant_id', '=', tenantId)
        .where('participation.organisation_id', '=', organisationId),
    )
  }
  return q
    .orderBy('project.name')
    .orderBy('project.id')
    .limit(filter.limit ?? 10_000)
    .offset(filter.offset ?? 0)
}

/** The tenant's projects with exactly this name. */
export async function findProjectRowsByName(
  db: Kysely<Database>,
  tenantId: number,
  name: string,
): Promise<ProjectRowWithProgramme[]> {
  return selectProjects(db, tenantId).where('project.name', '=', name).orderBy('project.id').execute()
}

export async function countProjects(db: Kysely<Database>, tenantId: number): Promise<number> {
  const r = await db
    .selectFrom('project')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function updateProjectRow(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  patch: ProjectRowUpdate,
): Promise<void> {
  await db.updateTable('project').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

export async function deleteProjectRow(db: Kysely<Database>, tenantId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('project')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function findExternalIds(
  db: Kysely<Database>,
  tenantIds: readonly number[],
  projectIds: readonly number[],
): Promise<ProjectExternalIdRow[]> {
  if (tenantIds.length === 0 || projectIds.length === 0) {
    return []
  }
  return db
    .selectFrom('project_external_id')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .where('project_id', 'in', projectIds)
    .orderBy('id')
    .execute()
}

/** The tenant's project carrying this external id, if any. */
export async function findProjectIdByExternalId(
  db: Kysely<Database>,
  tenantId: number,
  scheme: string,
  value: string,
): Promise<number | undefined> {
  const r = await db
    .selectFrom('project_external_id')
    .select('project_id')
    .where('tenant_id', '=', tenantId)
    .where('scheme', '=', scheme)
    .where('value', '=', value)
    .executeTakeFirst()
  return r?.project_id
}

export async function replaceExternalIds(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
  ids: readonly { scheme: string; value: string }[],
): Promise<void> {
  await db
    .deleteFrom('project_external_id')
    .where('tenant_id', '=', tenantId)
    .where('project_id', '=', projectId)
    .execute()
  if (ids.length > 0) {
    await db
      .insertInto('project_external_id')
      .values(
        ids.map((i) => ({ tenant_id: tenantId, project_id: projectId, scheme: i.scheme, value: i.value })),
      )
      .execute()
  }
}

/** Ids of the rows that hang off a project: what provenance and data issues may point at. */
export async function findProjectDependents(
  db: Kysely<Database>,
  tenantId: number,
  projectId: number,
): Promise<{ participation: number[]; payment: number[]; contact: number[]; event: number[] }> {
  const participation = (
    await db
      .selectFrom('participation')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', projectId)
      .execute()
  ).map((r) => r.id)
  const event = (
    await db
      .selectFrom('project_event')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', projectId)
      .execute()
  ).map((r) => r.id)
  if (participation.length === 0) {
    return { participation, payment: [], contact: [], event }
  }
  const payment = (
    await db
      .selectFrom('payment')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('participation_id', 'in', participation)
      .execute()
  ).map((r) => r.id)
  const contact = (
    await db
      .selectFrom('contact')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('participation_id', 'in', participation)
      .execute()
  ).map((r) => r.id)
  return { participation, payment, contact, event }
}

/** The tenant's projects whose folded name, acronym or summary contains this folded text. */
export async function findProjectsMentioning(
  db: Kysely<Database>,
  tenantId: number,
  foldedText: string,
): Promise<ProjectRowWithProgramme[]> {
  return selectProjects(db, tenantId)
    .where('project.search_text', 'like', `%${foldedText.replace(/\\/g, '_')}%`)
    .orderBy('project.id')
    .execute()
}
