import { recordAudit } from '../registry/audit.service.js'
import { getOrganisation } from '../registry/organisation.service.js'
import type { OrganisationAliasRow } from '../registry/organisation.table.js'
import { nameKey, now } from '../registry/schema-helpers.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ConflictError, ValidationError } from '../shared/errors.js'
import {
  deleteAliasRows,
  deleteRawOrganisationRow,
  findAliasRows,
  findOrganisationRefIds,
  findParticipationIdsOf,
  findRawOrganisationRow,
  insertAliasRows,
  insertMergeRecord,
  insertRawOrganisationRow,
  markSplit,
  moveOrganisationRefs,
  moveParticipationsTo,
  updateRawOrganisationRow,
} from './curation.repository.js'
import type { MergeRecordRow } from './curation.table.js'

/** What undoes an organisation merge. Organisations are shared, so this spans every tenant. */
interface OrganisationMergeSnapshot {
  readonly version: 1
  readonly merged: Record<string, unknown>
  readonly mergedAliases: readonly OrganisationAliasRow[]
  readonly keptBefore: Record<string, unknown>
  readonly keptAfter: Record<string, unknown>
  /** aliases the kept organisation gained (the merged one's name and aliases) */
  readonly addedAliasIds: readonly number[]
  readonly participationIds: readonly number[]
  readonly provenanceIds: readonly number[]
  readonly issueIds: readonly number[]
}

/**
 * Merges organisation `mergedId` into `keptId`: every participation (of every tenant), provenance
 * entry and data issue moves over, the merged name and aliases become aliases of the kept one, and
 * identifiers the kept one lacks are taken over. Reversible with {@link splitMerge} in merge.service.
 * @throws {NotFoundError} when either organisation is unknown
 * @throws {ValidationError} when both ids are the same
 * @throws {ConflictError} when the merged organisation keeps a portfolio (a tenant)
 */
export async function mergeOrganisations(
  db: Db,
  scope: Scope,
  keptId: number,
  mergedId: number,
  note: string | null = null,
): Promise<number> {
  if (keptId === mergedId) {
    throw new ValidationError('An organisation cannot be merged into itself', 'mergedId')
  }
  return inTransaction(db, async (trx) => {
    const kept = await getOrganisation(trx, keptId)
    const mergedOrganisation = await getOrganisation(trx, mergedId)
    if (mergedOrganisation.isTenant) {
      throw new ConflictError(`${mergedOrganisation.name} keeps a portfolio here and cannot be merged away`)
    }
    const keptBefore = (await findRawOrganisationRow(trx, keptId)) ?? {}
    const merged = (await findRawOrganisationRow(trx, mergedId)) ?? {}
    const mergedAliases = await findAliasRows(trx, mergedId)
    const participationIds = await findParticipationIdsOf(trx, mergedId)
    const provenanceIds = await findOrganisationRefIds(trx, 'provenance', mergedId)
    const issueIds = await findOrganisationRefIds(trx, 'data_issue', mergedId)
    await moveParticipationsTo(trx, participationIds, keptId)
    await moveOrganisationRefs(trx, 'provenance', provenanceIds, keptId)
    await moveOrganisationRefs(trx, 'data_issue', issueIds, keptId)
    // Identifiers are unique: the merged row goes first, then the kept one may take them.
    await deleteRawOrganisationRow(trx, mergedId)
    const known = new Set([nameKey(kept.name), ...kept.aliases.map(nameKey)])
    const newAliases: Omit<OrganisationAliasRow, 'id'>[] = []
    for (const alias of [mergedOrganisation.name, ...mergedOrganisation.aliases]) {
      const key = nameKey(alias)
      if (!known.has(key)) {
        known.add(key)
        newAliases.push({ organisation_id: keptId, alias, alias_key: key })
      }
    }
    const addedAliasIds = await insertAliasRows(trx, newAliases)
    const set: Record<string, unknown> = { updated_at: now() }
    for (const column of ['country', 'kind', 'org_number', 'eu_pic']) {
      if (keptBefore[column] === null && merged[column] !== null) {
        set[column] = merged[column]
      }
    }
    await updateRawOrganisationRow(trx, keptId, set)
    const keptAfter = (await findRawOrganisationRow(trx, keptId)) ?? {}
    const snapshot: OrganisationMergeSnapshot = {
      version: 1,
      merged,
      mergedAliases,
      keptBefore,
      keptAfter,
      addedAliasIds,
      participationIds,
      provenanceIds,
      issueIds,
    }
    const id = await insertMergeRecord(trx, {
      tenant_id: scope.tenantId,
      entity: 'organisation',
      kept_id: keptId,
      merged_id: mergedId,
      snapshot_json: JSON.stringify(snapshot),
      note,
      merged_at: now(),
      merged_by: scope.actor,
    })
    const who = { tenantId: null, actor: scope.actor }
    await recordAudit(trx, who, 'organisation', mergedId, 'delete', mergedOrganisation, {
      mergedInto: keptId,
      mergeId: id,
    })
    await recordAudit(trx, who, 'organisation', keptId, 'update', kept, await getOrganisation(trx, keptId))
    return id
  })
}

/** Undoes an organisation merge (called by splitMerge for merge records of organisations). */
export async function splitOrganisationMerge(db: Db, scope: Scope, row: MergeRecordRow): Promise<void> {
  const s = JSON.parse(row.snapshot_json) as OrganisationMergeSnapshot
  const keptNow = await findRawOrganisationRow(db, row.kept_id)
  if (!keptNow) {
    throw new ConflictError(`Organisation ${row.kept_id}, which the merge kept, no longer exists`)
  }
  const keptBeforeSplit = await getOrganisation(db, row.kept_id)
  const restore: Record<string, unknown> = {}
  for (const [column, before] of Object.entries(s.keptBefore)) {
    if (before !== s.keptAfter[column] && keptNow[column] === s.keptAfter[column]) {
      restore[column] = before
    }
  }
  // Identifiers go back to the kept row's old values before the merged row claims them again.
  await updateRawOrganisationRow(db, row.kept_id, restore)
  await deleteAliasRows(db, s.addedAliasIds)
  await insertRawOrganisationRow(db, s.merged)
  await insertAliasRows(db, s.mergedAliases)
  await moveParticipationsTo(db, s.participationIds, row.merged_id)
  await moveOrganisationRefs(db, 'provenance', s.provenanceIds, row.merged_id)
  await moveOrganisationRefs(db, 'data_issue', s.issueIds, row.merged_id)
  await markSplit(db, scope.tenantId, row.id, now(), scope.actor)
  const who = { tenantId: null, actor: scope.actor }
  await recordAudit(
    db,
    who,
    'organisation',
    row.merged_id,
    'create',
    null,
    await getOrganisation(db, row.merged_id),
  )
  await recordAudit(
    db,
    who,
    'organisation',
    row.kept_id,
    'update',
    keptBeforeSplit,
    await getOrganisation(db, row.kept_id),
  )
}
