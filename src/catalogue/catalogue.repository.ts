import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../config/config.js'
import type { Database } from '../db/database.js'
import { type CatalogueDatabase, type CatalogueDocTable, catalogueDb } from './catalogue.table.js'
import { ALL_FACET, FACETS, type FacetKey, type FacetPair, type IndexSource } from './facets.js'
import { fts5Match, titleScorer } from './text.js'

/** One project's index entry as the indexer computed it. */
export interface IndexEntry {
  readonly doc: Omit<CatalogueDocTable, 'visible' | 'facets' | 'hidden'>
  /** the stems of doc.words (SQLite's FTS5 input) */
  readonly stems: string
  /** its facet values */
  readonly facets: readonly FacetPair[]
  /** shown to the public (catalogue_doc.visible): counted in catalogue_facet_count */
  readonly public: boolean
}

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
    await db
      .deleteFrom('catalogue_dirty')
      .where('project_id', '>=', ids[0] ?? 0)
      .where('project_id', '<=', ids[ids.length - 1] ?? 0)
      .execute()
  }
  return ids
}

/** How many projects wait for their index entry (at most `upTo`, so it stays cheap). */
export async function dirtyCount(db: Kysely<Database>, upTo: number): Promise<number> {
  const row = await catalogueDb(db)
    .selectFrom((eb) => eb.selectFrom('catalogue_dirty').select('project_id').limit(upTo).as('q'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * catalogue_doc's sort indexes on SQLite, as migration 1400 made them. A bulk build drops them and
 * builds each once at its end, in one sorted pass: taking 1M entries one at a time at random
 * places, they cost a fifth of the build.
 */
const SQLITE_SORT_INDEXES: readonly { name: string; on: string }[] = [
  ['name', 'name_key'],
  ['start', 'start_key'],
  ['end', 'end_key'],
  ['updated', 'updated_at'],
].map(([name, key]) => ({
  name: `catalogue_doc_visible_${name}_idx`,
  on: `catalogue_doc (visible, ${key}, project_id)`,
}))

/**
 * Before a bulk build (SQLite): FTS5 stops merging its segments after every transaction, which
 * halves the cost of writing many entries, and catalogue_doc's sort indexes are dropped;
 * endBulkIndex merges once and builds them again at the end.
 */
export async function beginBulkIndex(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`insert into catalogue_fts (catalogue_fts, rank) values ('automerge', 0)`.execute(db)
    for (const index of SQLITE_SORT_INDEXES) {
      await sql.raw(`drop index if exists ${index.name}`).execute(db)
    }
  }
}

/** After a bulk build (SQLite): one merge of the segments it wrote, merging after writes again, the sort indexes back. */
export async function endBulkIndex(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`insert into catalogue_fts (catalogue_fts) values ('optimize')`.execute(db)
    await sql`insert into catalogue_fts (catalogue_fts, rank) values ('automerge', 4)`.execute(db)
    await ensureSortIndexes(db, dialect)
  }
}

/**
 * Builds catalogue_doc's sort indexes where a bulk build was cut short (the process ended) before
 * building them again; nothing when they are there. Run on every start.
 */
export async function ensureSortIndexes(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const index of SQLITE_SORT_INDEXES) {
      await sql.raw(`create index if not exists ${index.name} on ${index.on}`).execute(db)
    }
  }
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

/** Facets whose values the catalogue shows and counts (not the hidden ones, not visibility). */
const SHOWN: ReadonlySet<string> = new Set<string>(FACETS)

/**
 * The token a facet value is filtered and counted by: organisation and participant ids are numbers
 * already ("t5", "p123"); every other value gets the number catalogue_value gives it ("v12").
 */
function idToken(facet: string, value: string): string | null {
  if (facet === 'tenant' || facet === 'participant') {
    return /^[1-9][0-9]{0,15}$/.test(value) ? `${facet === 'tenant' ? 't' : 'p'}${value}` : null
  }
  return null
}

const pairKey = (facet: string, value: string) => `${facet}\u0000${value}`

/**
 * Numbers of facet values, adding the values not seen before (inside the caller's transaction; a
 * value is never deleted, so a number once given stays). Keyed by pairKey.
 */
