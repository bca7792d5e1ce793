import { isForeignKeyViolation } from '../db/dialect.js'
import { NotFoundError, ValidationError } from '../shared/errors.js'
import { recordAudit } from './audit.service.js'
import { getCouncilGoalsByIds } from './council-goal.service.js'
import { forgetDataIssues } from './data-issue.service.js'
import { forgetProvenance } from './document.service.js'
import { moneyFromColumns, type StoredMoney } from './money.js'
import { getUnit, organisationExists } from './organisation.service.js'
import type {
  NewParticipation,
  NewPayment,
  Participation,
  ParticipationPatch,
  Payment,
} from './participation.js'
import {
  deleteParticipationRow,
  findContactsByParticipations,
  findGoalLinks,
  findParticipationById,
  findParticipationsByProjects,
  findPayments,
  insertGoalLinks,
  insertParticipation,
  insertPayments,
  replaceGoalLinks,
  replacePayments,
  updateParticipationRow,
} from './participation.repository.js'
import type {
  ParticipationGoalRow,
  ParticipationRowUpdate,
  ParticipationRowWithNames,
  PaymentRow,
} from './participation.table.js'
import { checkMoney } from './project.service.js'
import type { Role } from './project-record.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from a payment row to the domain. */
export function paymentRowToPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    participationId: row.participation_id,
    year: row.year,
    amount: { amountMinor: row.amount_minor, currency: row.currency },
  }
}

