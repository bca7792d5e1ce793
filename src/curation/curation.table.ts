import type { Generated, Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../db/database.js'

/** match_candidate: a pair the matcher found alike; the review queue is its open rows. */
export interface MatchCandidateTable {
  id: Generated<number>
  tenant_id: number
  entity: string
  left_id: number
  right_id: number
  score_permille: number
  reasons_json: string
  status: string
  note: string | null
  created_at: string
  created_by: string
  decided_at: string | null
  decided_by: string | null
  merge_id: number | null
}
export type MatchCandidateRow = Selectable<MatchCandidateTable>
export type NewMatchCandidateRow = Insertable<MatchCandidateTable>

/** merge_record: one merge of two records and the snapshot that undoes it. */
export interface MergeRecordTable {
  id: Generated<number>
  tenant_id: number
  entity: string
  kept_id: number
  merged_id: number
  snapshot_json: string
  note: string | null
  merged_at: string
  merged_by: string
  split_at: string | null
  split_by: string | null
}
export type MergeRecordRow = Selectable<MergeRecordTable>

/** The registry's tables plus curation's: what the curation repository queries. */
export interface CurationDatabase extends Database {
  match_candidate: MatchCandidateTable
  merge_record: MergeRecordTable
}

/**
 * The registry handle seen with curation's tables too. Curation keeps its table types here rather
 * than in src/db/database.ts, so the capability stays in its own folder.
 */
export function curationDb(db: Kysely<Database>): Kysely<CurationDatabase> {
  return db as unknown as Kysely<CurationDatabase>
}
