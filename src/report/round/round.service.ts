import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { toStoredMoney } from '../../registry/money.js'
import { listUnits } from '../../registry/organisation.service.js'
import { setPayment, updateParticipation } from '../../registry/participation.service.js'
import type { Scope } from '../../registry/scope.js'
import { inTransaction } from '../../registry/tx.js'
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js'
import { loadReportInput } from '../report.service.js'
import { reportDb } from '../report.table.js'
import {
  DEFAULT_QUESTIONS,
  type EntryAnswer,
  type EntryContext,
  nextStatus,
  type RoundFinding,
  readAmount,
  type UnitStatus,
  validateSubmission,
} from './round.js'
import { findRound, parseJson, type Round } from './round-answers.js'

type Db = Kysely<Database>

export type { Round } from './round-answers.js'
export { findRound } from './round-answers.js'

/** One unit's progress in a round. */
export interface RoundUnit {
  readonly unitId: number
  readonly unit: string
  readonly status: UnitStatus
  readonly comment: string | null
  readonly updatedAt: string
  readonly updatedBy: string
}

/** A form line an editor fills: the registry's facts pre-filled, and the answer so far. */
export interface RoundEntry extends EntryContext {
  readonly programme: string | null
  readonly totalBudget: string | null
  readonly ownBudget: string | null
  readonly answer: EntryAnswer
}

/** A unit's whole form in a round. */
export interface UnitForm {
  readonly round: Round
  readonly unit: RoundUnit
  readonly narratives: readonly string[]
  readonly entries: readonly RoundEntry[]
  readonly goals: readonly { readonly id: number; readonly text: string }[]
}

function now(): string {
  return new Date().toISOString()
}

/**
 * Opens a reporting round for a year: the part 1 questions (Malmö's two by default), a deadline
 * and the units that take part (each starts as not started).
 * @throws {ConflictError} when the tenant already has a round for that year
 * @throws {ValidationError} when no unit or an unknown unit is named
 */
export async function openRound(
  db: Db,
  scope: Scope,
  input: {
    year: number
    questions?: readonly string[]
    deadline?: string | null
    unitIds: readonly number[]
  },
): Promise<Round> {
  const questions = (input.questions ?? DEFAULT_QUESTIONS).map((q) => q.trim()).filter((q) => q !== '')
  const units = await listUnits(db, scope)
  const known = new Set(units.map((u) => u.id))
  if (input.unitIds.length === 0 || input.unitIds.some((id) => !known.has(id))) {
    throw new ValidationError('Välj minst en av organisationens nämnder', 'unitIds')
  }
  return inTransaction(db, async (trx) => {
    const rdb = reportDb(trx as unknown as Kysely<Database>)
    const existing = await rdb
      .selectFrom('report_round')
      .select('id')
      .where('tenant_id', '=', scope.tenantId)
      .where('year', '=', input.year)
      .executeTakeFirst()
    if (existing) {
      throw new ConflictError(`A reporting round for ${input.year} is already open`)
    }
    const row = await rdb
      .insertInto('report_round')
      .values({
        tenant_id: scope.tenantId,
        year: input.year,
        questions_json: JSON.stringify(questions),
        deadline: input.deadline ?? null,
        created_at: now(),
        created_by: scope.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await rdb
      .insertInto('report_round_unit')
      .values(
        [...new Set(input.unitIds)].map((unitId) => ({
          tenant_id: scope.tenantId,
          round_id: row.id,
          unit_id: unitId,
          status: 'not_started',
          comment: null,
          narrative_json: '[]',
          updated_at: now(),
          updated_by: scope.actor,
        })),
      )
      .execute()
    return { id: row.id, year: input.year, questions, deadline: input.deadline ?? null }
  })
}

/** The tenant's rounds, newest year first. */
export async function listRounds(db: Db, scope: Scope): Promise<Round[]> {
  const rows = await reportDb(db)
    .selectFrom('report_round')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .orderBy('year', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    year: row.year,
    questions: parseJson<string[]>(row.questions_json, []),
    deadline: row.deadline,
  }))
}

