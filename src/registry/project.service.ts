import { NotFoundError, ValidationError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import { forgetDataIssues } from './data-issue.service.js'
import type { EntityKind } from './document.js'
import { forgetProvenance } from './document.service.js'
import { minorDigits, moneyFromColumns, type StoredMoney } from './money.js'
import { checkPartialDate, checkPeriod } from './partial-date.js'
import { findProgramme } from './programme.service.js'
import type {
  ExternalId,
  ExternalIdScheme,
  NewProject,
  Project,
  ProjectFilter,
  ProjectLifecycle,
  ProjectPatch,
} from './project.js'
import {
  countProjects,
  deleteProjectRow,
  findExternalIds,
  findProjectById,
  findProjectDependents,
  findProjectIdByExternalId,
  findProjectRowsByName,
  findProjects,
  findProjectsByIds,
  findProjectsMentioning as findProjectsMentioningRows,
  insertProject,
  replaceExternalIds,
  updateProjectRow,
} from './project.repository.js'
import type { ProjectExternalIdRow, ProjectRowUpdate, ProjectRowWithProgramme } from './project.table.js'
import { now, searchKey } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from project rows to the domain. */
export function projectRowToProject(
  row: ProjectRowWithProgramme,
  externalIds: readonly ProjectExternalIdRow[],
): Project {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    acronym: row.acronym,
    summary: row.summary,
    programme: row.programme_canonical,
    programmeRaw: row.programme_raw,
    start: row.period_start,
    end: row.period_end,
    status: row.status as ProjectLifecycle | null,
    totalBudget: moneyFromColumns(row.total_budget_minor, row.total_budget_currency),
    euContribution: moneyFromColumns(row.eu_contribution_minor, row.eu_contribution_currency),
    website: row.website,
    externalIds: externalIds
      .filter((e) => e.project_id === row.id)
      .map((e) => ({ scheme: e.scheme as ExternalIdScheme, value: e.value })),
    areas: JSON.parse(row.areas_json) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Checks stored money: a known currency and, for a budget, no negative amount.
 * @throws {ValidationError} naming `field`
 */
export function checkMoney(
  money: StoredMoney | null | undefined,
  field: string,
  allowNegative = false,
): void {
  if (!money) {
    return
  }
  minorDigits(money.currency)
  if (!Number.isSafeInteger(money.amountMinor)) {
    throw new ValidationError(`${field}: amount must be a whole number of minor units`, field)
  }
  if (!allowNegative && money.amountMinor < 0) {
    throw new ValidationError(`${field}: amount must not be negative`, field)
  }
}

function moneyColumns<P extends string>(prefix: P, money: StoredMoney | null) {
  return {
    [`${prefix}_minor`]: money?.amountMinor ?? null,
    [`${prefix}_currency`]: money?.currency ?? null,
  } as Record<`${P}_minor`, number | null> & Record<`${P}_currency`, string | null>
}

async function resolveProgramme(db: Db, programme: string | null | undefined): Promise<number | null> {
  if (programme === null || programme === undefined) {
    return null
  }
  const found = await findProgramme(db, programme)
  if (!found) {
    throw new ValidationError(`programme: "${programme}" is not in the programme list`, 'programme')
  }
  return found.id
}

function checkExternalIds(ids: readonly ExternalId[] | undefined): void {
  const seen = new Set<string>()
  for (const id of ids ?? []) {
    const key = `${id.scheme}\u0000${id.value}`
    if (seen.has(key)) {
      throw new ValidationError(`externalIds: ${id.scheme} ${id.value} is listed twice`, 'externalIds')
    }
    seen.add(key)
  }
}

function validate(input: ProjectPatch, merged: { start: string | null; end: string | null }): void {
  checkPartialDate(input.start, 'start')
  checkPartialDate(input.end, 'end')
  checkPeriod(merged.start, merged.end, 'end')
  checkMoney(input.totalBudget, 'totalBudget')
  checkMoney(input.euContribution, 'euContribution')
  checkExternalIds(input.externalIds)
}

async function loadProjects(
  db: Db,
  tenantIds: readonly number[],
  rows: ProjectRowWithProgramme[],
): Promise<Project[]> {
  const externalIds = await findExternalIds(
    db,
    tenantIds,
    rows.map((r) => r.id),
  )
  return rows.map((r) => projectRowToProject(r, externalIds))
}

/**
 * Creates a project in the tenant's portfolio.
 * @throws {ValidationError} naming the field: impossible date, end before start, unknown programme,
 *   unknown currency, negative budget
 */
export async function createProject(db: Db, scope: Scope, input: NewProject): Promise<Project> {
  validate(input, { start: input.start ?? null, end: input.end ?? null })
  return inTransaction(db, async (trx) => {
    const at = now()
    const id = await insertProject(trx, {
      tenant_id: scope.tenantId,
      name: input.name.trim(),
      acronym: input.acronym ?? null,
      summary: input.summary ?? null,
      programme_id: await resolveProgramme(trx, input.programme),
      programme_raw: input.programmeRaw ?? null,
      period_start: input.start ?? null,
      period_end: input.end ?? null,
      status: input.status ?? null,
      ...moneyColumns('total_budget', input.totalBudget ?? null),
      ...moneyColumns('eu_contribution', input.euContribution ?? null),
      website: input.website ?? null,
      areas_json: JSON.stringify(input.areas ?? []),
      search_text: searchKey(input.name.trim(), input.acronym, input.summary),
      created_at: at,
      updated_at: at,
    })
    await replaceExternalIds(trx, scope.tenantId, id, input.externalIds ?? [])
    const project = await getProject(trx, scope, id)
    await recordAudit(trx, scope, 'project', id, 'create', null, project)
    return project
  })
}

/**
 * One project of the tenant.
 * @throws {NotFoundError} when the tenant has no project with this id
 */
export async function getProject(db: Db, scope: Scope, id: number): Promise<Project> {
  const row = await findProjectById(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No project with id ${id}`)
  }
  const [project] = await loadProjects(db, [scope.tenantId], [row])
  return project as Project
}

/** Several projects of the tenant by id, ordered by id; ids of other tenants are skipped. */
export async function getProjectsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<Project[]> {
  return loadProjects(db, [scope.tenantId], await findProjectsByIds(db, [scope.tenantId], [...new Set(ids)]))
}

/**
 * Projects of several tenants at once (the public catalogue's pages span many): for each tenant,
 * those of its listed ids it owns (ids of other tenants are skipped), all ordered by id.
 * @param byTenant for each tenant id, the ids of its projects to read
 */
export async function getProjectsOfTenants(
  db: Db,
  byTenant: ReadonlyMap<number, readonly number[]>,
): Promise<Project[]> {
  const tenantIds = [...byTenant.keys()]
  const wanted = new Map([...byTenant].map(([tenant, ids]) => [tenant, new Set(ids)]))
  const rows = await findProjectsByIds(db, tenantIds, [...new Set([...byTenant.values()].flat())])
  // One query for all tenants may pair a tenant with an id listed under another: drop those.
  const own = rows.filter((r) => wanted.get(r.tenant_id)?.has(r.id) === true)
  return loadProjects(db, tenantIds, own)
}

/** The tenant's projects, ordered by name. */
export async function listProjects(db: Db, scope: Scope, filter: ProjectFilter = {}): Promise<Project[]> {
  const rows = await findProjects(db, scope.tenantId, {
    // Backslashes would escape in PostgreSQL's LIKE only; % and _ merely widen the match.
    queryLike: filter.query ? `%${searchKey(filter.query.replace(/\\/g, ' ').trim())}%` : undefined,
    status: filter.status,
    programme: filter.programme,
    organisationId: filter.organisationId,
    limit: filter.limit,
    offset: filter.offset,
  })
  return loadProjects(db, [scope.tenantId], rows)
}

/** The tenant's projects with exactly this name (to recognise a project a new document reports again). */
export async function findProjectsByName(db: Db, scope: Scope, name: string): Promise<Project[]> {
  return loadProjects(db, [scope.tenantId], await findProjectRowsByName(db, scope.tenantId, name.trim()))
}

/** The tenant's projects whose name, acronym or summary mention this text (case-insensitive). */
export async function findProjectsMentioning(db: Db, scope: Scope, text: string): Promise<Project[]> {
  return loadProjects(
    db,
    [scope.tenantId],
    await findProjectsMentioningRows(db, scope.tenantId, searchKey(text)),
  )
}

/** How many projects the tenant has. */
export async function countTenantProjects(db: Db, scope: Scope): Promise<number> {
  return countProjects(db, scope.tenantId)
}

/** The tenant's project with this external id (keep.eu, Kohesio, CORDIS, Erasmus+), if any. */
export async function findProjectByExternalId(
  db: Db,
  scope: Scope,
  id: ExternalId,
): Promise<Project | undefined> {
  const projectId = await findProjectIdByExternalId(db, scope.tenantId, id.scheme, id.value)
  return projectId === undefined ? undefined : getProject(db, scope, projectId)
}

/**
 * Changes a project: only the fields present change, null clears, lists replace.
 * @throws {NotFoundError} when the tenant has no project with this id
 * @throws {ValidationError} naming the field
 */
export async function updateProject(db: Db, scope: Scope, id: number, patch: ProjectPatch): Promise<Project> {
  return inTransaction(db, async (trx) => {
    const before = await getProject(trx, scope, id)
    validate(patch, {
      start: patch.start !== undefined ? patch.start : before.start,
      end: patch.end !== undefined ? patch.end : before.end,
    })
    const set: ProjectRowUpdate = { updated_at: now() }
    if (patch.name !== undefined) {
      set.name = patch.name.trim()
    }
    if (patch.acronym !== undefined) {
      set.acronym = patch.acronym
    }
    if (patch.summary !== undefined) {
      set.summary = patch.summary
    }
    if (patch.programme !== undefined) {
      set.programme_id = await resolveProgramme(trx, patch.programme)
    }
    if (patch.programmeRaw !== undefined) {
      set.programme_raw = patch.programmeRaw
    }
    if (patch.start !== undefined) {
      set.period_start = patch.start
    }
    if (patch.end !== undefined) {
      set.period_end = patch.end
    }
    if (patch.status !== undefined) {
      set.status = patch.status
    }
    if (patch.totalBudget !== undefined) {
      Object.assign(set, moneyColumns('total_budget', patch.totalBudget))
    }
    if (patch.euContribution !== undefined) {
      Object.assign(set, moneyColumns('eu_contribution', patch.euContribution))
    }
    if (patch.website !== undefined) {
      set.website = patch.website
    }
    if (patch.areas !== undefined) {
      set.areas_json = JSON.stringify(patch.areas)
    }
    if (patch.name !== undefined || patch.acronym !== undefined || patch.summary !== undefined) {
      set.search_text = searchKey(
        set.name ?? before.name,
        patch.acronym !== undefined ? patch.acronym : before.acronym,
        patch.summary !== undefined ? patch.summary : before.summary,
      )
    }
    await updateProjectRow(trx, scope.tenantId, id, set)
    if (patch.externalIds !== undefined) {
      await replaceExternalIds(trx, scope.tenantId, id, patch.externalIds)
    }
    const after = await getProject(trx, scope, id)
    await recordAudit(trx, scope, 'project', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes a project with its participations, payments, contacts, events, and the provenance and
 * data issues of all of them (those point at rows by kind and id, without foreign keys).
 * @throws {NotFoundError} when the tenant has no project with this id
 */
export async function deleteProject(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getProject(trx, scope, id)
    const dependents = await findProjectDependents(trx, scope.tenantId, id)
    for (const [entity, ids] of [['project', [id]], ...Object.entries(dependents)] as [
      EntityKind,
      number[],
    ][]) {
      await forgetProvenance(trx, scope, entity, ids)
      await forgetDataIssues(trx, scope, entity, ids)
    }
    await deleteProjectRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'project', id, 'delete', before, null)
  })
}
