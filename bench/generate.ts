import SQLite from 'better-sqlite3'
import { type Insertable, type Kysely, sql } from 'kysely'
import type { Dialect } from '../src/config/config.js'
import type { Database } from '../src/db/database.js'
import { nameKey, searchKey } from '../src/registry/schema-helpers.js'

// A deterministic synthetic portfolio for the scale benchmark (issue 8). Every name is invented and
// marked "Syntet": nothing here may be mistaken for a real municipality's project. The shapes follow
// the seeds (../shared/seeds): Swedish tenants leading projects with partners around the Baltic and
// in the EU, programmes from the reference list, periods 2007–2027, budgets of a few million kronor.

/** Mulberry32: a small, fast, seedable PRNG (the same seed gives the same portfolio everywhere). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

/** Picks by weight: `weights[i]` is the relative weight of `items[i]`. */
function weighted<T>(rand: Rand, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0)
  let r = rand() * total
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0
    if (r < 0) {
      return items[i] as T
    }
  }
  return items[items.length - 1] as T
}

/** A Zipf-like pick: index 0 is the most frequent, frequency ~ 1/(rank+1). */
function zipf(rand: Rand, n: number): number {
  // Inverse of the continuous approximation of the harmonic CDF.
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1))
}

// Vocabulary of the summaries and names: common project words first (Zipf ranks), so "projekt" or
// "hållbar" match a large share of the catalogue, as they do in real portfolios.
const WORDS = [
  'projekt',
  'utveckling',
  'samverkan',
  'hållbar',
  'regional',
  'kompetens',
  'energi',
  'klimat',
  'innovation',
  'integration',
  'arbetsmarknad',
  'ungdomar',
  'digitalisering',
  'miljö',
  'kultur',
  'turism',
  'vatten',
  'transport',
  'skola',
  'företag',
  'landsbygd',
  'hälsa',
  'forskning',
  'jämställdhet',
  'kust',
  'hav',
  'cirkulär',
  'ekonomi',
  'inkludering',
  'migration',
  'stadsutveckling',
  'biologisk',
  'mångfald',
  'nätverk',
  'utbildning',
  'sysselsättning',
  'besöksnäring',
  'kulturarv',
  'gränsöverskridande',
  'smart',
  'mobilitet',
  'livsmedel',
  'skog',
  'våtmark',
  'klimatanpassning',
  'ledarskap',
  'äldreomsorg',
  'entreprenörskap',
  'demokrati',
  'delaktighet',
]
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  've',
  'sto',
  'dal',
  'by',
  'ny',
  'holm',
  'ås',
  'tor',
  'en',
  'vik',
  'rö',
]
const COUNTRIES = [
  'SE',
  'DK',
  'NO',
  'FI',
  'DE',
  'PL',
  'LV',
  'LT',
  'EE',
  'NL',
  'ES',
  'IT',
  'FR',
  'BE',
  'AT',
  'IE',
]
const COUNTRY_WEIGHTS = [40, 8, 6, 7, 9, 6, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1]
const KINDS = ['municipality', 'region', 'university', 'agency', 'company', 'association', 'school']
const UNITS = [
  'Miljöförvaltningen',
  'Stadsbyggnadskontoret',
  'Arbetsmarknadsförvaltningen',
  'Kulturförvaltningen',
  'Utbildningsförvaltningen',
  'Näringslivsavdelningen',
]
const THEMES = ['Klimat', 'Arbete', 'Utbildning', 'Kultur', 'Innovation', 'Social sammanhållning']
/** Programme families as common as they are in Swedish municipal portfolios. */
const FAMILY_WEIGHTS: Record<string, number> = {
  ESF: 20,
  ERDF: 18,
  Interreg: 25,
  'Erasmus+': 15,
  Horizon: 6,
  LIFE: 3,
  AMIF: 3,
  EAFRD: 3,
  JTF: 2,
  'Creative Europe': 2,
  CERV: 1,
  EUI: 1,
  Nordic: 1,
}
const TODAY = '2026-11-27'

/** What a generated portfolio is made of. */
export interface PortfolioShape {
  readonly projects: number
  readonly tenants: number
  readonly partners: number
}

/** Tenants and partner organisations for a portfolio of `projects`. */
export function shapeOf(projects: number): PortfolioShape {
  return {
    projects,
    tenants: Math.max(5, Math.min(300, Math.ceil(projects / 2000))),
    partners: Math.max(200, Math.ceil(projects / 5)),
  }
}

