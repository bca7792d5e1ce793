import type { Generated, Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** catalogue_doc: one row per indexed project: its sort keys, facet values and the words it is found by. */
export interface CatalogueDocTable {
  project_id: number
  tenant_id: number
  /** sortKey(name): byte-order Swedish sort key (Å, Ä, Ö after Z) */
  name_key: string
  /** the period's start as partial ISO text ("2015", "2015-09"), sortable as text */
  start_key: string | null
  end_key: string | null
  updated_at: string
  /** indexWords(...) of name, acronym, summary, partners, programme: PostgreSQL's tsvector input ('' on SQLite, whose FTS5 table holds the stems) */
  words: string
  /** 1 when the project is shown to the public */
  visible: number
  /** the project's shown facet values as tokens ("v12 v40", catalogue_value ids): what searches count */
  facets: string
  /** the tokens only filters use: tenant "t5", participants "p123" */
  hidden: string
  /** the stems of name and acronym: what relevance compares */
  title: string
}

/** catalogue_fts (SQLite, contentless): rowid = project id; the stems, and one tag per facet value. */
export interface CatalogueFtsTable {
  rowid: number
  stems: string
  tags: string
}

/** catalogue_value: every facet value the index has seen, numbered (never deleted, so numbers last). */
export interface CatalogueValueTable {
  id: Generated<number>
  facet: string
  value: string
}

/** catalogue_facet_count: public projects per shown facet value, and per `_all`: the catalogue's size. */
export interface CatalogueFacetCountTable {
  value_id: number
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
  catalogue_value: CatalogueValueTable
  catalogue_facet_count: CatalogueFacetCountTable
  catalogue_dirty: CatalogueDirtyTable
}

/** The handle the catalogue's repositories use: the registry's, seeing the catalogue tables too. */
export function catalogueDb(db: Kysely<Database>): Kysely<CatalogueDatabase> {
  return db as unknown as Kysely<CatalogueDatabase>
}
