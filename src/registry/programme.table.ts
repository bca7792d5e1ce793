import type { Generated, Selectable } from 'kysely'

/** programme: the reference list of funding programmes, seeded from programmes.ts on every migrate. */
export interface ProgrammeTable {
  id: Generated<number>
  canonical: string
  family: string
  /** first and last year it funded projects; null when open-ended */
  from_year: number | null
  to_year: number | null
  is_eu: number
}
export type ProgrammeRow = Selectable<ProgrammeTable>

export interface ProgrammeAliasTable {
  id: Generated<number>
  programme_id: number
  alias: string
  alias_key: string
}
export type ProgrammeAliasRow = Selectable<ProgrammeAliasTable>
