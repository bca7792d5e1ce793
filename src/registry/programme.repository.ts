import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { ProgrammeAliasRow, ProgrammeRow } from './programme.table.js'

export async function findProgrammes(db: Kysely<Database>): Promise<ProgrammeRow[]> {
  return db.selectFrom('programme').selectAll().orderBy('canonical').execute()
}

/** Aliases of all programmes, or of the given ones. */
export async function findProgrammeAliases(
  db: Kysely<Database>,
  programmeIds?: readonly number[],
): Promise<ProgrammeAliasRow[]> {
  let q = db.selectFrom('programme_alias').selectAll()
  if (programmeIds !== undefined) {
    if (programmeIds.length === 0) {
      return []
    }
    q = q.where('programme_id', 'in', programmeIds)
  }
  return q.orderBy('id').execute()
}

/** The programme whose canonical name or an alias has this key. */
export async function findProgrammeByKey(
  db: Kysely<Database>,
  key: string,
): Promise<ProgrammeRow | undefined> {
  const byAlias = await db
    .selectFrom('programme')
    .innerJoin('programme_alias', 'programme_alias.programme_id', 'programme.id')
    .selectAll('programme')
    .where('programme_alias.alias_key', '=', key)
    .orderBy('programme.id')
    .executeTakeFirst()
  return byAlias
}

export async function findProgrammeByCanonical(
  db: Kysely<Database>,
  canonical: string,
): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('programme').selectAll().where('canonical', '=', canonical).executeTakeFirst()
}

/** Inserts or updates one programme by canonical name and replaces its aliases. */
export async function upsertProgramme(
  db: Kysely<Database>,
  row: { canonical: string; family: string; from_year: number | null; to_year: number | null; is_eu: number },
  aliases: readonly { alias: string; alias_key: string }[],
): Promise<number> {
  const existing = await findProgrammeByCanonical(db, row.canonical)
  let id: number
  if (existing) {
    id = existing.id
    await db.updateTable('programme').set(row).where('id', '=', id).execute()
  } else {
    id = (await db.insertInto('programme').values(row).returning('id').executeTakeFirstOrThrow()).id
  }
  await db.deleteFrom('programme_alias').where('programme_id', '=', id).execute()
  if (aliases.length > 0) {
    await db
      .insertInto('programme_alias')
      .values(aliases.map((a) => ({ programme_id: id, ...a })))
      .execute()
  }
  return id
}