async function valueNumbers(db: Cdb, pairs: readonly FacetPair[]): Promise<Map<string, number>> {
  const wanted = new Map(pairs.map((p) => [pairKey(p.facet, p.value), p]))
  const out = await knownNumbers(db, pairs)
  const missing = [...wanted].filter(([key]) => !out.has(key)).map(([, p]) => p)
  if (missing.length > 0) {
    for (const chunk of chunks(missing, CHUNK)) {
      await db
        .insertInto('catalogue_value')
        .values(chunk.map((p) => ({ facet: p.facet, value: p.value })))
        .onConflict((oc) => oc.columns(['facet', 'value']).doNothing())
        .execute()
    }
    for (const [key, id] of await knownNumbers(db, missing)) {
      out.set(key, id)
    }
  }
  return out
}

/** Numbers of those facet values the index has seen already, keyed by pairKey. */
async function knownNumbers(db: Cdb, pairs: readonly FacetPair[]): Promise<Map<string, number>> {
  const wanted = new Set(pairs.map((p) => pairKey(p.facet, p.value)))
  const out = new Map<string, number>()
  for (const chunk of chunks([...new Set(pairs.map((p) => p.value))], CHUNK)) {
    const rows = await db
      .selectFrom('catalogue_value')
      .select(['id', 'facet', 'value'])
      .where('value', 'in', chunk)
      .execute()
    for (const r of rows) {
      const key = pairKey(r.facet, r.value)
      if (wanted.has(key)) {
        out.set(key, Number(r.id))
      }
    }
  }
  return out
}

/** Adds `by` to the count of every token of a doc's `facets`. */
function countInto(counts: Map<string, number>, tokens: string, by: number): void {
  if (tokens !== '') {
    for (const t of tokens.split(' ')) {
      counts.set(t, (counts.get(t) ?? 0) + by)
    }
  }
}

/**
 * Replaces the index entries of `ids` (deleted projects have no entry in `entries`) and keeps
 * catalogue_facet_count in step, inside the caller's transaction.
 */
export async function replaceEntries(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly number[],
  entries: readonly IndexEntry[],
): Promise<void> {
  if (ids.length === 0) {
    return
  }
  const db = catalogueDb(trx)
  const numbers = await valueNumbers(db, [
    { facet: ALL_FACET, value: '*' },
    ...new Map(
      entries
        .flatMap((e) => e.facets)
        .filter((f) => idToken(f.facet, f.value) === null)
        .map((f) => [pairKey(f.facet, f.value), f]),
    ).values(),
  ])
  const all = `v${numbers.get(pairKey(ALL_FACET, '*'))}`
  const deltas = new Map<string, number>()
  for (const chunk of chunks(ids, CHUNK)) {
    const old = await db
      .selectFrom('catalogue_doc')
      .select(['project_id', 'visible', 'facets'])
      .where('project_id', 'in', chunk)
      .execute()
    for (const o of old) {
      if (o.visible === 1) {
        countInto(deltas, `${all} ${o.facets}`.trim(), -1)
      }
    }
    if (old.length > 0) {
      const present = old.map((o) => o.project_id)
      await db.deleteFrom('catalogue_doc').where('project_id', 'in', present).execute()
      if (dialect === 'sqlite') {
        await db.deleteFrom('catalogue_fts').where('rowid', 'in', present).execute()
      }
    }
  }
  const tokenOf = (f: FacetPair) => idToken(f.facet, f.value) ?? `v${numbers.get(pairKey(f.facet, f.value))}`
  const docs = entries.map((e) => {
    const facets = e.facets
      .filter((f) => SHOWN.has(f.facet))
      .map(tokenOf)
      .join(' ')
    const hidden = e.facets
      .filter((f) => !SHOWN.has(f.facet))
      .map(tokenOf)
      .join(' ')
    if (e.public) {
      countInto(deltas, `${all} ${facets}`.trim(), 1)
    }
    // SQLite keeps the stems in FTS5 only; PostgreSQL generates its tsvector from `words`.
    return {
      ...e.doc,
      words: dialect === 'sqlite' ? '' : e.doc.words,
      visible: e.public ? 1 : 0,
      facets,
      hidden,
    }
  })
  for (const chunk of chunks(docs, CHUNK)) {
    await db.insertInto('catalogue_doc').values(chunk).execute()
  }
  if (dialect === 'sqlite') {
    const rows = docs.map((d, i) => ({
      rowid: d.project_id,
      stems: entries[i]?.stems ?? '',
      tags: `${d.facets} ${d.hidden}`,
    }))
    for (const chunk of chunks(rows, CHUNK)) {
      await db.insertInto('catalogue_fts').values(chunk).execute()
    }
  }
  await applyCounts(db, deltas)
}

