import { type IssueResolution, listIssueQueue, resolveIssue } from '../../curation/issue-queue.service.js'
import type { DataIssue, DataIssueKind, DataIssueStatus } from '../../registry/data-issue.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'
import { renderTable } from '../table.js'
import { parseId } from './projects.js'
import { type CurationOptions, curationScope } from './review.js'

/** Options of `projektatlas data-issues`. */
export interface DataIssuesOptions extends CurationOptions {
  readonly status?: DataIssueStatus
  readonly kind?: DataIssueKind
  readonly unit?: string
  readonly document?: string
  /** resolve: the stored value stands */
  readonly sourceRight?: boolean
  /** resolve: the field to correct, and its new value */
  readonly field?: string
  readonly value?: string
  readonly note?: string
}

function print(issues: readonly DataIssue[], options: DataIssuesOptions, io: CliIO): void {
  if (options.format === 'json') {
    io.out(`${JSON.stringify(issues, null, 2)}\n`)
    return
  }
  io.out(
    renderTable(issues, [
      { heading: 'ID', cell: (i) => i.id, align: 'right' },
      { heading: 'Typ', cell: (i) => i.kind },
      { heading: 'Post', cell: (i) => `${i.entity} ${i.entityId}` },
      { heading: 'Fält', cell: (i) => i.field },
      { heading: 'Problem', cell: (i) => i.message, maxWidth: 70 },
      { heading: 'Status', cell: (i) => i.status },
      { heading: 'Lösning', cell: (i) => i.resolution, maxWidth: 50 },
    ]),
  )
}

/**
 * `projektatlas data-issues [list|resolve] [id]`: the data-issue work queue, filtered by kind,
 * unit or document; `resolve <id> --source-right` or `resolve <id> --field F --value V`.
 */
export async function dataIssues(
  action: 'list' | 'resolve',
  id: string | undefined,
  options: DataIssuesOptions,
  io: CliIO,
): Promise<number> {
  return withRegistry(io, async (db) => {
    const scope = await curationScope(db, options.tenant)
    if (action === 'list') {
      const issues = await listIssueQueue(db, scope, {
        status: options.status,
        kind: options.kind,
        unitId: options.unit === undefined ? undefined : parseId(options.unit, 'unit'),
        documentId: options.document === undefined ? undefined : parseId(options.document, 'document'),
      })
      print(issues, options, io)
      return 0
    }
    if (id === undefined) {
      throw new ValidationError("data-issues resolve needs the issue's id", 'id')
    }
    let resolution: IssueResolution
    if (options.sourceRight) {
      resolution = { kind: 'source-right', note: options.note }
    } else if (options.field !== undefined) {
      resolution = {
        kind: 'correction',
        field: options.field,
        value: options.value ?? null,
        note: options.note,
      }
    } else {
      throw new ValidationError('resolve with --source-right, or with --field and --value', 'field')
    }
    print([await resolveIssue(db, scope, parseId(id, 'id'), resolution)], options, io)
    return 0
  })
}
