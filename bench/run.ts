import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { type Kysely, sql } from 'kysely'
import pino from 'pino'
import { refreshCatalogue } from '../src/catalogue/catalogue-index.service.js'
import type { CatalogueQuery } from '../src/catalogue/search.js'
import { searchCatalogue } from '../src/catalogue/search.service.js'
import { type Dialect, loadConfig } from '../src/config/config.js'
import { createDb } from '../src/db/create-db.js'
import type { Database } from '../src/db/database.js'
import { openDatabase } from '../src/db/open-database.js'
import { buildApp } from '../src/web/app.js'
import { benchAccess } from './access.js'
import { loadPortfolio, partnerName, projectAcronym } from './generate.js'
import { BENCH_SETTINGS, type BenchCluster, startBenchCluster } from './pg-cluster.js'
import { startServeProcess, stopProcess } from './server-process.js'
import { type Stats, sample, stats } from './timing.js'

// `npm run bench`: the scale benchmark of issue 8. For each engine in BENCH_ENGINES (default
// sqlite; sqlite,postgres adds PostgreSQL) and each size in BENCH_SIZES (default 10000,100000) it
// bulk-loads a synthetic portfolio, builds the search index as the app does, measures search,
// pages, API throughput and server memory, then rewrites the "## Scale" section of
// docs/benchmarks.md. BENCH_SECONDS bounds the throughput run (default 10). PostgreSQL runs on
// BENCH_DATABASE_URL (a server where the role may create databases: each size gets a fresh
// database, dropped afterwards) or, without it, on a throwaway cluster (bench/pg-cluster.ts).

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DOC = join(ROOT, 'docs', 'benchmarks.md')
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000')
  .trim()
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite')
  .split(',')
  .map((e) => e.trim())
  .filter((e) => e !== '')
const unknownEngine = ENGINES.find((e) => e !== 'sqlite' && e !== 'postgres')
if (unknownEngine !== undefined) {
  throw new Error(`BENCH_ENGINES: unknown engine ${unknownEngine} (sqlite, postgres)`)
}
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** Worker processes of the second throughput run (`serve --workers N`); 1 skips it. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2)
const RUNS = Number(process.env.BENCH_RUNS ?? 60)

async function time(runs: number, f: (i: number) => Promise<unknown>): Promise<Stats> {
  return stats(await sample(runs, f, 5))
}

/** What one size measured on one engine. */
interface SizeResult {
  /** absent in rows stored before PostgreSQL was measured: those are SQLite's */
  readonly engine?: Dialect
  readonly size: number
  readonly participations: number
  readonly insertS: number
  readonly indexS: number
  readonly dbMb: number
  readonly search: Array<{ label: string; total: string; stats: Stats }>
  readonly searchAll: Stats
  readonly page: Stats
  readonly apiById: Stats
  readonly apiSearch: Stats
  readonly reqPerSec: number
  /** the same with `serve --workers BENCH_WORKERS` (NaN when not measured) */
  readonly workersReqPerSec?: number
  /** the public HTML project page, no credentials */
  readonly pageReqPerSec: number
  readonly date: string
  /** a caveat about this row, added by hand to bench/results/scale.json and printed under the table */
  readonly note?: string
  readonly rssMb: number
  readonly load: string
  /** PostgreSQL only: the server's version and the settings that matter for the benchmark */
  readonly server?: string
  /** how the portfolio was inserted */
  readonly loader?: string
}

const engineOf = (r: SizeResult): Dialect => r.engine ?? 'sqlite'

function queryMix(): Array<{ label: string; query: CatalogueQuery }> {
  return [
    { label: 'one word: `energi`', query: { q: 'energi' } },
    { label: 'two words: `hållbar turism`', query: { q: 'hållbar turism' } },
    { label: `partner: \`${partnerName(1, 40)}\``, query: { q: partnerName(1, 40) } },
    {
      label: `rare word: \`${projectAcronym(777).toLowerCase()}\``,
      query: { q: projectAcronym(777).toLowerCase() },
    },
    {
      label: 'empty query, filters: country DK + ongoing',
      query: { filters: { country: ['DK'], status: ['ongoing'] } },
    },
    { label: 'empty query, no filters (landing page)', query: {} },
  ]
}