/** Rows per multi-row statement: under SQLite's bound-parameter limit for the widest table. */
const CHUNK = 500

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

async function applyCounts(db: Cdb, deltas: Map<string, number>): Promise<void> {
  const rows = [...deltas]
    .filter(([, n]) => n !== 0)
    .map(([token, n]) => ({ value_id: Number(token.slice(1)), n }))
  for (const chunk of chunks(rows, CHUNK)) {
    await db
      .insertInto('catalogue_facet_count')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('value_id')
          .doUpdateSet((eb) => ({ n: eb('catalogue_facet_count.n', '+', eb.ref('excluded.n')) })),
      )
      .execute()
  }
  if (rows.some((r) => r.n < 0)) {
    await db.deleteFrom('catalogue_facet_count').where('n', '<=', 0).execute()
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

/** A row of the match set: the project, its title stems (relevance), facet tokens and sort keys. */
interface MatchRow {
  readonly id: number
  readonly title: string
  readonly facets: string
  readonly name_key: string
  readonly start_key: string | null
  readonly end_key: string | null
  readonly updated_at: string
}

/**
 * Filters as tokens, one group per facet (OR within, AND across); null when no value of a filter
 * is one the index has seen, so nothing can match.
 */
async function filterTokens(db: Cdb, filters: SearchSpec['filters']): Promise<string[][] | null> {
  const numbers = await knownNumbers(
    db,
    filters.flatMap((f) =>
      f.values.filter((v) => idToken(f.facet, v) === null).map((value) => ({ facet: f.facet, value })),
    ),
  )
  const groups: string[][] = []
  for (const f of filters) {
    const tokens = f.values.flatMap((v) => {
      const token = idToken(f.facet, v)
      const n = numbers.get(pairKey(f.facet, v))
      return token !== null ? [token] : n === undefined ? [] : [`v${n}`]
    })
    if (tokens.length === 0) {
      return null
    }
    groups.push(tokens)
  }
  return groups
}

const MATCH_COLUMNS = sql.raw('d.title, d.facets, d.name_key, d.start_key, d.end_key, d.updated_at')

/**
 * The bounded match set: the `bound` newest projects (highest id) that match every word group and
 * every filter, with what ranking, sorting and counting need, in ONE query. SQLite intersects FTS5
 * doclists (words in `stems`, filters in `tags`) walking rowids downwards and stops at the bound;
 * PostgreSQL combines its GIN indexes over the tsvector and the tags array.
 */
async function matchRows(db: Cdb, dialect: Dialect, spec: MatchSpec): Promise<MatchRow[]> {
  const tokens = await filterTokens(db, spec.filters)
  if (tokens === null) {
    return []
  }
  const after = spec.after === undefined ? sql`` : sql`and d.project_id > ${spec.after}`
  const direction = sql.raw(spec.after === undefined ? 'desc' : 'asc')
  // Visibility is checked on the row the query reads anyway, not matched as a token: nearly every
  // project is public, and intersecting with that doclist cost more than the rest of a rare query.
  // On SQLite the unary + keeps the planner from walking the visibility index instead of FTS5.
  const visible = spec.publicOnly
    ? sql.raw(dialect === 'sqlite' ? 'and +d.visible = 1' : 'and d.visible = 1')
    : sql``
  let rows: MatchRow[]
  if (spec.groups.length === 0 && tokens.length === 0) {
    rows = (
      await sql<MatchRow>`select d.project_id as id, ${MATCH_COLUMNS} from catalogue_doc d
        where 1 = 1 ${visible} ${after} order by d.project_id ${direction} limit ${spec.bound}`.execute(db)
    ).rows
  } else if (dialect === 'sqlite') {
    const afterFts = spec.after === undefined ? sql`` : sql`and catalogue_fts.rowid > ${spec.after}`
    rows = (
      await sql<MatchRow>`select catalogue_fts.rowid as id, ${MATCH_COLUMNS}
        from catalogue_fts join catalogue_doc d on d.project_id = catalogue_fts.rowid
        where catalogue_fts match ${fts5Match(spec.groups, tokens)} ${visible} ${afterFts}
        order by catalogue_fts.rowid ${direction} limit ${spec.bound}`.execute(db)
    ).rows
  } else {
    // Broad filters alone are cheapest walked newest first until the bound is full; through GIN,
    // PostgreSQL gathers and sorts every match first (a broad filter pair took 110 ms at 1M).
    // `= any(tags)` cannot use GIN, so the walk is what it plans then.
    const walk = spec.groups.length === 0 && (await walkBeatsGathering(db, tokens, spec.bound))
    const filter = (g: readonly string[]) =>
      walk
        ? sql`(${sql.join(
            g.map((t) => sql`${t} = any(d.tags)`),
            sql` or `,
          )})`
        : g.length === 1
          ? sql`d.tags @> ${g}::text[]`
          : sql`d.tags && ${g}::text[]`
    const conditions = [
      ...(spec.publicOnly ? [sql`d.visible = 1`] : []),
      ...(spec.groups.length > 0 ? [sql`d.tsv @@ ${tsQuery(spec.groups)}`] : []),
      ...tokens.map(filter),
    ]
    rows = (
      await sql<MatchRow>`select d.project_id as id, ${MATCH_COLUMNS} from catalogue_doc d
        where ${sql.join(conditions, sql` and `)} ${after}
        order by d.project_id ${direction} limit ${spec.bound}`.execute(db)
    ).rows
  }
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

/**
 * Whether filters alone are cheaper walked in id order than gathered through GIN: a walk steps
 * over about bound × total / matches rows, gathering touches every match, so the walk wins when
 * matches² > bound × total. Matches are estimated from the public counts, the filter groups taken
 * as independent; a group with a value that has no count (tenant and participant ids, usually
 * few projects) is never walked.
 */
async function walkBeatsGathering(
  db: Cdb,
  tokens: readonly (readonly string[])[],
  bound: number,
): Promise<boolean> {
  if (tokens.some((g) => g.some((t) => !t.startsWith('v')))) {
    return false
  }
  const rows = await db
    .selectFrom('catalogue_facet_count as c')
    .innerJoin('catalogue_value as v', 'v.id', 'c.value_id')
    .select(['c.value_id', 'c.n', 'v.facet'])
    .where((eb) =>
      eb.or([
        eb('v.facet', '=', ALL_FACET),
        eb('c.value_id', 'in', [...new Set(tokens.flat().map((t) => Number(t.slice(1))))]),
      ]),
    )
    .execute()
  const total = Number(rows.find((r) => r.facet === ALL_FACET)?.n ?? 0)
  if (total === 0) {
    return false
  }
  const count = new Map(rows.map((r) => [`v${r.value_id}`, Number(r.n)]))
  const matches = tokens.reduce(
    (m, g) =>
      (m *
        Math.min(
          total,
          g.reduce((sum, t) => sum + (count.get(t) ?? 0), 0),
        )) /
      total,
    total,
  )
  return matches * matches > bound * total
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
    const counts = await catalogueCounts(dbIn)
    const total = counts.find((c) => c.facet === ALL_FACET)?.n ?? 0
    const rows = await db
      .selectFrom('catalogue_doc as d')
      .select('d.project_id')
      .where('d.visible', '=', 1)
      .orderBy(orderSql(spec.sort === 'relevance' ? 'name' : spec.sort, dialect))
      .limit(spec.limit)
      .offset(spec.offset)
      .execute()
    return {
      ids: rows.map((r) => r.project_id),
      total,
      exact: true,
      facets: counts.filter((c) => c.facet !== ALL_FACET),
    }
  }
  // The match set is read ONCE; its (at most `bound`) rows then give the page and the counts.
  const matches = await matchRows(db, dialect, spec)
  const counts = new Map<string, number>()
  for (const m of matches) {
    countInto(counts, m.facets, 1)
  }
  const facets: SearchHits['facets'] = []
  for (const chunk of chunks(
    [...counts.keys()].map((t) => Number(t.slice(1))),
    CHUNK,
  )) {
    const named = await db
      .selectFrom('catalogue_value')
      .select(['id', 'facet', 'value'])
      .where('id', 'in', chunk)
      .execute()
    for (const v of named) {
      facets.push({ facet: v.facet, value: v.value, n: counts.get(`v${v.id}`) ?? 0 })
    }
  }
  let order: (a: MatchRow, b: MatchRow) => number
  if (spec.sort === 'relevance' && spec.groups.length > 0) {
    const score = titleScorer(spec.groups)
    const scores = new Map(matches.map((m) => [m.id, score(m.title)]))
    order = (a, b) => (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) || b.id - a.id
  } else {
    order = COMPARE[spec.sort === 'relevance' ? 'name' : spec.sort]
  }
  return {
    ids: [...matches]
      .sort(order)
      .slice(spec.offset, spec.offset + spec.limit)
      .map((m) => m.id),
    total: matches.length,
    exact: matches.length < spec.bound,
    facets,
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
/** Newest-first keys with missing ones last, ties by id (newest first), as orderSql sorts. */
const descNullsLast =
  (key: (m: MatchRow) => string | null) =>
  (a: MatchRow, b: MatchRow): number => {
    const x = key(a)
    const y = key(b)
    if (x !== y) {
      return x === null ? 1 : y === null ? -1 : byText(y, x)
    }
    return b.id - a.id
  }

/** The orders of orderSql, in the application (a bounded match set is sorted here, not re-read). */
const COMPARE: Readonly<Record<Exclude<SearchSort, 'relevance'>, (a: MatchRow, b: MatchRow) => number>> = {
  name: (a, b) => byText(a.name_key, b.name_key) || a.id - b.id,
  start: descNullsLast((m) => m.start_key),
  end: descNullsLast((m) => m.end_key),
  updated: descNullsLast((m) => m.updated_at),
}

/**
 * The ORDER BY of a sort over catalogue_doc `d`, ties broken by id so pages never overlap; each has
 * an index over visible projects. Names compare byte-wise (sortKey made them so): PostgreSQL's locale
 * collations would reorder them.
 */
function orderSql(sort: Exclude<SearchSort, 'relevance'>, dialect: Dialect) {
  switch (sort) {
    case 'start':
      return sql`d.start_key desc nulls last, d.project_id desc`
    case 'end':
      return sql`d.end_key desc nulls last, d.project_id desc`
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
  const rows = await matchRows(catalogueDb(dbIn), dialect, { ...spec, bound: limit, after })
  return rows.map((r) => r.id)
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
    .where('d.visible', '=', 1)
    .groupBy(['g.family', 'p.eu_contribution_currency'])
    .execute()
  return rows.map((r) => ({
    family: r.family,
    currency: r.currency ?? '',
    minor: Number(r.minor),
    projects: Number(r.projects),
  }))
}

/** Facet counts over the whole public catalogue (precomputed), `_all` among them. */
export async function catalogueCounts(
  dbIn: Kysely<Database>,
): Promise<Array<{ facet: string; value: string; n: number }>> {
  const rows = await catalogueDb(dbIn)
    .selectFrom('catalogue_facet_count as c')
    .innerJoin('catalogue_value as v', 'v.id', 'c.value_id')
    .select(['v.facet', 'v.value', 'c.n'])
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
  // Visibility is checked here, not in SQL: given `visible = 1`, SQLite may walk the index over
  // every visible project instead of looking the ids up by key.
  const rows = await catalogueDb(dbIn)
    .selectFrom('catalogue_doc as d')
    .select(['d.project_id', 'd.tenant_id', 'd.visible'])
    .where('d.project_id', 'in', [...ids])
    .execute()
  return new Map(rows.filter((r) => !publicOnly || r.visible === 1).map((r) => [r.project_id, r.tenant_id]))
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
  const found = projects.map((p) => p.id)
  const [low, high] = [Math.min(...found), Math.max(...found)]
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
    // Participations are indexed by (tenant_id, project_id): on project_id alone SQLite scans every
    // participation per batch. A dense batch (a bulk build) reads one id range per tenant; a sparse
    // one probes its (tenant, id) pairs.
    .where('x.tenant_id', 'in', [...new Set(projects.map((p) => p.tenant_id))])
    .where((eb) =>
      high - low < 2 * found.length ? eb.between('x.project_id', low, high) : eb('x.project_id', 'in', found),
    )
    .orderBy('x.id')
    .execute()
  const byProject = new Map<number, typeof parts>()
  for (const x of parts) {
    const list = byProject.get(x.project_id)
    if (list) {
      list.push(x)
    } else {
      byProject.set(x.project_id, [x])
    }
  }
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
    participants: (byProject.get(p.id) ?? []).map((x) => ({
      organisationId: x.organisation_id,
      name: x.name,
      country: x.country,
      role: x.role,
      theme: x.theme,
      unit: x.unit,
    })),
  }))
}
