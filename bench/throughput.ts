import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pino from 'pino'
import { refreshCatalogue } from '../src/catalogue/catalogue-index.service.js'
import { loadConfig } from '../src/config/config.js'
import { openDatabase } from '../src/db/open-database.js'
import { buildApp } from '../src/web/app.js'
import { type BenchAccess, benchAccess } from './access.js'
import { loadPortfolio } from './generate.js'
import { startServeProcess } from './server-process.js'
import { sample, stats } from './timing.js'

// Per-request cost of issue 8 (API by id with a token, public project page), without the rest of
// `npm run bench`. The portfolio is built once per size into TP_DIR and kept, so before/after runs
// measure the same data:
//   TP_SIZE=10000 TP_WORKERS=1,2 TP_SECONDS=10 npx tsx bench/throughput.ts
// TP_PROF=<dir> runs the (single) server under `node --cpu-prof` and writes its profile there.

const _ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SIZE = Number(process.env.TP_SIZE ?? 10_000)
const DIR = process.env.TP_DIR ?? join(tmpdir(), `projektatlas-tp-${SIZE}`)
const SECONDS = Number(process.env.TP_SECONDS ?? 10)
const WORKERS = (process.env.TP_WORKERS ?? '1').split(',').map((s) => s.trim())
const RUNS = Number(process.env.TP_RUNS ?? 400)
const PROF = process.env.TP_PROF
/** `api` or `page`: run only that load (a profile of one kind of request) */
const ONLY = process.env.TP_ONLY
const FILE = join(DIR, 'registry.db')
const STATE = join(DIR, 'state.json')

type State = BenchAccess

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')

function log(message: string): void {
  process.stderr.write(`[throughput] ${new Date().toISOString().slice(11, 19)} ${message}\n`)
}

async function prepare(): Promise<State> {
  if (existsSync(STATE)) {
    return JSON.parse(readFileSync(STATE, 'utf8')) as State
  }
  mkdirSync(DIR, { recursive: true })
  const config = loadConfig({ DATABASE_URL: `sqlite:${FILE}`, LOG_LEVEL: 'warn' }, DIR)
  const db = await openDatabase(config.db)
  try {
    log(`${SIZE}: loading into ${FILE}`)
    await loadPortfolio(db, config.db.dialect, SIZE)
    await refreshCatalogue(db, config.db.dialect)
    const state = await benchAccess(db, SIZE)
    writeFileSync(STATE, JSON.stringify(state))
    return state
  } finally {
    await db.destroy()
  }
}

async function inProcess(state: State): Promise<void> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${FILE}`, LOG_LEVEL: 'warn' }, DIR)
  const db = await openDatabase(config.db)
  const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) })
  try {
    const auth = { authorization: `Bearer ${state.secret}` }
    const run = async (f: (i: number) => Promise<{ statusCode: number }>) => {
      const s = stats(
        await sample(
          RUNS,
          async (i) => {
            const r = await f(i)
            if (r.statusCode !== 200) {
              throw new Error(`answered ${r.statusCode}`)
            }
          },
          20,
        ),
      )
      return `p50 ${s.p50.toFixed(2)} ms / p95 ${s.p95.toFixed(2)} ms`
    }
    const page = await run((i) => app.inject({ url: `/katalog/projekt/${state.ids[i % state.ids.length]}` }))
    const api = await run((i) =>
      app.inject({ url: `/api/projects/${state.own[i % state.own.length]}`, headers: auth }),
    )
    log(`${SIZE}: app.inject project page ${page}; API by id ${api} (load ${load()})`)
  } finally {
    await app.close()
    await db.destroy()
  }
}

async function cannon(url: string, headers: Record<string, string>): Promise<string> {
  const r = await autocannon({ url, headers, connections: 16, duration: SECONDS })
  const bad = r.non2xx > 0 || r.errors > 0 ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : ''
  return `${Math.round(r.requests.average)} req/s, latency p50 ${r.latency.p50} ms / p97.5 ${r.latency.p97_5} ms${bad}`
}

const state = await prepare()
if (process.env.TP_INJECT !== '0') {
  await inProcess(state)
}
for (const workers of WORKERS) {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const server = await startServeProcess({
    databaseUrl: `sqlite:${FILE}`,
    port,
    workers: Number(workers),
    // --cpu-prof is not allowed in NODE_OPTIONS: node runs the bin script with it.
    nodeArgs: PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [],
  })
  try {
    const base = `http://127.0.0.1:${port}`
    // A short warm-up, so every worker has compiled its hot paths.
    await autocannon({
      url:
        ONLY === 'api' ? `${base}/api/projects/${state.own[0]}` : `${base}/katalog/projekt/${state.own[0]}`,
      headers: { authorization: `Bearer ${state.secret}` },
      connections: 4,
      duration: 2,
    })
    if (ONLY !== 'page') {
      const api = await cannon(`${base}/api/projects/${state.own[0]}`, {
        authorization: `Bearer ${state.secret}`,
      })
      log(`${SIZE}: workers ${workers}: API by id ${api} (load ${load()})`)
    }
    if (ONLY !== 'api') {
      const page = await cannon(`${base}/katalog/projekt/${state.own[0]}`, {})
      log(`${SIZE}: workers ${workers}: project page ${page} (load ${load()})`)
      // A revalidation (a browser's reload, a proxy's check): If-None-Match with the page's ETag.
      const etag = (await fetch(`${base}/katalog/projekt/${state.own[0]}`)).headers.get('etag')
      if (etag) {
        const again = await cannon(`${base}/katalog/projekt/${state.own[0]}`, { 'if-none-match': etag })
        log(`${SIZE}: workers ${workers}: project page revalidated (304s) ${again} (load ${load()})`)
      }
    }
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
}