/** The one mapper from participation rows (with payments and goal links) to the domain. */
export function participationRowToParticipation(
  row: ParticipationRowWithNames,
  payments: readonly PaymentRow[],
  goals: readonly ParticipationGoalRow[],
): Participation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    projectId: row.project_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationCountry: row.organisation_country,
    unitId: row.unit_id,
    unitName: row.unit_name,
    role: row.role as Role | null,
    budget: moneyFromColumns(row.budget_minor, row.budget_currency),
    euCofinancing: moneyFromColumns(row.eu_cofinancing_minor, row.eu_cofinancing_currency),
    theme: row.theme,
    payments: payments.filter((p) => p.participation_id === row.id).map(paymentRowToPayment),
    councilGoalIds: goals.filter((g) => g.participation_id === row.id).map((g) => g.council_goal_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

async function load(
  db: Db,
  tenantIds: readonly number[],
  rows: ParticipationRowWithNames[],
): Promise<Participation[]> {
  const ids = rows.map((r) => r.id)
  const [payments, goals] = await Promise.all([
    findPayments(db, tenantIds, ids),
    findGoalLinks(db, tenantIds, ids),
  ])
  return rows.map((r) => participationRowToParticipation(r, payments, goals))
}

function checkPayments(payments: readonly NewPayment[] | undefined): void {
  const years = new Set<number>()
  for (const p of payments ?? []) {
    checkMoney(p.amount, 'payments', true)
    if (years.has(p.year)) {
      throw new ValidationError(`payments: year ${p.year} is listed twice`, 'payments')
    }
    years.add(p.year)
  }
}

async function checkRefs(
  db: Db,
  scope: Scope,
  input: ParticipationPatch & { organisationId?: number },
): Promise<void> {
  if (input.organisationId !== undefined) {
    if (!(await organisationExists(db, input.organisationId))) {
      throw new ValidationError(
        `organisationId: no organisation with id ${input.organisationId}`,
        'organisationId',
      )
    }
  }
  if (input.unitId !== undefined && input.unitId !== null) {
    await getUnit(db, scope, input.unitId).catch((e: unknown) => {
      throw new ValidationError(`unitId: the tenant has no unit with id ${input.unitId}`, 'unitId', {
        cause: e,
      })
    })
  }
  if (input.councilGoalIds !== undefined) {
    const found = await getCouncilGoalsByIds(db, scope, input.councilGoalIds)
    const missing = input.councilGoalIds.filter((id) => !found.some((g) => g.id === id))
    if (missing.length > 0) {
      throw new ValidationError(
        `councilGoalIds: the tenant has no goal with id ${missing.join(', ')}`,
        'councilGoalIds',
      )
    }
  }
  checkMoney(input.budget, 'budget')
  checkMoney(input.euCofinancing, 'euCofinancing')
  checkPayments(input.payments)
}

function money(prefix: 'budget' | 'eu_cofinancing', m: StoredMoney | null): ParticipationRowUpdate {
  return prefix === 'budget'
    ? { budget_minor: m?.amountMinor ?? null, budget_currency: m?.currency ?? null }
    : { eu_cofinancing_minor: m?.amountMinor ?? null, eu_cofinancing_currency: m?.currency ?? null }
}

function paymentRows(payments: readonly NewPayment[]) {
  return payments.map((p) => ({
    year: p.year,
    amount_minor: p.amount.amountMinor,
    currency: p.amount.currency,
  }))
}

/**
 * Adds an organisation (and for the tenant, a unit) to a project, with its own budget, payments
 * and goals, in one transaction.
 * @throws {NotFoundError} when the tenant has no such project
 * @throws {ValidationError} naming the field: unknown organisation, unit or goal, bad money, a year twice
 */
export async function addParticipation(
  db: Db,
  scope: Scope,
  projectId: number,
  input: NewParticipation,
): Promise<Participation> {
  return inTransaction(db, async (trx) => {
    await checkRefs(trx, scope, input)
    const at = now()
    const id = await insertParticipation(trx, {
      tenant_id: scope.tenantId,
      project_id: projectId,
      organisation_id: input.organisationId,
      unit_id: input.unitId ?? null,
      role: input.role ?? null,
      ...money('budget', input.budget ?? null),
      ...money('eu_cofinancing', input.euCofinancing ?? null),
      theme: input.theme ?? null,
      created_at: at,
      updated_at: at,
    } as Parameters<typeof insertParticipation>[1]).catch((e: unknown) => {
      // (tenant_id, project_id) references the tenant's projects: another tenant's project is not found.
      if (isForeignKeyViolation(e)) {
        throw new NotFoundError(`No project with id ${projectId}`, { cause: e })
      }
      throw e
    })
    await insertPayments(trx, scope.tenantId, id, paymentRows(input.payments ?? []))
    await insertGoalLinks(trx, scope.tenantId, id, [...new Set(input.councilGoalIds ?? [])])
    const participation = await getParticipation(trx, scope, id)
    await recordAudit(trx, scope, 'participation', id, 'create', null, participation)
    return participation
  })
}

/**
 * One participation of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getParticipation(db: Db, scope: Scope, id: number): Promise<Participation> {
  const row = await findParticipationById(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No participation with id ${id}`)
  }
  const [participation] = await load(db, [scope.tenantId], [row])
  return participation as Participation
}

/** The participations of one project, in the order they were added. */
export async function listParticipations(db: Db, scope: Scope, projectId: number): Promise<Participation[]> {
  return listParticipationsOfTenants(db, [scope.tenantId], [projectId])
}

/** The participations of several projects (for lists and exports), grouped by project id. */
export async function listParticipationsByProjects(
  db: Db,
  scope: Scope,
  projectIds: readonly number[],
): Promise<Map<number, Participation[]>> {
  const all = await listParticipationsOfTenants(db, [scope.tenantId], projectIds)
  const byProject = new Map<number, Participation[]>(projectIds.map((id) => [id, []]))
  for (const p of all) {
    byProject.get(p.projectId)?.push(p)
  }
  return byProject
}

/**
 * The participations of projects of several tenants at once (the public catalogue's pages span
 * many), by project id, each in the order it was added. Only rows of the given tenants are read;
 * match each to its project by `tenantId` and `projectId`.
 */
export async function listParticipationsOfTenants(
  db: Db,
  tenantIds: readonly number[],
  projectIds: readonly number[],
): Promise<Participation[]> {
  return load(db, tenantIds, await findParticipationsByProjects(db, tenantIds, projectIds))
}

/**
 * Changes a participation; `payments` and `councilGoalIds`, when present, replace the lists.
 * @throws {NotFoundError} when the tenant has none with this id
 * @throws {ValidationError} naming the field
 */
export async function updateParticipation(
  db: Db,
  scope: Scope,
  id: number,
  patch: ParticipationPatch,
): Promise<Participation> {
  return inTransaction(db, async (trx) => {
    const before = await getParticipation(trx, scope, id)
    await checkRefs(trx, scope, patch)
    const set: ParticipationRowUpdate = { updated_at: now() }
    if (patch.unitId !== undefined) {
      set.unit_id = patch.unitId
    }
    if (patch.role !== undefined) {
      set.role = patch.role
    }
    if (patch.budget !== undefined) {
      Object.assign(set, money('budget', patch.budget))
    }
    if (patch.euCofinancing !== undefined) {
      Object.assign(set, money('eu_cofinancing', patch.euCofinancing))
    }
    if (patch.theme !== undefined) {
      set.theme = patch.theme
    }
    await updateParticipationRow(trx, scope.tenantId, id, set)
    if (patch.payments !== undefined) {
      await replacePayments(trx, scope.tenantId, id, paymentRows(patch.payments))
    }
    if (patch.councilGoalIds !== undefined) {
      await replaceGoalLinks(trx, scope.tenantId, id, [...new Set(patch.councilGoalIds)])
    }
    const after = await getParticipation(trx, scope, id)
    await recordAudit(trx, scope, 'participation', id, 'update', before, after)
    return after
  })
}

/**
 * Records (or replaces) what was paid out to a participant in one year.
 * @throws {NotFoundError} when the tenant has no such participation
 */
export async function setPayment(
  db: Db,
  scope: Scope,
  participationId: number,
  payment: NewPayment,
): Promise<Participation> {
  return inTransaction(db, async (trx) => {
    const before = await getParticipation(trx, scope, participationId)
    const others = before.payments
      .filter((p) => p.year !== payment.year)
      .map((p) => ({ year: p.year, amount: p.amount }))
    return updateParticipation(trx, scope, participationId, {
      payments: [...others, payment].sort((a, b) => a.year - b.year),
    })
  })
}

/**
 * Removes an organisation from a project, with its payments, goal links and contacts.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function removeParticipation(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getParticipation(trx, scope, id)
    const contacts = (await findContactsByParticipations(trx, [scope.tenantId], [id])).map((c) => c.id)
    for (const [entity, ids] of [
      ['participation', [id]],
      ['payment', before.payments.map((p) => p.id)],
      ['contact', contacts],
    ] as const) {
      await forgetProvenance(trx, scope, entity, ids)
      await forgetDataIssues(trx, scope, entity, ids)
    }
    await deleteParticipationRow(trx, scope.tenantId, id)
    await recordAudit(trx, scope, 'participation', id, 'delete', before, null)
  })
}
