import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Scope } from '../../registry/scope.js'
import { reportDb } from '../report.table.js'

type Db = Kysely<Database>

/** A reporting round: a tenant's year, its part 1 questions and deadline. */
export interface Round {
  readonly id: number
  readonly year: number
  readonly questions: readonly string[]
  readonly deadline: string | null
}

/** Parses stored JSON, falling back when the text is damaged. */
export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** The tenant's round for a year, or null. */
export async function findRound(db: Db, scope: Scope, year: number): Promise<Round | null> {
  const row = await reportDb(db)
    .selectFrom('report_round')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('year', '=', year)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        year: row.year,
        questions: parseJson<string[]>(row.questions_json, []),
        deadline: row.deadline,
      }
    : null
}

/** Approved units' part 1 answers and descriptions for a year: what the report shows of the round. */
export async function approvedAnswers(
  db: Db,
  scope: Scope,
  year: number,
): Promise<{
  narratives: { unit: string; question: string; answer: string }[]
  descriptions: Map<number, string>
}> {
  const round = await findRound(db, scope, year)
  const descriptions = new Map<number, string>()
  if (!round) {
    return { narratives: [], descriptions }
  }
  const rdb = reportDb(db)
  const units = await rdb
    .selectFrom('report_round_unit as ru')
    .innerJoin('unit as u', 'u.id', 'ru.unit_id')
    .select(['ru.id', 'u.name', 'ru.narrative_json'])
    .where('ru.tenant_id', '=', scope.tenantId)
    .where('ru.round_id', '=', round.id)
    .where('ru.status', '=', 'approved')
    .orderBy('u.name')
    .execute()
  const narratives = units.flatMap((u) =>
    parseJson<string[]>(u.narrative_json, []).map((answer, i) => ({
      unit: u.name,
      question: round.questions[i] ?? `Fråga ${i + 1}`,
      answer,
    })),
  )
  if (units.length > 0) {
    const entries = await rdb
      .selectFrom('report_round_entry')
      .select(['participation_id', 'description'])
      .where('tenant_id', '=', scope.tenantId)
      .where(
        'round_unit_id',
        'in',
        units.map((u) => u.id),
      )
      .execute()
    for (const e of entries) {
      if (e.description) {
        descriptions.set(e.participation_id, e.description)
      }
    }
  }
  return { narratives, descriptions }
}
