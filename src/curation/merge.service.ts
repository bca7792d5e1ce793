import { recordAudit } from '../registry/audit.service.js'
import { raiseDataIssues } from '../registry/data-issue.service.js'
import { getProject } from '../registry/project.service.js'
import type { ProjectExternalIdRow } from '../registry/project.table.js'
import { now, searchKey } from '../registry/schema-helpers.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js'
import type { CandidateEntity, MergeRecord } from './curation.js'
import {
  deleteIssueRows,
  deleteRawProjectRow,
  findChildIds,
  findExternalIdRows,
  findMergeRecord,
  findMergeRecords,
  findRawProjectRow,
  findRefIds,
  insertExternalIdRows,
  insertMergeRecord,
  insertRawProjectRow,
  markSplit,
  moveChildren,
  moveRefs,
  updateRawProjectRow,
} from './curation.repository.js'
import type { MergeRecordRow } from './curation.table.js'
import { splitOrganisationMerge } from './organisation-merge.service.js'

/** Everything a split needs to undo a merge exactly. Stored as JSON in merge_record. */
interface ProjectMergeSnapshot {
  readonly version: 1
  /** the merged project's row as it was, every column */
  readonly merged: Record<string, unknown>
  /** the kept project's row before and right after the merge */
  readonly keptBefore: Record<string, unknown>
  readonly keptAfter: Record<string, unknown>
  readonly participationIds: readonly number[]
  readonly eventIds: readonly number[]
  readonly externalIds: readonly ProjectExternalIdRow[]
  readonly movedExternalIds: readonly number[]
  readonly provenanceIds: readonly number[]
  readonly issueIds: readonly number[]
  /** issues the merge raised (values that differ): removed again by a split */
  readonly raisedIssueIds: readonly number[]
}

/** Columns whose value the kept project takes from the merged one when it has none. */
const FILLABLE: readonly (readonly string[])[] = [
  ['acronym'],
  ['summary'],
  ['programme_id'],
  ['programme_raw'],
  ['period_start'],
  ['period_end'],
  ['status'],
  ['total_budget_minor', 'total_budget_currency'],
  ['eu_contribution_minor', 'eu_contribution_currency'],
  ['website'],
]

/** The one mapper from merge rows to the domain. */
export function mergeRowToMergeRecord(row: MergeRecordRow): MergeRecord {
  const snapshot = JSON.parse(row.snapshot_json) as ProjectMergeSnapshot
  return {
    id: row.id,
    entity: row.entity as CandidateEntity,
    keptId: row.kept_id,
    mergedId: row.merged_id,
    mergedName: String(snapshot.merged.name ?? ''),
    note: row.note,
    mergedAt: row.merged_at,
    mergedBy: row.merged_by,
    splitAt: row.split_at,
    splitBy: row.split_by,
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v)
}

/**
 * Merges project `mergedId` into project `keptId`: every participation (with its payments,
 * contacts and goals), event, external id, provenance entry and data issue of the merged project
 * moves to the kept one; the kept project fills its empty fields from the merged one, and values
 * that differ become data issues (never overwrites). The merged project's row is then removed, and
 * a merge record keeps all that is needed to undo it ({@link splitMerge}).
 * @throws {NotFoundError} when either project is not the tenant's
 * @throws {ValidationError} when both ids are the same
 */