function fileMb(file: string): number {
  let bytes = 0
  for (const f of [file, `${file}-wal`]) {
    try {
      bytes += statSync(f).size
    } catch {
      // no WAL file: nothing to add
    }
  }
  return bytes / 1e6
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

/** req/s with `serve --workers`, or "–" when not measured. */
function workersCell(r: SizeResult): string {
  return r.workersReqPerSec === undefined || Number.isNaN(r.workersReqPerSec)
    ? '–'
    : fmt(Math.round(r.workersReqPerSec))
}

/** A fresh, empty database for one size on one engine. */
interface Target {
  readonly dialect: Dialect
  /** DATABASE_URL of the database */
  readonly url: string
  /** removes the database */
  drop(): Promise<void>
}

/** The PostgreSQL server of this run: BENCH_DATABASE_URL, or a throwaway cluster started once. */
let pgServer: { url: string; cluster?: BenchCluster } | undefined
async function postgresServer(): Promise<string> {
  if (!pgServer) {
    const given = process.env.BENCH_DATABASE_URL
    if (given) {
      pgServer = { url: given }
    } else {
      log('starting a throwaway PostgreSQL cluster')
      const cluster = await startBenchCluster()
      process.on('exit', () => cluster.stop())
      pgServer = { url: cluster.url, cluster }
    }
  }
  return pgServer.url
}

async function adminSql(url: string, statement: string): Promise<void> {
  const admin = createDb({ dialect: 'postgres', url }, { poolSize: 1 })
  try {
    await sql.raw(statement).execute(admin)
  } finally {
    await admin.destroy()
  }
}

async function createTarget(engine: Dialect, size: number, dir: string): Promise<Target> {
  if (engine === 'sqlite') {
    return { dialect: 'sqlite', url: `sqlite:${join(dir, 'registry.db')}`, drop: async () => undefined }
  }
  const server = await postgresServer()
  const name = `projektatlas_bench_${size}`
  await adminSql(server, `drop database if exists ${name}`)
  await adminSql(server, `create database ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    dialect: 'postgres',
    url: url.toString(),
    drop: () => adminSql(server, `drop database if exists ${name}`),
  }
}

/** The PostgreSQL server's version and the settings that shape the measurements. */
async function serverSettings(db: Kysely<Database>): Promise<string> {
  const names = [...Object.keys(BENCH_SETTINGS), 'fsync', 'synchronous_commit', 'full_page_writes']
  const { rows } = await sql<{ name: string; setting: string }>`
    select name, current_setting(name) as setting from unnest(${names}::text[]) as name`.execute(db)
  const { rows: version } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
    db,
  )
  return `PostgreSQL ${version[0]?.v ?? '?'}: ${rows.map((r) => `${r.name} ${r.setting}`).join(', ')}`
}

async function measure(engine: Dialect, size: number): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'projektatlas-bench-'))
  const target = await createTarget(engine, size, dir)
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'warn' }, dir)
  const db = await openDatabase(config.db)
  const tag = `${engine} ${size}`
  try {
    const deps = { db, dialect: config.db.dialect }
    log(`${tag}: loading`)
    const loaded = await loadPortfolio(db, config.db.dialect, size, {
      onProgress: (n) => log(`${tag}: ${n.toLocaleString('en')} projects loaded`),
    })
    log(`${tag}: inserted in ${(loaded.insertMs / 1000).toFixed(1)} s; indexing`)
    if (engine === 'postgres') {
      // Statistics for the planner, as an operator runs after a bulk load (autovacuum would, later).
      await sql`analyze`.execute(db)
    }
    const t = performance.now()
    await refreshCatalogue(db, config.db.dialect)
    const indexMs = performance.now() - t
    let dbMb: number
    let server: string | undefined
    if (engine === 'postgres') {
      await sql`analyze`.execute(db)
      const { rows } = await sql<{
        bytes: number
      }>`select pg_database_size(current_database()) as bytes`.execute(db)
      dbMb = Number(rows[0]?.bytes ?? Number.NaN) / 1e6
      server = await serverSettings(db)
    } else {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
      dbMb = fileMb(config.db.dialect === 'sqlite' ? config.db.file : '')
    }
    log(`${tag}: indexed in ${(indexMs / 1000).toFixed(1)} s, ${dbMb.toFixed(0)} MB; searching`)

    const search: SizeResult['search'] = []
    const all: number[] = []
    for (const { label, query } of queryMix()) {
      const first = await searchCatalogue(deps, query)
      const s = await time(RUNS, async () => {
        const t0 = performance.now()
        await searchCatalogue(deps, query)
        all.push(performance.now() - t0)
      })
      search.push({
        label,
        total: `${first.total.toLocaleString('en')}${first.totalExact ? '' : '+'}`,
        stats: s,
      })
    }

    // Pages and API in-process (app.inject: the app's own cost, no network).
    const { secret, own, ids } = await benchAccess(db, size)
    const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) })
    const auth = { authorization: `Bearer ${secret}` }
    const page = await time(RUNS * 2, (i) => app.inject({ url: `/katalog/projekt/${ids[i % ids.length]}` }))
    const apiById = await time(RUNS * 2, (i) =>
      app.inject({ url: `/api/projects/${own[i % own.length]}`, headers: auth }),
    )
    const apiSearch = await time(RUNS, () => app.inject({ url: '/api/catalogue/projects?q=energi' }))
    const probe = await app.inject({ url: `/api/projects/${own[0]}`, headers: auth })
    if (probe.statusCode !== 200) {
      throw new Error(`GET /api/projects/${own[0]} answered ${probe.statusCode}`)
    }
    await app.close()
    await db.destroy()

    // Throughput and memory against a real server process (its RSS is then the server's alone).
    log(`${tag}: throughput`)
    const port = 20000 + Math.floor(Math.random() * 20000)
    const serverProcess = await startServeProcess({ databaseUrl: target.url, port })
    let reqPerSec = 0
    let pageReqPerSec = 0
    let rss = 0
    try {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/api/projects/${own[0]}`,
        headers: auth,
        connections: 16,
        duration: THROUGHPUT_SECONDS,
      })
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`throughput run: ${result.non2xx} non-2xx, ${result.errors} errors`)
      }
      reqPerSec = result.requests.average
      const pageRun = await autocannon({
        url: `http://127.0.0.1:${port}/katalog/projekt/${own[0]}`,
        connections: 16,
        duration: THROUGHPUT_SECONDS,
      })
      pageReqPerSec = pageRun.non2xx > 0 || pageRun.errors > 0 ? Number.NaN : pageRun.requests.average
      // Then the pages and searches a visitor makes, so RSS includes their caches.
      await autocannon({
        url: `http://127.0.0.1:${port}/katalog?q=energi`,
        connections: 4,
        duration: Math.max(2, THROUGHPUT_SECONDS / 3),
      })
      rss = serverProcess.pid === undefined ? Number.NaN : rssMb(serverProcess.pid)
    } finally {
      await stopProcess(serverProcess)
    }
    let workersReqPerSec = Number.NaN
    if (WORKERS > 1) {
      const cluster = await startServeProcess({ databaseUrl: target.url, port: port + 1, workers: WORKERS })
      try {
        const run = await autocannon({
          url: `http://127.0.0.1:${port + 1}/api/projects/${own[0]}`,
          headers: auth,
          connections: 16,
          duration: THROUGHPUT_SECONDS,
        })
        workersReqPerSec = run.non2xx > 0 || run.errors > 0 ? Number.NaN : run.requests.average
      } finally {
        await stopProcess(cluster)
      }
    }
    return {
      engine,
      size,
      participations: loaded.participations,
      insertS: loaded.insertMs / 1000,
      indexS: indexMs / 1000,
      dbMb,
      search,
      searchAll: stats(all),
      page,
      apiById,
      apiSearch,
      reqPerSec,
      workersReqPerSec,
      pageReqPerSec,
      date: new Date().toISOString().slice(0, 10),
      rssMb: rss,
      load: loadavg()
        .map((l) => l.toFixed(1))
        .join(' / '),
      loader: LOADERS[engine],
      ...(server !== undefined && { server }),
    }
  } finally {
    await db.destroy().catch(() => undefined)
    await target.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

function log(message: string): void {
  process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}\n`)
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–')
const fmt = (n: number) => n.toLocaleString('en')
const ENGINE_NAMES: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }
const TWO_M = 2_000_000

/** Why PostgreSQL's filter-only search is its slowest, and what would change that. */
const PG_FILTERS =
  "On PostgreSQL the slowest query is the filter pair without words (country DK + ongoing: each filter broad, together about 2 % of projects). Through the GIN index over the tags it gathers every match (a bitmap heap scan of ~20,000 rows at 1M) before it can keep the newest 2,000; walking the primary key newest first instead is no cheaper there, since every row's tags array is read (EXPLAIN ANALYZE at 200k: 135 ms to find 2,000), so the search walks only when the public counts say the filters match so many projects that the walk must win (src/catalogue/catalogue.repository.ts, walkBeatsGathering). What would close it: postings ordered by (value, project id) for PostgreSQL (a B-tree that can be read newest first per value and intersected), or the RUM extension's ordered GIN. The SQLite engine has this order built in: FTS5 doclists are sorted by id."

/** How a row's portfolio was inserted (rows stored before the prepared-statement loader have none). */
function loaderOf(r: SizeResult): string {
  if (r.loader !== undefined) {
    return r.loader
  }
  return 'the earlier loader, Kysely multi-row INSERTs of 500 rows'
}

const LOADERS: Record<Dialect, string> = {
  sqlite:
    'prepared statements reused for every row, in transactions of 100,000 projects, the catalogue triggers in place, the loaded tables’ secondary indexes dropped for the load and built again after it',
  postgres:
    'INSERT … SELECT FROM unnest(…) per table and batch of 5,000 projects, in one transaction; the catalogue triggers in place, the loaded tables’ foreign keys dropped for the load and added back (checked) before the commit',
}

/**
 * The issue's targets, judged on the largest SQLite size measured, each with why and what would
 * close it. The targets are for 2M projects: below that size each says "not measured" and what the
 * largest size shows.
 */
function targets(results: readonly SizeResult[]): string[] {
  const first = results[0]
  const last = results[results.length - 1]
  if (!first || !last) {
    return []
  }
  const insert2m = (last.insertS / last.size) * TWO_M
  const index2m = (last.indexS / last.size) * TWO_M
  const growth = last.searchAll.p95 / first.searchAll.p95
  const pageGrowth = last.page.p95 / first.page.p95
  const state = (ok: boolean) => (ok ? '**met**' : '**missed**')
  const verdict = (ok: boolean) =>
    last.size >= TWO_M ? state(ok) : `**not measured** at 2M; at ${fmt(last.size)} ${state(ok)}`
  const at = `at ${fmt(last.size)}`
  const projected = last.size >= TWO_M ? '' : ' (projected linearly from the largest size measured)'
  const slower = last.indexS > last.insertS ? 'the index build' : 'the inserts'
  return [
    `- **Bulk load of 2M ≤ 120 s**: ${verdict(insert2m + index2m <= 120)} — ${at}: ${last.insertS.toFixed(1)} s inserts (~${fmt(Math.round(last.size / last.insertS))} projects/s with their participations; ${loaderOf(last)}) + ${last.indexS.toFixed(1)} s indexing (~${fmt(Math.round(last.size / last.indexS))} projects/s); for 2M ~${insert2m.toFixed(0)} s + ~${index2m.toFixed(0)} s${projected}; ${slower} is the larger part. The index is built as the app builds it, by refreshCatalogue (batches of 5,000 projects when many wait; on SQLite FTS5 merges its segments once at the end and catalogue_doc's four sort indexes are built once, sorted, after the entries: docs/search.md; at 1M that took the build from 143 s to 113 s). A profile of the build at 200k, all on one core: about 40 % SQLite's own work (reading the projects, FTS5), 30 % the application's text analysis (words, Snowball stems with a memo, facet tokens), the rest building the statements and collecting garbage. The inserts are per row, prepared statements reused, with the loaded tables' secondary indexes (a project's tenant and name, a participation's project and organisation) dropped for the load and built again after it (at 1M: 45 s instead of 90 s); what remains is SQLite's work per row: the primary keys, the constraints' unique indexes, the foreign-key checks and the trigger that queues each project for the index. What would close it: the text analysis in worker threads beside the one SQLite writer (the second core), and for a national harvest a catalogue file built elsewhere and swapped in; a per-row path on these 2 shared cores does not reach 120 s.`,
    `- **Search with facets p95 ≤ 50 ms**: ${verdict(last.searchAll.p95 <= 50)} — p95 over the whole query mix ${ms(last.searchAll.p95)} ${at} (per query above). One query per search: FTS5 walks the words and the filter tokens together, newest first, and stops at the bound (MATCH_BOUND, docs/search.md); relevance, sorting and facet counts are done in the application over at most 2,000 short rows, so a query's cost stops growing once its matches fill the bound. The per-query table shows what still grows: the multi-word partner name, whose every word is common, makes FTS5 intersect long doclists before it has 2,000 hits.`,
    `- **Project page p95 ≤ 5 ms**: ${verdict(last.page.p95 <= 5)} — p50 ${ms(last.page.p50)}, p95 ${ms(last.page.p95)} ${at} (app.inject, HTML rendered, no network). The p50 shows the work fits; the p95 carries the shared machine's load (see load average). The page loads the project set-wise (about 15 queries: project, participations, organisations, payments, contacts, goals, events, provenance, issues); repeat visits and proxies get a 304 from its ETag without rendering.`,
    `- **JSON API ≥ 5,000 req/s for a project by id**: ${verdict(Math.max(last.reqPerSec, last.workersReqPerSec ?? 0) >= 5000)} — ${fmt(Math.round(last.reqPerSec))} req/s with one server process and ${workersCell(last)} req/s with \`serve --workers ${WORKERS}\` ${at} for \`GET /api/projects/:id\` with an API token; the public HTML project page does ${fmt(Math.round(last.pageReqPerSec))} req/s with one process (autocannon, 16 connections, ${THROUGHPUT_SECONDS} s). The load generator runs on the same 2 cores as the server, so the workers compete with it for the second core; per request the server does one joined token query (compiled once) and one set-wise project load, and last_used_at is written at most once a minute (src/accounts). A server process per core on cores of their own (docs/deployment.md) is what the target assumes.`,
    `- **Server RSS ≤ 300 MB**: ${verdict(last.rssMb <= 300)} — peak ${last.rssMb.toFixed(0)} MB ${at}, after the throughput runs and a catalogue search run. SQLite's page cache is bounded (64 MiB) and a search holds at most the bound's rows, so memory does not follow the catalogue's size; the peak varies from run to run with the JavaScript heap's growth (largest peak measured on SQLite: ${Math.max(...results.filter((r) => engineOf(r) === 'sqlite').map((r) => r.rssMb)).toFixed(0)} MB).`,
    `- **Latency at 2M ≤ 2× that at 10k**: ${verdict(growth <= 2 && pageGrowth <= 2)} — search p95 ${ms(first.searchAll.p95)} at ${fmt(first.size)} → ${ms(last.searchAll.p95)} (${growth.toFixed(2)}×); project page p95 ${ms(first.page.p95)} → ${ms(last.page.p95)} (${pageGrowth.toFixed(2)}×); the whole curve is under "How cost grows". A search costs O(bound) once its matches fill the bound and less before: at 10k the slowest queries of the mix (the partner name, the filters) have tens to hundreds of matches, at 2M they have thousands, so the mix's p95 at 10k is that of queries that never reach the bound. Per query, those that fill the bound at both sizes (the common words) cost about the same at 10k and 2M (table above). What grows is the partner name: two of its four words are in every synthetic project (every partner is "Syntet … kommun N"), and FTS5 seeks through both of those doclists for every candidate of the rare words (at 1M, 7.8 ms of FTS5 work for the four words against 0.9 ms for the two rare ones), then reads 2,000 rows spread over the table. The ratio also moves with the machine: in three runs the 10k mix measured 9.2, 11.5 and 14.1 ms p95 and the 2M mix 21.8 and 24.0 ms, a ratio between about 1.5× and 2.6×, so this target sits at its edge. What would close it: leaving out of the match a word that every project contains (exact, and common in practice: the tenant's name in a one-tenant catalogue), which needs document frequencies FTS5 does not keep cheaply (fts5vocab counts a word by reading its whole doclist: 22 ms for "kommun" at 1M), so the index would have to count them itself; or a smaller bound (costs scale with it; 2,000 is a relevance choice, docs/search.md).`,
  ]
}

