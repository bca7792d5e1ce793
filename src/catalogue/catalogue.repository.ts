import { type AliasableExpression, type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { Dialect } from '../config/config.js'
import type { Database } from '../db/database.js'
import { type CatalogueDatabase, type CatalogueDocTable, catalogueDb } from './catalogue.table.js'
import { ALL_FACET, type FacetKey, HIDDEN_FACETS, type IndexSource } from './facets.js'
import { fts5Match } from './text.js'

/** One project's index entry as the indexer computed it. */
export interface IndexEntry {
  readonly doc: CatalogueDocTable
  /** the stems of doc.words (SQLite's FTS5 input) */
  readonly stems: string
  readonly facets: ReadonlyArray<{ readonly facet: string; readonly value: string }>
  /** shown to the public: its postings count in catalogue_facet_count */
  readonly public: boolean
}

/** The posting that marks a project public; drafts are indexed too, for their tenant's own searches. */
export const VISIBILITY_FACET = 'visibility'
export const PUBLIC_VALUE = 'public'

/**
 * Claims up to `limit` dirty project ids and removes them from the queue, inside the caller's
 * transaction. On PostgreSQL, rows another server is already indexing are skipped (SKIP LOCKED).
 */
export async function claimDirty(trx: Kysely<Database>, dialect: Dialect, limit: number): Promise<number[]> {
  const db = catalogueDb(trx)
  if (dialect === 'postgres') {
    const { rows } = await sql<{ project_id: number }>`
      delete from catalogue_dirty where project_id in (
        select project_id from catalogue_dirty order by project_id limit ${limit} for update skip locked
      ) returning project_id`.execute(db)
    return rows.map((r) => r.project_id)
  }
  const rows = await db
    .selectFrom('catalogue_dirty')
    .select('project_id')
    .orderBy('project_id')
    .limit(limit)
    .execute()
  const ids = rows.map((r) => r.project_id)
  if (ids.length > 0) {
    await db.deleteFrom('catalogue_dirty').where('project_id', 'in', ids).execute()
  }
  return ids
}

/** True when some project's index entry is out of date (one indexed probe). */
export async function hasDirty(db: Kysely<Database>): Promise<boolean> {
  const row = await catalogueDb(db)
    .selectFrom('catalogue_dirty')
    .select('project_id')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Marks projects for reindexing (all of them when `ids` is omitted). */
export async function markDirty(db: Kysely<Database>, ids?: readonly number[]): Promise<void> {
  const cdb = catalogueDb(db)
  const source = cdb.selectFrom('project').select('id as project_id')
  await cdb
    .insertInto('catalogue_dirty')
    .columns(['project_id'])
    .expression(ids ? source.where('id', 'in', ids.length > 0 ? [...ids] : [-1]) : source)
    .onConflict((oc) => oc.column('project_id').doNothing())
    .execute()
}

/** Removes the index entries of projects (their postings' counts go down with them). */
export async function removeEntries(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) {
    return
  }
  const db = catalogueDb(trx)
  // Only public projects' postings are in the precomputed counts.
  const old = await db
    .selectFrom('catalogue_facet')
    .select(['facet', 'value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', 'in', (eb) =>
      eb
        .selectFrom('catalogue_facet as v')
        .select('v.project_id')
        .where('v.facet', '=', VISIBILITY_FACET)
        .where('v.value', '=', PUBLIC_VALUE)
        .where('v.project_id', 'in', [...ids]),
    )
    .groupBy(['facet', 'value'])
    .execute()
  for (const o of old) {
    await db
      .updateTable('catalogue_facet_count')
      .set((eb) => ({ n: eb('n', '-', Number(o.n)) }))
      .where('facet', '=', o.facet)
      .where('value', '=', o.value)
      .execute()
  }
  await db.deleteFrom('catalogue_facet_count').where('n', '<=', 0).execute()
  await db
    .deleteFrom('catalogue_facet')
    .where('project_id', 'in', [...ids])
    .execute()
  await db
    .deleteFrom('catalogue_doc')
    .where('project_id', 'in', [...ids])
    .execute()
  if (dialect === 'sqlite') {
    await db
      .deleteFrom('catalogue_fts')
      .where('rowid', 'in', [...ids])
      .execute()
  }
}

/** Writes index entries (after removeEntries for the same ids). */
export async function writeEntries(
  trx: Kysely<Database>,
  dialect: Dialect,
  entries: readonly IndexEntry[],
): Promise<void> {
  if (entries.length === 0) {
    return
  }
  const db = catalogueDb(trx)
  await db
    .insertInto('catalogue_doc')
    .values(entries.map((e) => e.doc))
    .execute()
  if (dialect === 'sqlite') {
    await db
      .insertInto('catalogue_fts')
      .values(entries.map((e) => ({ rowid: e.doc.project_id, stems: e.stems })))
      .execute()
  }
  const postings = entries.flatMap((e) =>
    e.facets.map((f) => ({ facet: f.facet, value: f.value, project_id: e.doc.project_id })),
  )
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < postings.length; i += 300) {
    await db
      .insertInto('catalogue_facet')
      .values(postings.slice(i, i + 300))
      .execute()
  }
  const counts = new Map<string, { facet: string; value: string; n: number }>()
  for (const p of entries.filter((e) => e.public).flatMap((e) => e.facets)) {
    const key = `${p.facet}\u0000${p.value}`
    const c = counts.get(key) ?? { facet: p.facet, value: p.value, n: 0 }
    c.n++
    counts.set(key, c)
  }
  const rows = [...counts.values()]
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('catalogue_facet_count')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) =>
        oc
          .columns(['facet', 'value'])
          .doUpdateSet((eb) => ({ n: eb('catalogue_facet_count.n', '+', eb.ref('excluded.n')) })),
      )
      .execute()
  }
}