export async function mergeProjects(
  db: Db,
  scope: Scope,
  keptId: number,
  mergedId: number,
  note: string | null = null,
): Promise<MergeRecord> {
  if (keptId === mergedId) {
    throw new ValidationError('A project cannot be merged into itself', 'mergedId')
  }
  return inTransaction(db, async (trx) => {
    const keptProject = await getProject(trx, scope, keptId)
    const mergedProject = await getProject(trx, scope, mergedId)
    const keptBefore = (await findRawProjectRow(trx, scope.tenantId, keptId)) ?? {}
    const merged = (await findRawProjectRow(trx, scope.tenantId, mergedId)) ?? {}

    const set: Record<string, unknown> = {}
    const differing: string[] = []
    for (const columns of FILLABLE) {
      const [first] = columns
      if (first === undefined || merged[first] === null || merged[first] === undefined) {
        continue
      }
      if (keptBefore[first] === null || keptBefore[first] === undefined) {
        for (const c of columns) {
          set[c] = merged[c]
        }
      } else if (columns.some((c) => keptBefore[c] !== merged[c])) {
        differing.push(`${first} ${show(merged[first])} (kept ${show(keptBefore[first])})`)
      }
    }
    if (keptBefore.areas_json === '[]' && merged.areas_json !== '[]') {
      set.areas_json = merged.areas_json
    }
    const acronym = (set.acronym ?? keptBefore.acronym ?? null) as string | null
    const summary = (set.summary ?? keptBefore.summary ?? null) as string | null
    set.search_text = searchKey(String(keptBefore.name), acronym, summary)
    set.updated_at = now()
    await updateRawProjectRow(trx, scope.tenantId, keptId, set)

    const participationIds = await findChildIds(trx, 'participation', scope.tenantId, mergedId)
    const eventIds = await findChildIds(trx, 'project_event', scope.tenantId, mergedId)
    const externalIds = await findExternalIdRows(trx, scope.tenantId, mergedId)
    const keptSchemes = new Set(keptProject.externalIds.map((e) => `${e.scheme} ${e.value}`))
    const movedExternalIds = externalIds
      .filter((e) => !keptSchemes.has(`${e.scheme} ${e.value}`))
      .map((e) => e.id)
    const provenanceIds = await findRefIds(trx, 'provenance', scope.tenantId, 'project', mergedId)
    const issueIds = await findRefIds(trx, 'data_issue', scope.tenantId, 'project', mergedId)
    await moveChildren(trx, 'participation', scope.tenantId, participationIds, keptId)
    await moveChildren(trx, 'project_event', scope.tenantId, eventIds, keptId)
    await moveChildren(trx, 'project_external_id', scope.tenantId, movedExternalIds, keptId)
    await moveRefs(trx, 'provenance', scope.tenantId, provenanceIds, keptId)
    await moveRefs(trx, 'data_issue', scope.tenantId, issueIds, keptId)

    const issuesBefore = new Set(await findRefIds(trx, 'data_issue', scope.tenantId, 'project', keptId))
    if (differing.length > 0) {
      await raiseDataIssues(
        trx,
        scope,
        differing.map((d) => ({
          entity: 'project' as const,
          entityId: keptId,
          kind: 'duplicate' as const,
          message: `merged project ${mergedId} "${mergedProject.name}" stated ${d}`,
          field: null,
        })),
      )
    }
    const raisedIssueIds = (await findRefIds(trx, 'data_issue', scope.tenantId, 'project', keptId)).filter(
      (id) => !issuesBefore.has(id),
    )
    await deleteRawProjectRow(trx, scope.tenantId, mergedId)
    const keptAfter = (await findRawProjectRow(trx, scope.tenantId, keptId)) ?? {}

    const snapshot: ProjectMergeSnapshot = {
      version: 1,
      merged,
      keptBefore,
      keptAfter,
      participationIds,
      eventIds,
      externalIds,
      movedExternalIds,
      provenanceIds,
      issueIds,
      raisedIssueIds,
    }
    const at = now()
    const id = await insertMergeRecord(trx, {
      tenant_id: scope.tenantId,
      entity: 'project',
      kept_id: keptId,
      merged_id: mergedId,
      snapshot_json: JSON.stringify(snapshot),
      note,
      merged_at: at,
      merged_by: scope.actor,
    })
    await recordAudit(trx, scope, 'project', mergedId, 'delete', mergedProject, {
      mergedInto: keptId,
      mergeId: id,
    })
    await recordAudit(
      trx,
      scope,
      'project',
      keptId,
      'update',
      keptProject,
      await getProject(trx, scope, keptId),
    )
    return getMerge(trx, scope, id)
  })
}