async function requireRound(db: Db, scope: Scope, year: number): Promise<Round> {
  const round = await findRound(db, scope, year)
  if (!round) {
    throw new NotFoundError(`No reporting round for ${year}`)
  }
  return round
}

/** Every unit's status in a round, for the coordinator's overview. */
export async function listRoundUnits(db: Db, scope: Scope, year: number): Promise<RoundUnit[]> {
  const round = await requireRound(db, scope, year)
  const rows = await reportDb(db)
    .selectFrom('report_round_unit as ru')
    .innerJoin('unit as u', 'u.id', 'ru.unit_id')
    .select(['ru.unit_id', 'u.name', 'ru.status', 'ru.comment', 'ru.updated_at', 'ru.updated_by'])
    .where('ru.tenant_id', '=', scope.tenantId)
    .where('ru.round_id', '=', round.id)
    .orderBy('u.name')
    .execute()
  return rows.map((r) => ({
    unitId: r.unit_id,
    unit: r.name,
    status: r.status as UnitStatus,
    comment: r.comment,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }))
}

function moneyText(m: { amountMinor: number; currency: string } | null): string | null {
  if (!m) {
    return null
  }
  return `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(m.amountMinor / 100)} ${m.currency === 'SEK' ? 'kr' : m.currency}`
}

/**
 * A unit's form: its participations in the year pre-filled from the registry (role, budgets,
 * programme, goals, last description), overlaid with what the unit has saved in the round.
 * @throws {NotFoundError} when there is no round for the year or the unit is not in it
 */
export async function getUnitForm(db: Db, scope: Scope, year: number, unitId: number): Promise<UnitForm> {
  const round = await requireRound(db, scope, year)
  const unit = (await listRoundUnits(db, scope, year)).find((u) => u.unitId === unitId)
  if (!unit) {
    throw new NotFoundError(`The unit takes no part in the ${year} round`)
  }
  const rdb = reportDb(db)
  const ru = await rdb
    .selectFrom('report_round_unit')
    .select(['id', 'narrative_json'])
    .where('tenant_id', '=', scope.tenantId)
    .where('round_id', '=', round.id)
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow()
  const saved = await rdb
    .selectFrom('report_round_entry')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('round_unit_id', '=', ru.id)
    .execute()
  const savedBy = new Map(saved.map((s) => [s.participation_id, s]))
  const input = await loadReportInput(db, scope, year, { withRound: false })
  const roundUnits = new Set((await listRoundUnits(db, scope, year)).map((u) => u.unitId))
  const entries: RoundEntry[] = []
  for (const project of input.projects) {
    for (const part of project.participations.filter((p) => p.unitId === unitId)) {
      const s = savedBy.get(part.id)
      const others = project.participations
        .filter((p) => p.unitId !== unitId && roundUnits.has(p.unitId))
        .map((p) => p.unit)
      entries.push({
        participationId: part.id,
        projectId: project.id,
        projectName: project.name,
        role: part.role,
        budgetBox: part.budget ? (part.role === 'partner' ? 'partner' : 'owner') : null,
        start: project.start,
        end: project.end,
        otherUnits: [...new Set(others)],
        programme: project.programme,
        totalBudget: moneyText(project.totalBudget),
        ownBudget: moneyText(part.budget),
        answer: {
          participationId: part.id,
          paidText: s?.paid_text ?? (part.paid ? String(part.paid.amountMinor / 100) : ''),
          goalIds: s ? parseJson<number[]>(s.goal_ids_json, []) : part.goalIds,
          description: s?.description ?? part.description ?? project.summary ?? '',
        },
      })
    }
  }
  entries.sort((a, b) => a.projectName.localeCompare(b.projectName, 'sv'))
  const narratives = parseJson<string[]>(ru.narrative_json, [])
  return {
    round,
    unit,
    narratives: round.questions.map((_, i) => narratives[i] ?? ''),
    entries,
    goals: input.goals,
  }
}

/** What became of a save or submit. */
export interface SaveOutcome {
  readonly status: UnitStatus
  readonly findings: readonly RoundFinding[]
}