/** Sort orders of a search; `relevance` needs a query. */
export type SearchSort = 'relevance' | 'name' | 'start' | 'end' | 'updated'

/** What the repository searches: words already analysed into alternatives per group. */
export interface SearchSpec {
  readonly groups: readonly (readonly string[])[]
  readonly filters: ReadonlyArray<{ readonly facet: FacetKey; readonly values: readonly string[] }>
  /** true for the public: drafts are left out, and catalogue-wide counts come precomputed */
  readonly publicOnly: boolean
  readonly sort: SearchSort
  readonly limit: number
  readonly offset: number
  /** the match set's bound: matches beyond it are neither counted nor ranked */
  readonly bound: number
}

/** A page of project ids, the (bounded) total and facet counts over the match set. */
export interface SearchHits {
  readonly ids: number[]
  readonly total: number
  /** false when the match set reached the bound: `total` is a lower bound, facet counts a sample */
  readonly exact: boolean
  readonly facets: Array<{ facet: string; value: string; n: number }>
}

type Cdb = Kysely<CatalogueDatabase>
/** What a match set needs; with `after`, ids above it in ascending order (an export's cursor). */
type MatchSpec = Pick<SearchSpec, 'groups' | 'filters' | 'bound' | 'publicOnly'> & { readonly after?: number }

/** The filters of a spec, with the public-only rule as one more posting to require. */
function allFilters(
  spec: Pick<SearchSpec, 'filters' | 'publicOnly'>,
): ReadonlyArray<{ facet: string; values: readonly string[] }> {
  return spec.publicOnly
    ? [...spec.filters, { facet: VISIBILITY_FACET, values: [PUBLIC_VALUE] }]
    : spec.filters
}
/** A row of the match set: project id and relevance (higher is better). */
interface MatchRow {
  id: number
  r: number
}

function facetExists(db: Cdb, idRef: Expression<number>, facet: string, values: readonly string[]) {
  return db
    .selectFrom('catalogue_facet as cf')
    .select(sql.lit(1).as('one'))
    .where('cf.facet', '=', facet)
    .where('cf.value', 'in', [...values])
    .whereRef('cf.project_id', '=', idRef as never)
}

/**
 * The bounded match set as a subquery of (id, r): the `bound` newest projects (highest id) that match
 * every word group and every filter, with a relevance score `r` (higher is better).
 */
