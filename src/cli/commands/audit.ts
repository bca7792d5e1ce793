import type { AuditEvent } from '../../registry/audit.js'
import { listAuditEvents } from '../../registry/audit.service.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { tenantScopes, withRegistry } from '../registry.js'
import { renderTable } from '../table.js'

/** Options of `projektatlas audit`: filters, all optional (text as typed on the command line). */
export interface AuditOptions {
  readonly tenant?: string
  readonly entity?: string
  readonly entityId?: string
  readonly actor?: string
  readonly action?: string
  readonly since?: string
  readonly until?: string
  readonly limit?: string
  readonly format: 'table' | 'json'
}

const ACTIONS = ['create', 'update', 'delete', 'erase', 'import'] as const
type Action = (typeof ACTIONS)[number]

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) {
    return undefined
  }
  if (!/^[1-9][0-9]{0,9}$/.test(value)) {
    throw new ValidationError(`--${name} must be a positive whole number, not "${value}"`, name)
  }
  return Number(value)
}

function instant(value: string | undefined, name: string): string | undefined {
  if (value === undefined) {
    return undefined
  }
  const d = new Date(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new ValidationError(`--${name} must be a date like 2026-01-31 or an ISO instant`, name)
  }
  return d.toISOString()
}

function summary(e: AuditEvent): string {
  const after = e.after && typeof e.after === 'object' ? (e.after as Record<string, unknown>) : {}
  const before = e.before && typeof e.before === 'object' ? (e.before as Record<string, unknown>) : {}
  const changed = Object.keys({ ...before, ...after }).filter(
    (k) => k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  )
  return e.action === 'update' ? changed.join(', ') : String(after.name ?? before.name ?? after.email ?? '')
}

/**
 * `projektatlas audit`: the audit log, newest first, filtered by tenant, entity, id, actor, action
 * and time; every tenant's when `--tenant` is not given.
 * @throws {ValidationError} for a malformed filter
 */
export async function audit(options: AuditOptions, io: CliIO): Promise<number> {
  const action = options.action
  if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) {
    throw new ValidationError(`--action must be one of ${ACTIONS.join(', ')}`, 'action')
  }
  const filter = {
    ...(options.entity !== undefined && { entity: options.entity }),
    ...(options.entityId !== undefined && { entityId: integer(options.entityId, 'entity-id') }),
    ...(options.actor !== undefined && { actor: options.actor }),
    ...(action !== undefined && { action: action as Action }),
    ...(options.since !== undefined && { since: instant(options.since, 'since') }),
    ...(options.until !== undefined && { until: instant(options.until, 'until') }),
    limit: integer(options.limit, 'limit') ?? 100,
  }
  return withRegistry(io, async (db) => {
    const events: AuditEvent[] = []
    for (const { scope } of await tenantScopes(db, integer(options.tenant, 'tenant'))) {
      events.push(...(await listAuditEvents(db, scope, filter)))
    }
    events.sort((a, b) => b.id - a.id)
    const shown = events.slice(0, filter.limit)
    if (options.format === 'json') {
      io.out(`${JSON.stringify(shown, null, 2)}\n`)
      return 0
    }
    io.out(
      renderTable(shown, [
        { heading: 'ID', cell: (e) => e.id, align: 'right' },
        { heading: 'När', cell: (e) => e.at.replace('T', ' ').slice(0, 19) },
        { heading: 'Vem', cell: (e) => e.actor, maxWidth: 30 },
        { heading: 'Org', cell: (e) => e.tenantId, align: 'right' },
        { heading: 'Vad', cell: (e) => `${e.entity} ${e.entityId}` },
        { heading: 'Åtgärd', cell: (e) => e.action },
        { heading: 'Ändrat', cell: summary, maxWidth: 50 },
      ]),
    )
    return 0
  })
}
