import type { DataIssue, DataIssueKind, DataIssueStatus } from '../registry/data-issue.js'
import { dataIssueRowToDataIssue, getDataIssue, resolveDataIssue } from '../registry/data-issue.service.js'
import type { ParticipationPatch } from '../registry/participation.js'
import { getParticipation, updateParticipation } from '../registry/participation.service.js'
import type { ProjectPatch } from '../registry/project.js'
import { getProject, updateProject } from '../registry/project.service.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ValidationError } from '../shared/errors.js'
import { findQueueIssues } from './curation.repository.js'

/** Filters of the coordinators' data-issue work queue; all optional. */
export interface IssueQueueQuery {
  /** default: open */
  readonly status?: DataIssueStatus
  readonly kind?: DataIssueKind
  readonly unitId?: number
  readonly documentId?: number
  readonly limit?: number
  readonly offset?: number
}

/** The tenant's data issues for the work queue, oldest first. Resolved issues stay and can be listed. */
export async function listIssueQueue(
  db: Db,
  scope: Scope,
  query: IssueQueueQuery = {},
): Promise<DataIssue[]> {
  const rows = await findQueueIssues(db, scope.tenantId, {
    status: query.status ?? 'open',
    kind: query.kind,
    unitId: query.unitId,
    documentId: query.documentId,
    limit: query.limit ?? 500,
    offset: query.offset,
  })
  return rows.map(dataIssueRowToDataIssue)
}

/** Fields a correction may set, per entity, and how the text a person typed becomes a value. */
const PROJECT_TEXT_FIELDS = ['name', 'acronym', 'summary', 'programme', 'start', 'end', 'website'] as const
const PARTICIPATION_TEXT_FIELDS = ['theme', 'role'] as const

/** How an issue is resolved: the source is right as it stands, or a corrected value. */
export type IssueResolution =
  | { readonly kind: 'source-right'; readonly note?: string }
  | {
      readonly kind: 'correction'
      readonly field: string
      readonly value: string | null
      readonly note?: string
    }

function fieldOf<T extends string>(fields: readonly T[], field: string): T {
  const found = fields.find((f) => f === field)
  if (!found) {
    throw new ValidationError(
      `field: "${field}" cannot be corrected here; one of ${fields.join(', ')}`,
      'field',
    )
  }
  return found
}

/**
 * Resolves an issue: "source is right" records that the stored value stands; a correction changes
 * the field (through the same services as any edit, so it is validated and audited) and records
 * the old and new value in the resolution. The issue stays, resolved, in history.
 * @throws {NotFoundError} when the tenant has no such issue
 * @throws {ValidationError} when the field cannot be corrected or the value is invalid
 */
export async function resolveIssue(
  db: Db,
  scope: Scope,
  id: number,
  resolution: IssueResolution,
): Promise<DataIssue> {
  return inTransaction(db, async (trx) => {
    const issue = await getDataIssue(trx, scope, id)
    const note = resolution.note ? ` — ${resolution.note}` : ''
    if (resolution.kind === 'source-right') {
      return resolveDataIssue(trx, scope, id, `source is right (by ${scope.actor})${note}`)
    }
    const value = resolution.value === '' ? null : resolution.value
    let from: unknown
    if (issue.entity === 'project') {
      const field = fieldOf(PROJECT_TEXT_FIELDS, resolution.field)
      from = (await getProject(trx, scope, issue.entityId))[field]
      if (field === 'name' && value === null) {
        throw new ValidationError('name: a project must keep a name', 'value')
      }
      await updateProject(trx, scope, issue.entityId, { [field]: value } as ProjectPatch)
    } else if (issue.entity === 'participation') {
      const field = fieldOf(PARTICIPATION_TEXT_FIELDS, resolution.field)
      from = (await getParticipation(trx, scope, issue.entityId))[field]
      if (field === 'role' && value !== null && value !== 'lead' && value !== 'partner') {
        throw new ValidationError('role: lead or partner', 'value')
      }
      await updateParticipation(trx, scope, issue.entityId, { [field]: value } as ParticipationPatch)
    } else {
      throw new ValidationError(
        `issues on a ${issue.entity} can only be resolved as "source is right"`,
        'kind',
      )
    }
    return resolveDataIssue(
      trx,
      scope,
      id,
      `corrected ${resolution.field}: ${JSON.stringify(from ?? null)} → ${JSON.stringify(value)} (by ${scope.actor})${note}`,
    )
  })
}