/** One engine's table of sizes, its notes and its per-query latencies. */
function engineTables(rows: readonly SizeResult[]): string[] {
  const lines: string[] = []
  lines.push(
    '| projects | participations | insert | index | DB size | search p50 / p95 / p99 (mix) | project page p50 / p95 | API by id p50 / p95 | API search p95 | req/s API by id (1 process / workers) | req/s project page | server RSS | load avg |',
  )
  lines.push('|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|---|')
  for (const r of rows) {
    lines.push(
      `| ${fmt(r.size)} | ${fmt(r.participations)} | ${r.insertS.toFixed(1)} s | ${r.indexS.toFixed(1)} s | ${r.dbMb.toFixed(0)} MB | ${ms(r.searchAll.p50)} / ${ms(r.searchAll.p95)} / ${ms(r.searchAll.p99)} | ${ms(r.page.p50)} / ${ms(r.page.p95)} | ${ms(r.apiById.p50)} / ${ms(r.apiById.p95)} | ${ms(r.apiSearch.p95)} | ${fmt(Math.round(r.reqPerSec))} / ${workersCell(r)} | ${fmt(Math.round(r.pageReqPerSec))} | ${r.rssMb.toFixed(0)} MB | ${r.load} |`,
    )
  }
  lines.push('', 'Inserted with:', '')
  for (const r of rows) {
    lines.push(`- ${fmt(r.size)}: ${loaderOf(r)}; ~${fmt(Math.round(r.size / r.insertS))} projects/s.`)
  }
  for (const r of rows.filter((x) => x.note)) {
    lines.push('', `${fmt(r.size)}: ${r.note}`)
  }
  lines.push('', 'Search latency per query (p50 / p95 / p99; matches, "+" when the bound was reached):', '')
  lines.push(`| query | ${rows.map((r) => fmt(r.size)).join(' | ')} |`)
  lines.push(`|---|${rows.map(() => '---').join('|')}|`)
  for (const [i, q] of (rows[0]?.search ?? []).entries()) {
    const cells = rows.map((r) => {
      const s = r.search[i]
      return s ? `${ms(s.stats.p50)} / ${ms(s.stats.p95)} / ${ms(s.stats.p99)} (${s.total})` : '–'
    })
    lines.push(`| ${q.label} | ${cells.join(' | ')} |`)
  }
  return lines
}