/**
 * Saves a unit's answers (as a draft), or submits them: a submit with errors is kept as a draft
 * and the findings are returned; without errors the unit becomes submitted.
 * @throws {ConflictError} when the unit's status does not allow it (submitted or approved)
 */
export async function saveUnitForm(
  db: Db,
  scope: Scope,
  year: number,
  unitId: number,
  answers: { narratives: readonly string[]; entries: readonly EntryAnswer[] },
  action: 'save' | 'submit',
): Promise<SaveOutcome> {
  const form = await getUnitForm(db, scope, year, unitId)
  const target = nextStatus(form.unit.status, action)
  if (!target) {
    throw new ConflictError(`A unit whose report is ${form.unit.status} cannot ${action}`)
  }
  const known = new Set(form.entries.map((e) => e.participationId))
  const entries = answers.entries.filter((e) => known.has(e.participationId))
  const findings = action === 'submit' ? validateSubmission(entries, form.entries, answers.narratives) : []
  const blocked = findings.some((f) => f.severity === 'error')
  const status: UnitStatus = blocked ? 'draft' : target
  await inTransaction(db, async (trx) => {
    const rdb = reportDb(trx as unknown as Kysely<Database>)
    const ru = await rdb
      .selectFrom('report_round_unit')
      .select('id')
      .where('tenant_id', '=', scope.tenantId)
      .where('round_id', '=', form.round.id)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow()
    await rdb
      .updateTable('report_round_unit')
      .set({
        status,
        narrative_json: JSON.stringify(answers.narratives.slice(0, form.round.questions.length)),
        updated_at: now(),
        updated_by: scope.actor,
      })
      .where('id', '=', ru.id)
      .execute()
    await rdb.deleteFrom('report_round_entry').where('round_unit_id', '=', ru.id).execute()
    if (entries.length > 0) {
      await rdb
        .insertInto('report_round_entry')
        .values(
          entries.map((e) => ({
            tenant_id: scope.tenantId,
            round_unit_id: ru.id,
            participation_id: e.participationId,
            paid_text: e.paidText,
            goal_ids_json: JSON.stringify(e.goalIds),
            description: e.description === '' ? null : e.description,
          })),
        )
        .execute()
    }
  })
  return { status, findings }
}

/**
 * The coordinator returns a submitted unit with a comment, or approves it. Approving writes the
 * unit's answers into the registry (the year's payment and goals per participation), so the
 * report is computed from them.
 * @throws {ConflictError} when the unit is not submitted
 * @throws {ValidationError} when returning without a comment
 */
export async function decideUnit(
  db: Db,
  scope: Scope,
  year: number,
  unitId: number,
  decision: 'return' | 'approve',
  comment: string | null,
): Promise<UnitStatus> {
  const form = await getUnitForm(db, scope, year, unitId)
  const target = nextStatus(form.unit.status, decision)
  if (!target) {
    throw new ConflictError(
      `A unit whose report is ${form.unit.status} cannot be ${decision === 'return' ? 'returned' : 'approved'}`,
    )
  }
  if (decision === 'return' && !comment?.trim()) {
    throw new ValidationError('Skriv en kommentar om vad som ska rättas', 'comment')
  }
  await inTransaction(db, async (trx) => {
    if (decision === 'approve') {
      for (const e of form.entries) {
        const amount = readAmount(e.answer.paidText)
        if (typeof amount === 'number') {
          await setPayment(trx, scope, e.participationId, { year, amount: toStoredMoney(amount, 'SEK') })
        }
        await updateParticipation(trx, scope, e.participationId, { councilGoalIds: [...e.answer.goalIds] })
      }
    }
    await reportDb(trx as unknown as Kysely<Database>)
      .updateTable('report_round_unit')
      .set({ status: target, comment: comment?.trim() || null, updated_at: now(), updated_by: scope.actor })
      .where('tenant_id', '=', scope.tenantId)
      .where('round_id', '=', form.round.id)
      .where('unit_id', '=', unitId)
      .execute()
  })
  return target
}
