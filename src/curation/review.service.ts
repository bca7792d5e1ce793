import { getOrganisationsByIds } from '../registry/organisation.service.js'
import { getProjectsByIds } from '../registry/project.service.js'
import { now } from '../registry/schema-helpers.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ConflictError, NotFoundError } from '../shared/errors.js'
import type { CandidateEntity, CandidateStatus, MatchCandidate } from './curation.js'
import { decideCandidate, findCandidate, findCandidates, insertCandidate } from './curation.repository.js'
import type { MatchCandidateRow } from './curation.table.js'
import { mergeProjects } from './merge.service.js'
import type { MatchResult } from './organisation-match.js'
import { mergeOrganisations } from './organisation-merge.service.js'

/** The one mapper from candidate rows to the domain; names are looked up by the caller. */
export function candidateRowToCandidate(
  row: MatchCandidateRow,
  names: ReadonlyMap<string, string>,
): MatchCandidate {
  return {
    id: row.id,
    entity: row.entity as CandidateEntity,
    leftId: row.left_id,
    leftName: names.get(`${row.entity}:${row.left_id}`) ?? null,
    rightId: row.right_id,
    rightName: names.get(`${row.entity}:${row.right_id}`) ?? null,
    score: row.score_permille / 1000,
    reasons: JSON.parse(row.reasons_json) as string[],
    status: row.status as CandidateStatus,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    mergeId: row.merge_id,
  }
}

async function withNames(
  db: Db,
  scope: Scope,
  rows: readonly MatchCandidateRow[],
): Promise<MatchCandidate[]> {
  const ids = (entity: string) =>
    rows.filter((r) => r.entity === entity).flatMap((r) => [r.left_id, r.right_id])
  const names = new Map<string, string>()
  for (const p of await getProjectsByIds(db, scope, ids('project'))) {
    names.set(`project:${p.id}`, p.name)
  }
  for (const o of await getOrganisationsByIds(db, ids('organisation'))) {
    names.set(`organisation:${o.id}`, o.name)
  }
  return rows.map((r) => candidateRowToCandidate(r, names))
}

/**
 * Records a pair the matcher found: `open` for the review queue, or `auto` as the note of a merge
 * the importer made by itself.
 */
export async function proposeMatch(
  db: Db,
  scope: Scope,
  input: {
    readonly entity: CandidateEntity
    readonly leftId: number
    readonly rightId: number
    readonly result: MatchResult
    readonly status?: 'open' | 'auto'
    readonly note?: string | null
  },
): Promise<number> {
  const at = now()
  const status = input.status ?? 'open'
  return insertCandidate(db, {
    tenant_id: scope.tenantId,
    entity: input.entity,
    left_id: input.leftId,
    right_id: input.rightId,
    score_permille: Math.round(input.result.score * 1000),
    reasons_json: JSON.stringify(input.result.reasons),
    status,
    note: input.note ?? null,
    created_at: at,
    created_by: scope.actor,
    decided_at: status === 'auto' ? at : null,
    decided_by: status === 'auto' ? scope.actor : null,
    merge_id: null,
  })
}

/** The review queue (open candidates, best first), or candidates of another status. */
export async function listCandidates(
  db: Db,
  scope: Scope,
  filter: { status?: CandidateStatus; entity?: CandidateEntity; projectIds?: readonly number[] } = {},
): Promise<MatchCandidate[]> {
  const rows = await findCandidates(db, scope.tenantId, {
    status: filter.status,
    entity: filter.entity,
    ids: filter.projectIds,
  })
  return withNames(db, scope, rows)
}

/**
 * One candidate of the tenant.
 * @throws {NotFoundError} when there is none with this id
 */
export async function getCandidate(db: Db, scope: Scope, id: number): Promise<MatchCandidate> {
  const row = await findCandidate(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No review candidate with id ${id}`)
  }
  const [candidate] = await withNames(db, scope, [row])
  return candidate as MatchCandidate
}

async function openCandidate(db: Db, scope: Scope, id: number): Promise<MatchCandidateRow> {
  const row = await findCandidate(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No review candidate with id ${id}`)
  }
  if (row.status !== 'open') {
    throw new ConflictError(`Review candidate ${id} was already decided (${row.status})`)
  }
  return row
}

/**
 * Accepts a candidate: the two projects (or organisations) become one, the right one merged into
 * the left one, reversibly through the merge record it points at.
 * @throws {NotFoundError} when there is no such candidate
 * @throws {ConflictError} when it was already decided, or the right organisation is a tenant
 */
export async function acceptCandidate(db: Db, scope: Scope, id: number): Promise<MatchCandidate> {
  return inTransaction(db, async (trx) => {
    const row = await openCandidate(trx, scope, id)
    const note = `review candidate ${id}`
    const mergeId =
      row.entity === 'organisation'
        ? await mergeOrganisations(trx, scope, row.left_id, row.right_id, note)
        : (await mergeProjects(trx, scope, row.left_id, row.right_id, note)).id
    await decideCandidate(trx, scope.tenantId, id, {
      status: 'accepted',
      decided_at: now(),
      decided_by: scope.actor,
      merge_id: mergeId,
    })
    return getCandidate(trx, scope, id)
  })
}

/**
 * Rejects a candidate: the two records are different and stay apart.
 * @throws {NotFoundError} when there is no such candidate
 * @throws {ConflictError} when it was already decided
 */
export async function rejectCandidate(db: Db, scope: Scope, id: number): Promise<MatchCandidate> {
  return inTransaction(db, async (trx) => {
    await openCandidate(trx, scope, id)
    await decideCandidate(trx, scope.tenantId, id, {
      status: 'rejected',
      decided_at: now(),
      decided_by: scope.actor,
    })
    return getCandidate(trx, scope, id)
  })
}
