import { fromDbBool, toDbBool } from '../db/dialect.js'
import type { Programme, ProgrammeSeed } from './programme.js'
import {
  findProgrammeAliases,
  findProgrammeByKey,
  findProgrammes,
  upsertProgramme,
} from './programme.repository.js'
import type { ProgrammeAliasRow, ProgrammeRow } from './programme.table.js'
import { PROGRAMMES } from './programmes.js'
import { nameKey } from './schema-helpers.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from programme rows to the domain. */
export function programmeRowToProgramme(row: ProgrammeRow, aliases: readonly ProgrammeAliasRow[]): Programme {
  return {
    id: row.id,
    canonical: row.canonical,
    family: row.family,
    fromYear: row.from_year,
    toYear: row.to_year,
    aliases: aliases
      .filter((a) => a.programme_id === row.id && a.alias !== row.canonical)
      .map((a) => a.alias),
    isEu: fromDbBool(row.is_eu),
  }
}

/** The reference list (programmes.ts) as seeds for the programme table. */
export function programmeSeeds(): ProgrammeSeed[] {
  return PROGRAMMES.map((p) => ({
    canonical: p.name,
    family: p.family,
    fromYear: p.from,
    toYear: p.to,
    aliases: p.aliases,
    isEu: p.isEu,
  }))
}

/** The programme reference list, ordered by canonical name. */
export async function listProgrammes(db: Db): Promise<Programme[]> {
  const [rows, aliases] = await Promise.all([findProgrammes(db), findProgrammeAliases(db)])
  return rows.map((r) => programmeRowToProgramme(r, aliases))
}

/** The programme with this canonical name or alias (case- and space-insensitive), or undefined. */
export async function findProgramme(db: Db, name: string): Promise<Programme | undefined> {
  const row = await findProgrammeByKey(db, nameKey(name))
  if (!row) {
    return undefined
  }
  return programmeRowToProgramme(row, await findProgrammeAliases(db, [row.id]))
}

/**
 * Adds a programme the reference list does not know (a regional or national funding source named
 * by a document), so projects can point at it; an existing programme of that name is returned.
 */
export async function addProgramme(db: Db, seed: ProgrammeSeed): Promise<Programme> {
  const existing = await findProgramme(db, seed.canonical)
  if (existing) {
    return existing
  }
  await syncProgrammes(db, [seed])
  return (await findProgramme(db, seed.canonical)) as Programme
}

/** The canonical name and aliases as stored: one entry per name key, the canonical name first. */
function aliasEntries(seed: ProgrammeSeed): { alias: string; alias_key: string }[] {
  const keys = new Set<string>()
  const entries: { alias: string; alias_key: string }[] = []
  for (const alias of [seed.canonical, ...seed.aliases]) {
    const key = nameKey(alias)
    if (!keys.has(key)) {
      keys.add(key)
      entries.push({ alias, alias_key: key })
    }
  }
  return entries
}

/**
 * Brings the programme table in line with the reference list: inserts new programmes, updates
 * changed ones, never deletes (projects may point at a programme the list no longer names).
 * The canonical name is stored as an alias too, so one lookup finds either. Programmes already
 * stored as the list has them are not written, so a start with an unchanged list only reads.
 * @returns how many programmes were inserted or updated
 */
export async function syncProgrammes(db: Db, seeds: readonly ProgrammeSeed[]): Promise<number> {
  const stored = new Map((await listProgrammes(db)).map((p) => [p.canonical, p]))
  const changed = seeds.filter((seed) => {
    const p = stored.get(seed.canonical)
    return (
      !p ||
      p.family !== seed.family ||
      p.fromYear !== seed.fromYear ||
      p.toYear !== seed.toYear ||
      p.isEu !== seed.isEu ||
      JSON.stringify(p.aliases) !==
        JSON.stringify(
          aliasEntries(seed)
            .map((a) => a.alias)
            .filter((a) => a !== seed.canonical),
        )
    )
  })
  if (changed.length === 0) {
    return 0
  }
  return inTransaction(db, async (trx) => {
    for (const seed of changed) {
      const aliases = aliasEntries(seed)
      await upsertProgramme(
        trx,
        {
          canonical: seed.canonical,
          family: seed.family,
          from_year: seed.fromYear,
          to_year: seed.toYear,
          is_eu: toDbBool(seed.isEu),
        },
        aliases,
      )
    }
    return changed.length
  })
}