/** Latency against size, per engine, with the ratio to the smallest size (10k → 2M). */
function growthTable(results: readonly SizeResult[]): string[] {
  const sizes = [...new Set([10_000, 100_000, 1_000_000, TWO_M, ...results.map((r) => r.size)])].sort(
    (a, b) => a - b,
  )
  const metrics: Array<{ label: string; of: (r: SizeResult) => number }> = [
    { label: 'search p95 (mix)', of: (r) => r.searchAll.p95 },
    { label: 'project page p95', of: (r) => r.page.p95 },
    { label: 'API by id p95', of: (r) => r.apiById.p95 },
  ]
  const lines = [
    `| engine | latency | ${sizes.map(fmt).join(' | ')} |`,
    `|---|---|${sizes.map(() => '---:').join('|')}|`,
  ]
  for (const engine of ['sqlite', 'postgres'] as const) {
    const rows = results.filter((r) => engineOf(r) === engine)
    const base = rows[0]
    if (!base) {
      continue
    }
    for (const m of metrics) {
      const cells = sizes.map((n) => {
        const r = rows.find((x) => x.size === n)
        return r ? `${ms(m.of(r))} (${(m.of(r) / m.of(base)).toFixed(2)}×)` : 'not measured'
      })
      lines.push(`| ${ENGINE_NAMES[engine]} | ${m.label} | ${cells.join(' | ')} |`)
    }
  }
  return lines
}