/**
 * One merge record of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getMerge(db: Db, scope: Scope, id: number): Promise<MergeRecord> {
  const row = await findMergeRecord(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No merge with id ${id}`)
  }
  return mergeRowToMergeRecord(row)
}

/** The tenant's merges, newest first; optionally those that kept or removed one project. */
export async function listMerges(
  db: Db,
  scope: Scope,
  filter: { projectId?: number } = {},
): Promise<MergeRecord[]> {
  return (await findMergeRecords(db, scope.tenantId, filter)).map(mergeRowToMergeRecord)
}

/**
 * Undoes a merge: the merged project comes back with its own id and row, its participations,
 * events, external ids, provenance and data issues move back, and the kept project's fields that
 * the merge filled return to what they were (unless someone has changed them since). The merge
 * record stays, marked as split.
 * @throws {NotFoundError} when the tenant has no such merge
 * @throws {ConflictError} when it was already split, or the kept project is gone
 */
export async function splitMerge(db: Db, scope: Scope, mergeId: number): Promise<MergeRecord> {
  return inTransaction(db, async (trx) => {
    const row = await findMergeRecord(trx, scope.tenantId, mergeId)
    if (!row) {
      throw new NotFoundError(`No merge with id ${mergeId}`)
    }
    if (row.split_at) {
      throw new ConflictError(`Merge ${mergeId} was already split on ${row.split_at}`)
    }
    if (row.entity === 'organisation') {
      await splitOrganisationMerge(trx, scope, row)
      return getMerge(trx, scope, mergeId)
    }
    const s = JSON.parse(row.snapshot_json) as ProjectMergeSnapshot
    const keptNow = await findRawProjectRow(trx, scope.tenantId, row.kept_id)
    if (!keptNow) {
      throw new ConflictError(`Project ${row.kept_id}, which the merge kept, no longer exists`)
    }
    const keptBeforeSplit = await getProject(trx, scope, row.kept_id)
    await insertRawProjectRow(trx, s.merged)
    const restore: Record<string, unknown> = {}
    for (const [column, before] of Object.entries(s.keptBefore)) {
      const after = s.keptAfter[column]
      // Only what the merge changed, and only while nobody has changed it since.
      if (before !== after && keptNow[column] === after) {
        restore[column] = before
      }
    }
    await updateRawProjectRow(trx, scope.tenantId, row.kept_id, restore)
    await moveChildren(trx, 'participation', scope.tenantId, s.participationIds, row.merged_id)
    await moveChildren(trx, 'project_event', scope.tenantId, s.eventIds, row.merged_id)
    await moveChildren(trx, 'project_external_id', scope.tenantId, s.movedExternalIds, row.merged_id)
    const moved = new Set(s.movedExternalIds)
    await insertExternalIdRows(
      trx,
      s.externalIds.filter((e) => !moved.has(e.id)),
    )
    await moveRefs(trx, 'provenance', scope.tenantId, s.provenanceIds, row.merged_id)
    await moveRefs(trx, 'data_issue', scope.tenantId, s.issueIds, row.merged_id)
    await deleteIssueRows(trx, scope.tenantId, s.raisedIssueIds)
    await markSplit(trx, scope.tenantId, mergeId, now(), scope.actor)
    const restored = await getProject(trx, scope, row.merged_id)
    await recordAudit(trx, scope, 'project', row.merged_id, 'create', null, {
      ...restored,
      splitFrom: mergeId,
    })
    await recordAudit(
      trx,
      scope,
      'project',
      row.kept_id,
      'update',
      keptBeforeSplit,
      await getProject(trx, scope, row.kept_id),
    )
    return getMerge(trx, scope, mergeId)
  })
}