/** A pronounceable invented word: every tenant, partner and acronym gets one. */
function inventedWord(rand: Rand, syllables: number): string {
  let w = ''
  for (let i = 0; i < syllables; i++) {
    w += pick(rand, SYLLABLES)
  }
  return w
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

/** The partner organisation number `i` (1-based) of a portfolio: its name is unique. */
export function partnerName(seed: number, i: number): string {
  const rand = prng(seed * 7919 + i)
  return `Syntet ${capital(inventedWord(rand, 3))} ${pick(rand, ['förbund', 'institut', 'byrå', 'stiftelse', 'kommun'])} ${i}`
}

/** The acronym of project `i` (1-based): an invented word found in exactly one project. */
export function projectAcronym(i: number): string {
  return `SYN${i.toString(36).toUpperCase()}`
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** The tables a synthetic portfolio fills, in the order their rows come (parents first). */
export const PORTFOLIO_TABLES = ['organisation', 'unit', 'project', 'participation'] as const
export type PortfolioTable = (typeof PORTFOLIO_TABLES)[number]

/** One row to insert, tagged with its table. */
export type PortfolioRow = {
  [T in PortfolioTable]: { readonly table: T; readonly row: Insertable<Database[T]> }
}[PortfolioTable]

/** What the generator needs to know of a programme (read from the migrated, seeded registry). */
export interface ProgrammeRef {
  readonly id: number
  readonly canonical: string
  readonly family: string
}

/**
 * The rows of a synthetic portfolio of `projects` projects, streamed (a 2M portfolio is never held
 * in memory): tenants (organisation ids 1..tenants), partner organisations, the tenants' units, then
 * each project followed by its participations. Ids are explicit so children point at parents
 * without reading them back. Deterministic from `seed` and the programme list (ordered by id).
 */
export function* portfolioRows(
  programmes: readonly ProgrammeRef[],
  projects: number,
  seed = 1,
): Generator<PortfolioRow> {
  const shape = shapeOf(projects)
  const rand = prng(seed)
  const at = `${TODAY}T12:00:00.000Z`
  const progWeights = programmes.map((p) => (FAMILY_WEIGHTS[p.family] ?? 0.5) / 4)

  for (let t = 1; t <= shape.tenants; t++) {
    const name = `Syntet ${capital(inventedWord(prng(seed * 31 + t), 2))}stad ${t} kommun`
    yield {
      table: 'organisation',
      row: {
        id: t,
        name,
        name_key: nameKey(name),
        country: 'SE',
        kind: 'municipality',
        is_tenant: 1,
        created_at: at,
        updated_at: at,
      },
    }
  }
  for (let i = 1; i <= shape.partners; i++) {
    const name = partnerName(seed, i)
    const country = weighted(rand, COUNTRIES, COUNTRY_WEIGHTS)
    yield {
      table: 'organisation',
      row: {
        id: shape.tenants + i,
        name,
        name_key: nameKey(name),
        country,
        kind: pick(rand, KINDS),
        is_tenant: 0,
        created_at: at,
        updated_at: at,
      },
    }
  }
  for (let t = 1; t <= shape.tenants; t++) {
    for (const [k, u] of UNITS.entries()) {
      yield {
        table: 'unit',
        row: {
          id: (t - 1) * UNITS.length + k + 1,
          tenant_id: t,
          name: u,
          name_key: nameKey(u),
          created_at: at,
        },
      }
    }
  }

  let participationId = 0
  for (let i = 1; i <= projects; i++) {
    const tenant = 1 + Math.floor(rand() * shape.tenants)
    const startYear = 2007 + Math.floor(rand() * 20)
    const years = 1 + Math.floor(rand() * 4)
    const periodStart = iso(startYear, 1 + Math.floor(rand() * 12), 1)
    const periodEnd = iso(startYear + years, 1 + Math.floor(rand() * 12), 28)
    const status = periodStart > TODAY ? 'planned' : periodEnd < TODAY ? 'completed' : 'ongoing'
    const programme = weighted(rand, programmes, progWeights)
    const currency = programme.family === 'Interreg' || programme.family === 'Horizon' ? 'EUR' : 'SEK'
    // Log-normal budget around 3 M (SEK) or 0.3 M (EUR), in minor units.
    const budget = Math.round(Math.exp(Math.log(currency === 'EUR' ? 3e5 : 3e6) + (rand() - 0.5) * 3)) * 100
    const theme = WORDS[zipf(rand, WORDS.length)] ?? 'projekt'
    const name = `${capital(theme)} och ${WORDS[zipf(rand, WORDS.length)]} i ${capital(inventedWord(rand, 2))}`
    const acronym = projectAcronym(i)
    const summaryWords: string[] = []
    const length = 12 + Math.floor(rand() * 20)
    for (let w = 0; w < length; w++) {
      summaryWords.push(WORDS[zipf(rand, WORDS.length)] ?? 'projekt')
    }
    const summary = `${capital(summaryWords.join(' '))}.`
    yield {
      table: 'project',
      row: {
        id: i,
        tenant_id: tenant,
        name,
        acronym,
        summary,
        programme_id: programme.id,
        programme_raw: programme.canonical,
        period_start: periodStart,
        period_end: periodEnd,
        status,
        total_budget_minor: budget,
        total_budget_currency: currency,
        eu_contribution_minor: Math.round(budget * 0.6),
        eu_contribution_currency: currency,
        website: null,
        areas_json: '[]',
        search_text: searchKey(name, acronym, summary),
        created_at: at,
        updated_at: at,
        published_at: at,
      },
    }
    // The tenant takes part (lead or partner), then 0–12 partners (geometric, mean ~3).
    const tenantLeads = rand() < 0.7
    yield {
      table: 'participation',
      row: {
        id: ++participationId,
        tenant_id: tenant,
        project_id: i,
        organisation_id: tenant,
        unit_id: (tenant - 1) * UNITS.length + 1 + Math.floor(rand() * UNITS.length),
        role: tenantLeads ? 'lead' : 'partner',
        budget_minor: Math.round(budget * 0.4),
        budget_currency: currency,
        eu_cofinancing_minor: null,
        eu_cofinancing_currency: null,
        theme: pick(rand, THEMES),
        created_at: at,
        updated_at: at,
      },
    }
    const partners = Math.min(12, Math.floor(-Math.log(1 - rand()) * 3))
    const seen = new Set<number>()
    for (let k = 0; k < partners; k++) {
      // Zipf over partners: a few organisations take part in many projects, as networks do.
      const partner = 1 + zipf(rand, shape.partners)
      if (seen.has(partner)) {
        continue
      }
      seen.add(partner)
      yield {
        table: 'participation',
        row: {
          id: ++participationId,
          tenant_id: tenant,
          project_id: i,
          organisation_id: shape.tenants + partner,
          unit_id: null,
          role: !tenantLeads && seen.size === 1 ? 'lead' : 'partner',
          budget_minor: null,
          budget_currency: null,
          eu_cofinancing_minor: null,
          eu_cofinancing_currency: null,
          theme: null,
          created_at: at,
          updated_at: at,
        },
      }
    }
  }
}

// Bulk loaders of the synthetic portfolio (portfolioRows above) into a migrated, seeded, empty
// registry. Both stream the generator's rows: memory stays flat at any size.
//
// - SQLite: prepared statements reused for every row, on a better-sqlite3 connection of the bench's
//   own to the same file (Kysely does not expose its handle and prepares each statement anew),
//   in transactions of PROJECTS_PER_SQLITE_TX projects. The app's triggers stay in place, so the
//   load queues every project in catalogue_dirty exactly as the app's own writes do; the loaded
//   tables' secondary indexes are dropped for the load and built again after it.
// - PostgreSQL: one transaction; rows go in batches as one INSERT … SELECT FROM unnest(…) per table
//   and batch (one array parameter per column, so a batch is not bounded by the 65,535 parameters
//   of a multi-row VALUES list). Triggers stay in place here too; the loaded tables' foreign keys
//   are dropped for the load and added back (checked) before the commit.

/** What bulk loading took. */
export interface LoadOutcome {
  readonly shape: PortfolioShape
  readonly participations: number
  readonly insertMs: number
}

/** Options of a load. */
export interface LoadOptions {
  readonly seed?: number
  /** told after every PROGRESS_EVERY projects, with the number loaded so far */
  readonly onProgress?: (projects: number) => void
}

/** How often onProgress is told. */
export const PROGRESS_EVERY = 100_000
/** Projects per SQLite transaction: few commits, a WAL that stays a few hundred MB. */
const PROJECTS_PER_SQLITE_TX = 100_000
/** Projects per PostgreSQL batch (with ~3.4 participations each). */
const PROJECTS_PER_PG_BATCH = 5_000
/** The SQLite loader's page cache: the tables' indexes take random inserts (tenant, organisation). */
const SQLITE_CACHE_KIB = 512 * 1024

type Value = string | number | null

/** What a load has streamed so far. */
interface Tally {
  projects: number
  participations: number
}

/**
 * The generator's rows for a loader, counted into `tally` (at a project row, `tally.projects` is
 * how many came before it, so a loader can start a batch there) and told to onProgress every
 * PROGRESS_EVERY projects and at the end.
 */
function* countedRows(
  programmes: readonly ProgrammeRef[],
  projects: number,
  options: LoadOptions,
  tally: Tally,
): Generator<PortfolioRow> {
  for (const r of portfolioRows(programmes, projects, options.seed)) {
    if (r.table === 'project') {
      if (tally.projects > 0 && tally.projects % PROGRESS_EVERY === 0) {
        options.onProgress?.(tally.projects)
      }
      yield r
      tally.projects++
    } else {
      if (r.table === 'participation') {
        tally.participations++
      }
      yield r
    }
  }
  options.onProgress?.(tally.projects)
}

/** Values of a generated row (rows are plain objects of column → value). */
function values(row: object): Record<string, Value> {
  return row as Record<string, Value>
}

/**
 * Loads a synthetic portfolio into the SQLite registry in `file` (migrated and seeded, no
 * projects yet; another connection may be open on it, idle). Synchronous work, async signature so
 * both loaders are called alike.
 */
export async function loadSqlitePortfolio(
  file: string,
  projects: number,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const started = performance.now()
  const sqlite = new SQLite(file, { fileMustExist: true })
  try {
    // The app's connection settings (create-db.ts), with a bigger page cache for this one connection.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`)
    const programmes = sqlite
      .prepare('select id, canonical, family from programme order by id')
      .all() as Array<{ id: number; canonical: string; family: string }>
    // One statement per table, prepared on its first row; positional parameters bind faster than named.
    const statements = new Map<PortfolioTable, { columns: string[]; insert: SQLite.Statement }>()
    const statement = (table: PortfolioTable, row: Record<string, Value>) => {
      let s = statements.get(table)
      if (!s) {
        const columns = Object.keys(row)
        const insert = sqlite.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        )
        s = { columns, insert }
        statements.set(table, s)
      }
      return s
    }
    // Rows arrive in key order, but a secondary index (a project's tenant and name, a participation's
    // organisation) takes them at random places: past the page cache each insert is a miss. Such
    // indexes are dropped for the load and built again after it, each in one sorted pass (the
    // constraints' own indexes stay: they check every row).
    const indexes = sqlite
      .prepare(
        `select name, sql from sqlite_master
         where type = 'index' and sql is not null and tbl_name in (${PORTFOLIO_TABLES.map(() => '?').join(', ')})`,
      )
      .all(...PORTFOLIO_TABLES) as Array<{ name: string; sql: string }>
    for (const { name } of indexes) {
      sqlite.exec(`drop index "${name}"`)
    }
    const tally: Tally = { projects: 0, participations: 0 }
    sqlite.exec('begin')
    for (const { table, row } of countedRows(programmes, projects, options, tally)) {
      if (table === 'project' && tally.projects > 0 && tally.projects % PROJECTS_PER_SQLITE_TX === 0) {
        sqlite.exec('commit')
        sqlite.exec('begin')
      }
      const v = values(row)
      const s = statement(table, v)
      s.insert.run(s.columns.map((c) => v[c] ?? null))
    }
    sqlite.exec('commit')
    for (const index of indexes) {
      sqlite.exec(index.sql)
    }
    return {
      shape: shapeOf(projects),
      participations: tally.participations,
      insertMs: performance.now() - started,
    }
  } finally {
    if (sqlite.inTransaction) {
      sqlite.exec('rollback')
    }
    sqlite.close()
  }
}

/** Column buffers of one table's pending batch. */
interface Batch {
  readonly columns: string[]
  readonly data: Value[][]
  rows: number
}

/**
 * Loads a synthetic portfolio into a PostgreSQL registry (migrated and seeded, no projects yet),
 * in one transaction, then moves the identity sequences past the explicit ids.
 */
export async function loadPostgresPortfolio(
  db: Kysely<Database>,
  projects: number,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const started = performance.now()
  const programmes = await db
    .selectFrom('programme')
    .select(['id', 'canonical', 'family'])
    .orderBy('id')
    .execute()
  // unnest needs each array's type: the column's own (udt_name), read from the catalogue.
  const types = new Map<string, string>()
  const { rows: typeRows } = await sql<{ table_name: string; column_name: string; udt_name: string }>`
    select table_name, column_name, udt_name from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join([...PORTFOLIO_TABLES])})`.execute(db)
  for (const r of typeRows) {
    types.set(`${r.table_name}.${r.column_name}`, r.udt_name)
  }
  const tally: Tally = { projects: 0, participations: 0 }
  await db.transaction().execute(async (trx) => {
    // Per-row foreign-key checks took half the server's time: drop the loaded tables' foreign keys
    // for the load and add them back exactly as they were (PostgreSQL then checks every row in one
    // pass per key), the PostgreSQL manual's advice for populating a database.
    const { rows: keys } = await sql<{ conname: string; tbl: string; def: string }>`
      select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def
      from pg_constraint
      where contype = 'f' and conrelid::regclass::text in (${sql.join([...PORTFOLIO_TABLES])})`.execute(trx)
    for (const k of keys) {
      await sql`alter table ${sql.table(k.tbl)} drop constraint ${sql.ref(k.conname)}`.execute(trx)
    }
    const batches = new Map<PortfolioTable, Batch>()
    const flush = async () => {
      // Parents first: the foreign keys are checked per statement.
      for (const table of PORTFOLIO_TABLES) {
        const b = batches.get(table)
        if (!b || b.rows === 0) {
          continue
        }
        const arrays = b.columns.map((c, k) => {
          const type = types.get(`${table}.${c}`)
          if (!type) {
            throw new Error(`${table}.${c}: no such column`)
          }
          return sql`${b.data[k]}::${sql.raw(`${type}[]`)}`
        })
        await sql`insert into ${sql.table(table)} (${sql.join(b.columns.map((c) => sql.ref(c)))})
          select * from unnest(${sql.join(arrays)})`.execute(trx)
        batches.set(table, { columns: b.columns, data: b.columns.map(() => []), rows: 0 })
      }
    }
    for (const { table, row } of countedRows(programmes, projects, options, tally)) {
      if (table === 'project' && tally.projects > 0 && tally.projects % PROJECTS_PER_PG_BATCH === 0) {
        await flush()
      }
      const v = values(row)
      let b = batches.get(table)
      if (!b) {
        const columns = Object.keys(v)
        b = { columns, data: columns.map(() => []), rows: 0 }
        batches.set(table, b)
      }
      for (const [k, c] of b.columns.entries()) {
        b.data[k]?.push(v[c] ?? null)
      }
      b.rows++
    }
    await flush()
    for (const k of keys) {
      await sql`alter table ${sql.table(k.tbl)} add constraint ${sql.ref(k.conname)} ${sql.raw(k.def)}`.execute(
        trx,
      )
    }
    // Explicit ids leave the identity sequences behind; move them past the loaded rows.
    for (const table of PORTFOLIO_TABLES) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        trx,
      )
    }
  })
  return {
    shape: shapeOf(projects),
    participations: tally.participations,
    insertMs: performance.now() - started,
  }
}

/**
 * Bulk-loads a synthetic portfolio into the EMPTY, migrated, seeded registry behind `db` (the
 * entry point the benchmarks share): on SQLite through the bench's own connection to the same file
 * (found with pragma database_list), on PostgreSQL through `db`. The triggers queue every project;
 * the caller builds the search index as the app does (refreshCatalogue).
 */
export async function loadPortfolio(
  db: Kysely<Database>,
  dialect: Dialect,
  projects: number,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  if (dialect === 'postgres') {
    return loadPostgresPortfolio(db, projects, options)
  }
  const { rows } = await sql<{
    file: string
  }>`select file from pragma_database_list where name = 'main'`.execute(db)
  const file = rows[0]?.file
  if (!file) {
    throw new Error('loadPortfolio: the SQLite database is in memory; the bulk loader needs a file')
  }
  return loadSqlitePortfolio(file, projects, options)
}