function section(results: readonly SizeResult[]): string {
  const cpu = cpus()
  const sqliteRows = results.filter((r) => engineOf(r) === 'sqlite')
  const pgRows = results.filter((r) => engineOf(r) === 'postgres')
  const lines: string[] = []
  lines.push('## Scale', '')
  lines.push(
    '`npm run bench` (bench/run.ts; sizes from `BENCH_SIZES`, default 10000,100000; engines from `BENCH_ENGINES`, default sqlite, `sqlite,postgres` for both): a deterministic synthetic portfolio (bench/generate.ts: invented "Syntet" tenants and partners, programmes from the reference list, periods 2007–2030, log-normal budgets, 1 + geometric(mean 3) participations per project, Zipf-distributed summary words) bulk-loaded into a fresh database (the loader streams its rows and reports every 100,000 projects), indexed by the app\'s own refreshCatalogue, then measured. Search is `searchCatalogue` end to end (index check, match set, page, facet counts; records not loaded), ' +
      `${RUNS} runs per query after 5 warm-up runs. Pages and the by-id API through app.inject; throughput with autocannon against a real \`projektatlas serve\` process on 127.0.0.1 (DATABASE_URL of the measured database). Server RSS is the Node process's peak; on PostgreSQL the database server's memory is not in it.`,
    '',
  )
  lines.push(
    `PostgreSQL runs on \`BENCH_DATABASE_URL\` when set (each size gets a fresh database \`projektatlas_bench_<size>\`, dropped afterwards), otherwise on a throwaway cluster the bench starts (bench/pg-cluster.ts) with durability left on — fsync, full_page_writes and synchronous_commit at their defaults, in every phase, the load included — and sized for the benchmark: ${Object.entries(
      BENCH_SETTINGS,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}. \`analyze\` runs after the load and after indexing, as an operator would after a bulk load. Its database size is pg_database_size (WAL not included).`,
    '',
  )
  lines.push(`Date: ${[...new Set(results.map((r) => r.date))].join(', ')}  `)
  lines.push(
    `Machine: ${type()} ${release()} ${process.arch}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${cpu.length} cores), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}  `,
  )
  lines.push(
    'The machine was shared with other work while measuring: load average (1/5/15 min) is given per size.',
    '',
  )
  if (sqliteRows.length > 0) {
    lines.push('### SQLite', '', ...engineTables(sqliteRows), '')
  }
  if (pgRows.length > 0) {
    lines.push('### PostgreSQL', '')
    const servers = [...new Set(pgRows.map((r) => r.server).filter((s) => s !== undefined))]
    if (servers.length > 0) {
      lines.push(`Server: ${servers.join('; ')}.`, '')
    }
    lines.push(...engineTables(pgRows), '', PG_FILTERS, '')
  }
  lines.push(
    '### How cost grows',
    '',
    'Latency against size, with the ratio to the smallest size measured on the same engine:',
    '',
  )
  lines.push(...growthTable(results), '')
  const judged = sqliteRows[sqliteRows.length - 1]
  lines.push(
    '### Targets',
    '',
    `Targets of issue 8 (2 cores, 2M projects, SQLite), judged at the largest SQLite size measured${judged ? ` (${fmt(judged.size)})` : ''}:`,
    '',
  )
  lines.push(...targets(sqliteRows))
  const todo: string[] = []
  for (const n of [1_000_000, TWO_M]) {
    if (!sqliteRows.some((r) => r.size === n)) {
      todo.push(`- ${fmt(n)} projects on SQLite: \`BENCH_SIZES=${n} npm run bench\` adds the row.`)
    }
  }
  if (!pgRows.some((r) => r.size === 1_000_000)) {
    todo.push(
      '- 1,000,000 projects on PostgreSQL: `BENCH_SIZES=1000000 BENCH_ENGINES=postgres npm run bench` adds the row (a throwaway cluster, or `BENCH_DATABASE_URL`).',
    )
  }
  if (todo.length > 0) {
    lines.push('', '### Not measured yet', '', ...todo)
  }
  return `${lines.join('\n')}\n`
}

