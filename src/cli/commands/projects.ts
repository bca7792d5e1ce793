import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { fromStoredMoney, type StoredMoney } from '../../registry/money.js'
import type { Project } from '../../registry/project.js'
import { getProject, listProjects } from '../../registry/project.service.js'
import { getProjectRecord, listProjectRecords } from '../../registry/project-record.service.js'
import type { Scope } from '../../registry/scope.js'
import { NotFoundError, ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { pages, tenantScopes, withRegistry } from '../registry.js'
import { renderTable } from '../table.js'

/** Options of `projektatlas projects`. */
export interface ProjectsOptions {
  readonly format: 'table' | 'json'
  /** only this tenant's portfolio (default: every tenant's) */
  readonly tenant?: string
}

/**
 * Parses a positive integer id given on the command line.
 * @throws {ValidationError} naming `field` when it is not one
 */
export function parseId(value: string, field: string): number {
  const n = Number(value)
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new ValidationError(`${field} must be a positive whole number, not "${value}"`, field)
  }
  return n
}

function money(m: StoredMoney | null): string {
  if (!m) {
    return ''
  }
  const { amount, currency } = fromStoredMoney(m)
  return `${amount.toLocaleString('sv-SE')} ${currency}`
}

function period(p: Project): string {
  return p.start || p.end ? `${p.start ?? '?'}–${p.end ?? '?'}` : ''
}

// Project ids are unique across tenants; without --tenant, find whose project it is.
async function findScope(db: Kysely<Database>, id: number, tenant: number | undefined): Promise<Scope> {
  for (const { scope } of await tenantScopes(db, tenant)) {
    try {
      await getProject(db, scope, id)
      return scope
    } catch (e) {
      if (!(e instanceof NotFoundError)) {
        throw e
      }
    }
  }
  throw new NotFoundError(`No project with id ${id}`)
}

async function showOne(db: Kysely<Database>, id: number, options: ProjectsOptions, io: CliIO): Promise<void> {
  const scope = await findScope(
    db,
    id,
    options.tenant === undefined ? undefined : parseId(options.tenant, 'tenant'),
  )
  const record = await getProjectRecord(db, scope, id)
  if (options.format === 'json') {
    io.out(`${JSON.stringify(record, null, 2)}\n`)
    return
  }
  const project = await getProject(db, scope, id)
  const fields: [string, string | null][] = [
    ['ID', String(record.id)],
    ['Namn', record.name],
    ['Akronym', record.acronym],
    ['Organisation', record.organisation],
    ['Program', record.programme ?? record.programmeRaw],
    ['Period', period(project)],
    ['Status', project.status],
    ['Total budget', money(project.totalBudget)],
    ['EU-bidrag', money(project.euContribution)],
    ['Webbplats', record.website],
    ['Sammanfattning', record.summary],
  ]
  const width = Math.max(...fields.map(([k]) => k.length))
  for (const [k, v] of fields) {
    if (v) {
      io.out(`${k.padEnd(width)}  ${v}\n`)
    }
  }
  io.out('\nDeltagare (egen budget och eget EU-bidrag):\n')
  io.out(
    renderTable(record.participations, [
      { heading: 'Organisation', cell: (p) => p.organisation, maxWidth: 40 },
      { heading: 'Land', cell: (p) => p.country },
      { heading: 'Roll', cell: (p) => p.role },
      { heading: 'Enhet', cell: (p) => p.unit, maxWidth: 24 },
      {
        heading: 'Budget',
        cell: (p) => (p.budget ? `${p.budget.amount.toLocaleString('sv-SE')} ${p.budget.currency}` : ''),
        align: 'right',
      },
      {
        heading: 'EU-bidrag',
        cell: (p) =>
          p.euCofinancing
            ? `${p.euCofinancing.amount.toLocaleString('sv-SE')} ${p.euCofinancing.currency}`
            : '',
        align: 'right',
      },
    ]),
  )
}

async function listAll(db: Kysely<Database>, options: ProjectsOptions, io: CliIO): Promise<void> {
  const tenant = options.tenant === undefined ? undefined : parseId(options.tenant, 'tenant')
  const scopes = await tenantScopes(db, tenant)
  if (options.format === 'json') {
    // A JSON array written page by page, so a large registry never sits in memory as one string.
    let first = true
    io.out('[')
    for (const { scope } of scopes) {
      for await (const page of pages((limit, offset) => listProjectRecords(db, scope, { limit, offset }))) {
        for (const record of page) {
          io.out(`${first ? '\n' : ',\n'}${JSON.stringify(record)}`)
          first = false
        }
      }
    }
    io.out(first ? ']\n' : '\n]\n')
    return
  }
  const rows: (Project & { tenantName: string })[] = []
  for (const { scope, tenant: t } of scopes) {
    for await (const page of pages((limit, offset) => listProjects(db, scope, { limit, offset }))) {
      rows.push(...page.map((p) => ({ ...p, tenantName: t.name })))
    }
  }
  if (rows.length === 0) {
    io.err('no projects in the registry (try: projektatlas serve --demo, or projektatlas import)\n')
  }
  io.out(
    renderTable(rows, [
      { heading: 'ID', cell: (p) => p.id, align: 'right' },
      { heading: 'Namn', cell: (p) => p.name, maxWidth: 48 },
      { heading: 'Akronym', cell: (p) => p.acronym, maxWidth: 14 },
      { heading: 'Program', cell: (p) => p.programme ?? p.programmeRaw, maxWidth: 28 },
      { heading: 'Period', cell: period },
      { heading: 'Status', cell: (p) => p.status },
      ...(scopes.length > 1
        ? [{ heading: 'Organisation', cell: (p: (typeof rows)[number]) => p.tenantName, maxWidth: 30 }]
        : []),
    ]),
  )
}

/**
 * `projektatlas projects [id]`: every project as a table, or with `--format json` as a JSON array of
 * project records (../shared/spec/project-record.md) each with a `participations` array; with an id,
 * that one project (a record object in JSON).
 * @throws {NotFoundError} when no project has the id
 * @throws {ValidationError} when the id or --tenant is not a positive whole number
 */
export async function projects(id: string | undefined, options: ProjectsOptions, io: CliIO): Promise<number> {
  const projectId = id === undefined ? undefined : parseId(id, 'id')
  return withRegistry(io, async (db) => {
    if (projectId === undefined) {
      await listAll(db, options, io)
    } else {
      await showOne(db, projectId, options, io)
    }
    return 0
  })
}