function matchSet(db: Cdb, dialect: Dialect, spec: MatchSpec): AliasableExpression<MatchRow> {
  if (dialect === 'sqlite' && spec.groups.length > 0) {
    let q = db
      .selectFrom('catalogue_fts as f')
      .select([sql<number>`f.rowid`.as('id'), sql<number>`-f.rank`.as('r')])
      .where(sql<SqlBool>`f.stems match ${fts5Match(spec.groups)}`)
    for (const f of allFilters(spec)) {
      q = q.where((eb) => eb.exists(facetExists(db, sql<number>`f.rowid`, f.facet, f.values)))
    }
    if (spec.after !== undefined) {
      q = q.where(sql<SqlBool>`f.rowid > ${spec.after}`)
    }
    return q.orderBy(sql`f.rowid`, spec.after === undefined ? 'desc' : 'asc').limit(spec.bound)
  }
  const [first, ...rest] = spec.filters
  if (spec.groups.length === 0 && first) {
    // Filters only: walk the first filter's postings (its primary-key range) newest first and
    // probe the others, instead of scanning every project.
    let q = db
      .selectFrom('catalogue_facet as p0')
      .select(['p0.project_id as id', sql<number>`0`.as('r')])
      .where('p0.facet', '=', first.facet)
      .where('p0.value', 'in', [...first.values])
    for (const f of allFilters({ filters: rest, publicOnly: spec.publicOnly })) {
      q = q.where((eb) => eb.exists(facetExists(db, sql<number>`p0.project_id`, f.facet, f.values)))
    }
    if (spec.after !== undefined) {
      q = q.where('p0.project_id', '>', spec.after)
    }
    // Several values of one facet can list a project twice.
    return q
      .groupBy('p0.project_id')
      .orderBy('p0.project_id', spec.after === undefined ? 'desc' : 'asc')
      .limit(spec.bound)
  }
  const tsq = spec.groups.length > 0 ? tsQuery(spec.groups) : null
  let q = db
    .selectFrom('catalogue_doc as d')
    .select(['d.project_id as id', (tsq ? sql<number>`ts_rank(d.tsv, ${tsq})` : sql<number>`0`).as('r')])
  if (tsq) {
    q = q.where(sql<SqlBool>`d.tsv @@ ${tsq}`)
  }
  for (const f of allFilters(spec)) {
    q = q.where((eb) => eb.exists(facetExists(db, sql<number>`d.project_id`, f.facet, f.values)))
  }
  if (spec.after !== undefined) {
    q = q.where('d.project_id', '>', spec.after)
  }
  return q.orderBy('d.project_id', spec.after === undefined ? 'desc' : 'asc').limit(spec.bound)
}

/** (plainto_tsquery(a1) || plainto_tsquery(a2)) && (…): every word a bound parameter, never syntax. */
function tsQuery(groups: readonly (readonly string[])[]) {
  const parts = groups.map(
    (g) =>
      sql`(${sql.join(
        g.map((w) => sql`plainto_tsquery('swedish', ${w})`),
        sql` || `,
      )})`,
  )
  return sql`(${sql.join(parts, sql` && `)})`
}

/**
 * Runs a search: the page of ids in the requested order, the total and the facet counts.
 * With no words and no filters the catalogue-wide counts come from catalogue_facet_count (O(values)).
 */