/** Replaces the "## Scale" section of the benchmarks page (or appends it), keeping the others. */
function writeSection(text: string): void {
  const doc = readFileSync(DOC, 'utf8')
  const start = doc.indexOf('\n## Scale')
  if (start < 0) {
    writeFileSync(DOC, `${doc.trimEnd()}\n\n${text}`)
    return
  }
  const next = doc.indexOf('\n## ', start + 1)
  const rest = next < 0 ? '' : doc.slice(next)
  writeFileSync(DOC, `${doc.slice(0, start).trimEnd()}\n\n${text}${rest}`)
}

// Results are kept per engine and size in bench/results/scale.json, so a later run of one size
// (say BENCH_SIZES=1000000) replaces that row and keeps the others in the tables.
const STORE = join(ROOT, 'bench', 'results', 'scale.json')
function stored(): SizeResult[] {
  try {
    return JSON.parse(readFileSync(STORE, 'utf8')) as SizeResult[]
  } catch {
    return []
  }
}
const order = (a: SizeResult, b: SizeResult) =>
  engineOf(a) === engineOf(b) ? a.size - b.size : engineOf(a) === 'sqlite' ? -1 : 1
let results: SizeResult[] = stored().sort(order)
try {
  for (const engine of ENGINES as Dialect[]) {
    for (const size of SIZES) {
      const r = await measure(engine, size)
      results = [...results.filter((x) => !(engineOf(x) === engine && x.size === size)), r].sort(order)
      mkdirSync(dirname(STORE), { recursive: true })
      writeFileSync(STORE, `${JSON.stringify(results, null, 2)}\n`)
      log(
        `${engine} ${size}: insert ${r.insertS.toFixed(1)} s, index ${r.indexS.toFixed(1)} s, search p95 ${ms(r.searchAll.p95)}, page p95 ${ms(r.page.p95)}, ${Math.round(r.reqPerSec)} req/s, RSS ${r.rssMb.toFixed(0)} MB`,
      )
      // Written after every size, so a long run that is stopped keeps what it measured.
      writeSection(section(results))
    }
  }
} finally {
  pgServer?.cluster?.stop()
}
if (results.length > 0) {
  // With BENCH_SIZES empty this only re-renders the section from the stored results.
  writeSection(section(results))
  process.stdout.write(section(results))
}
