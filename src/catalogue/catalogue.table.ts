import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** catalogue_doc: one row per public project, its sort keys and the words it is found by. */
export interface CatalogueDocTable {
  project_id: number
  tenant_id: number
  /** sortKey(name): byte-order Swedish sort key (Å, Ä, Ö after Z) */
  name_key: string
  /** the period's start as partial ISO text ("2015", "2015-09"), sortable as text */
  start_key: string | null
  end_key: string | null
  updated_at: string
  /** indexWords(...) of name, acronym, summary, partners, programme: PostgreSQL's tsvector input */
  words: string
}

/** catalogue_fts (SQLite): rowid = project id; the stems of catalogue_doc.words. */
export interface CatalogueFtsTable {
  rowid: number
  stems: string
}

/** catalogue_facet: one posting per (facet, value, project). */
export interface CatalogueFacetTable {
  facet: string
  value: string
  project_id: number
}

/** catalogue_facet_count: postings per (facet, value) over the whole public catalogue. */
export interface CatalogueFacetCountTable {
  facet: string
  value: string
  n: number
}

/** catalogue_dirty: projects whose index entry must be rebuilt (filled by triggers). */
export interface CatalogueDirtyTable {
  project_id: number
}

/** The registry's tables plus the catalogue's own (kept here, so the registry schema need not know them). */
export interface CatalogueDatabase extends Database {
  catalogue_doc: CatalogueDocTable
  catalogue_fts: CatalogueFtsTable
  catalogue_facet: CatalogueFacetTable
  catalogue_facet_count: CatalogueFacetCountTable
  catalogue_dirty: CatalogueDirtyTable
}

/** The handle the catalogue's repositories use: the registry's, seeing the catalogue tables too. */
export function catalogueDb(db: Kysely<Database>): Kysely<CatalogueDatabase> {
  return db as unknown as Kysely<CatalogueDatabase>
}