export async function search(
  dbIn: Kysely<Database>,
  dialect: Dialect,
  spec: SearchSpec,
): Promise<SearchHits> {
  const db = catalogueDb(dbIn)
  if (spec.publicOnly && spec.groups.length === 0 && spec.filters.length === 0) {
    // Hidden facets (a posting per participant organisation) are never shown and grow with the
    // catalogue: leave them out, so the landing page reads O(shown values) rows.
    const counts = await db
      .selectFrom('catalogue_facet_count')
      .select(['facet', 'value', 'n'])
      .where('facet', 'not in', [...HIDDEN_FACETS])
      .execute()
    const total = Number(counts.find((c) => c.facet === ALL_FACET)?.n ?? 0)
    const rows = await db
      .selectFrom('catalogue_doc as d')
      .select('d.project_id')
      .where((eb) => eb.exists(facetExists(db, sql<number>`d.project_id`, VISIBILITY_FACET, [PUBLIC_VALUE])))
      .orderBy(orderSql(spec.sort === 'relevance' ? 'name' : spec.sort, dialect))
      .limit(spec.limit)
      .offset(spec.offset)
      .execute()
    return {
      ids: rows.map((r) => r.project_id),
      total,
      exact: true,
      facets: counts
        .filter((c) => c.facet !== ALL_FACET && c.facet !== VISIBILITY_FACET)
        .map((c) => ({ ...c, n: Number(c.n) })),
    }
  }
  // The match set is evaluated ONCE; its (at most `bound`) ids then drive the page and the counts.
  const matches = await db
    .selectFrom(matchSet(db, dialect, spec).as('m'))
    .select(['m.id', 'm.r'])
    .execute()
  const total = matches.length
  if (total === 0) {
    return { ids: [], total, exact: true, facets: [] }
  }
  const ids = matches.map((m) => Number(m.id))
  let page: number[]
  if (spec.sort === 'relevance' && spec.groups.length > 0) {
    page = [...matches]
      .sort((a, b) => Number(b.r) - Number(a.r) || Number(b.id) - Number(a.id))
      .slice(spec.offset, spec.offset + spec.limit)
      .map((m) => Number(m.id))
  } else {
    const rows = await db
      .selectFrom('catalogue_doc as d')
      .select('d.project_id')
      .where('d.project_id', 'in', ids)
      .orderBy(orderSql(spec.sort === 'relevance' ? 'name' : spec.sort, dialect))
      .limit(spec.limit)
      .offset(spec.offset)
      .execute()
    page = rows.map((r) => r.project_id)
  }
  const facets = await db
    .selectFrom('catalogue_facet as cf')
    .select(['cf.facet', 'cf.value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('cf.project_id', 'in', ids)
    .where('cf.facet', 'not in', [ALL_FACET, VISIBILITY_FACET, ...HIDDEN_FACETS])
    .groupBy(['cf.facet', 'cf.value'])
    .execute()
  return {
    ids: page,
    total,
    exact: total < spec.bound,
    facets: facets.map((f) => ({ facet: f.facet, value: f.value, n: Number(f.n) })),
  }
}

/**
 * The ORDER BY of a sort over catalogue_doc `d`, ties broken by id so pages never overlap. Names
 * compare byte-wise (sortKey made them so): PostgreSQL's locale collations would reorder them.
 */
function orderSql(sort: Exclude<SearchSort, 'relevance'>, dialect: Dialect) {
  switch (sort) {
    case 'start':
      return sql`d.start_key is null, d.start_key desc, d.project_id desc`
    case 'end':
      return sql`d.end_key is null, d.end_key desc, d.project_id desc`
    case 'updated':
      return sql`d.updated_at desc, d.project_id desc`
    default:
      return dialect === 'postgres'
        ? sql`d.name_key collate "C", d.project_id`
        : sql`d.name_key, d.project_id`
  }
}

/**
 * The next `limit` matching project ids above `after`, ascending: how exports walk EVERY match of a
 * search (no bound), one page per query.
 */
export async function matchIdsAfter(
  dbIn: Kysely<Database>,
  dialect: Dialect,
  spec: Pick<SearchSpec, 'groups' | 'filters' | 'publicOnly'>,
  after: number,
  limit: number,
): Promise<number[]> {
  const db = catalogueDb(dbIn)
  const rows = await db
    .selectFrom(matchSet(db, dialect, { ...spec, bound: limit, after }).as('m'))
    .select('m.id')
    .orderBy('m.id')
    .execute()
  return rows.map((r) => Number(r.id))
}

/** Public projects' EU contribution summed per programme family and currency (minor units). */
export async function euFundingByFamily(
  dbIn: Kysely<Database>,
): Promise<Array<{ family: string | null; currency: string; minor: number; projects: number }>> {
  const rows = await catalogueDb(dbIn)
    .selectFrom('catalogue_doc as d')
    .innerJoin('project as p', 'p.id', 'd.project_id')
    .leftJoin('programme as g', 'g.id', 'p.programme_id')
    .select((eb) => [
      'g.family',
      'p.eu_contribution_currency as currency',
      eb.fn.sum<number>('p.eu_contribution_minor').as('minor'),
      eb.fn.countAll<number>().as('projects'),
    ])
    .where('p.eu_contribution_minor', 'is not', null)
    .where((eb) =>
      eb.exists(facetExists(catalogueDb(dbIn), sql<number>`d.project_id`, VISIBILITY_FACET, [PUBLIC_VALUE])),
    )
    .groupBy(['g.family', 'p.eu_contribution_currency'])
    .execute()
  return rows.map((r) => ({
    family: r.family,
    currency: r.currency ?? '',
    minor: Number(r.minor),
    projects: Number(r.projects),
  }))
}

/** Facet counts over the whole public catalogue (precomputed). */
export async function catalogueCounts(
  dbIn: Kysely<Database>,
): Promise<Array<{ facet: string; value: string; n: number }>> {
  const rows = await catalogueDb(dbIn)
    .selectFrom('catalogue_facet_count')
    .select(['facet', 'value', 'n'])
    .execute()
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/** Tenant ids of indexed projects (public ones only, with `publicOnly`), keyed by project id. */
export async function indexedTenants(
  dbIn: Kysely<Database>,
  ids: readonly number[],
  publicOnly: boolean,
): Promise<Map<number, number>> {
  if (ids.length === 0) {
    return new Map()
  }
  const db = catalogueDb(dbIn)
  let q = db
    .selectFrom('catalogue_doc as d')
    .select(['d.project_id', 'd.tenant_id'])
    .where('d.project_id', 'in', [...ids])
  if (publicOnly) {
    q = q.where((eb) =>
      eb.exists(facetExists(db, sql<number>`d.project_id`, VISIBILITY_FACET, [PUBLIC_VALUE])),
    )
  }
  const rows = await q.execute()
  return new Map(rows.map((r) => [r.project_id, r.tenant_id]))
}

/**
 * What the indexer needs about a batch of projects, in three queries whatever the batch's size:
 * the projects with programme and tenant, then every participation with its organisation and unit.
 */
export async function indexSources(dbIn: Kysely<Database>, ids: readonly number[]): Promise<IndexSource[]> {
  if (ids.length === 0) {
    return []
  }
  const db = catalogueDb(dbIn)
  const projects = await db
    .selectFrom('project as p')
    .innerJoin('organisation as t', 't.id', 'p.tenant_id')
    .leftJoin('programme as g', 'g.id', 'p.programme_id')
    .select([
      'p.id',
      'p.tenant_id',
      't.name as tenant_name',
      'p.name',
      'p.acronym',
      'p.summary',
      'g.canonical as programme',
      'p.programme_raw',
      'g.family',
      'p.status',
      'p.period_start',
      'p.period_end',
      'p.updated_at',
      'p.published_at',
    ])
    .where('p.id', 'in', [...ids])
    .execute()
  if (projects.length === 0) {
    // Deleted projects: nothing to index (and an empty IN list is not SQL).
    return []
  }
  const parts = await db
    .selectFrom('participation as x')
    .innerJoin('organisation as o', 'o.id', 'x.organisation_id')
    .leftJoin('unit as u', 'u.id', 'x.unit_id')
    .select([
      'x.project_id',
      'x.organisation_id',
      'o.name',
      'o.country',
      'x.role',
      'x.theme',
      'u.name as unit',
    ])
    .where('x.project_id', 'in', [...ids])
    // The tenants too: participations are indexed by (tenant_id, project_id), and on project_id
    // alone SQLite scans every participation per batch (indexing grew with the catalogue's square).
    .where('x.tenant_id', 'in', [...new Set(projects.map((p) => p.tenant_id))])
    .orderBy('x.id')
    .execute()
  return projects.map((p) => ({
    id: p.id,
    tenantId: p.tenant_id,
    tenantName: p.tenant_name,
    name: p.name,
    acronym: p.acronym,
    summary: p.summary,
    programme: p.programme,
    programmeRaw: p.programme_raw,
    family: p.family,
    status: p.status,
    start: p.period_start,
    end: p.period_end,
    updatedAt: p.updated_at,
    publishedAt: p.published_at,
    participants: parts
      .filter((x) => x.project_id === p.id)
      .map((x) => ({
        organisationId: x.organisation_id,
        name: x.name,
        country: x.country,
        role: x.role,
        theme: x.theme,
        unit: x.unit,
      })),
  }))
}
