import cluster, { type Worker } from 'node:cluster'
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import type { Kysely, LogEvent } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../../config/config.js'
import { loadConfig } from '../../config/config.js'
import type { Database } from '../../db/database.js'
import { openDatabase, openReadReplica } from '../../db/open-database.js'
import { loadDemoPortfolio } from '../../demo/load-demo.js'
import { ValidationError } from '../../shared/errors.js'
import { createLogger } from '../../web/logger.js'
import { startServer } from '../../web/server.js'
import type { CliIO } from '../io.js'

/** Options of `projektatlas serve`; port and host override PORT and HOST. */
export interface ServeOptions {
  readonly port?: string
  readonly host?: string
  /** load the demo portfolio when the registry is empty */
  readonly demo?: boolean
  /** server processes: a number, or `auto` for one per CPU (default 1: no cluster) */
  readonly workers?: string
}

/** Most worker processes `--workers` accepts (each holds its own database connections). */
export const MAX_WORKERS = 64

/**
 * Parses `--workers`: a whole number from 1 to MAX_WORKERS, or `auto` for `cpus`.
 * @throws {ValidationError} naming `workers`
 */
export function parseWorkers(value: string | undefined, cpus: number): number {
  if (value === undefined) {
    return 1
  }
  if (value === 'auto') {
    return Math.max(1, Math.min(MAX_WORKERS, cpus))
  }
  const n = Number(value)
  if (!/^[0-9]{1,2}$/.test(value) || n < 1 || n > MAX_WORKERS) {
    throw new ValidationError(
      `--workers must be "auto" or a number from 1 to ${MAX_WORKERS}, not "${value}"`,
      'workers',
    )
  }
  return n
}

/**
 * Parses a TCP port given on the command line.
 * @throws {ValidationError} naming `port`
 */
export function parsePort(value: string): number {
  const n = Number(value)
  if (!/^[0-9]{1,5}$/.test(value) || n > 65535) {
    throw new ValidationError(`--port must be a number from 0 to 65535, not "${value}"`, 'port')
  }
  return n
}

// Kysely's log hook: failed queries always, every query only at debug level (rule 13).
function queryLog(logger: Logger): (event: LogEvent) => void {
  const log = logger.child({ module: 'db' })
  return (event) => {
    if (event.level === 'error') {
      log.error({ err: event.error, sql: event.query.sql, ms: event.queryDurationMillis }, 'query failed')
    } else if (log.isLevelEnabled('debug')) {
      log.debug({ sql: event.query.sql, ms: event.queryDurationMillis }, 'query')
    }
  }
}

/**
 * `projektatlas serve`: migrates the database, optionally loads the demo portfolio into an empty
 * registry, then serves the web pages and JSON API until SIGINT/SIGTERM. With `--workers N` (N > 1)
 * this process only supervises: it migrates once, then forks N worker processes that each serve on
 * the same port (node:cluster hands connections out in turn), replaces a worker that dies, and
 * stops them all on SIGINT/SIGTERM.
 * @returns 0 after a graceful shutdown; 1 when a worker could not start
 * @throws {ConfigError} when the environment is unusable or the address cannot be used
 */
export async function serve(options: ServeOptions, io: CliIO): Promise<number> {
  if (cluster.isWorker) {
    return serveWorker(options, io)
  }
  const workers = parseWorkers(options.workers, availableParallelism())
  if (workers > 1) {
    return supervise(options, io, workers)
  }
  return serveOne(options, io)
}

async function serveOne(options: ServeOptions, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  const port = options.port === undefined ? config.server.port : parsePort(options.port)
  const host = options.host ?? config.server.host
  const logger = createLogger(config)
  const db = await openDatabase(config.db, { log: queryLog(logger) })
  const server = await listen(config, db, logger, { port, host }, () => loadDemo(options, db, logger, io))
  io.out(`Projektatlas is running at ${server.url}  (database: ${where(config)}; stop with Ctrl+C)\n`)
  io.out(`Public catalogue: ${server.url}/katalog\n`)
  await server.closed
  return 0
}

/**
 * Opens the read replica when one is configured, runs `first`, then serves; closes both databases
 * when any of it fails (once serving, the server closes them).
 */
async function listen(
  config: Config,
  db: Kysely<Database>,
  logger: Logger,
  address: { port: number; host: string },
  first: () => Promise<void>,
): Promise<Awaited<ReturnType<typeof startServer>>> {
  let readDb: Kysely<Database> | undefined
  try {
    await first()
    readDb = config.readDb && (await openReadReplica(config.readDb, { log: queryLog(logger) }))
    return await startServer({ config, db, logger, ...(readDb && { readDb }) }, address)
  } catch (e) {
    await readDb?.destroy()
    await db.destroy()
    throw e
  }
}

const where = (config: Config) =>
  config.db.dialect === 'sqlite' ? config.db.file : 'PostgreSQL (DATABASE_URL)'

async function loadDemo(
  options: ServeOptions,
  db: Awaited<ReturnType<typeof openDatabase>>,
  logger: Logger,
  io: CliIO,
): Promise<void> {
  if (!options.demo) {
    return
  }
  const outcome = await loadDemoPortfolio(db)
  if (outcome.status === 'loaded') {
    logger.info({ module: 'demo', ...outcome }, 'demo portfolio loaded')
    io.err(`Loaded the demo portfolio: ${outcome.projects} invented projects, all marked "[Demo]".\n`)
  } else {
    logger.info({ module: 'demo', reason: outcome.reason }, 'demo portfolio not loaded')
  }
}

/** What the supervisor tells a worker over the cluster's IPC channel. */
const SHUTDOWN = 'projektatlas:shutdown'

// A worker of `serve --workers N`: one server like serveOne, but quiet on stdout (the supervisor
// prints the address once) and stopped by the supervisor's message as well as by signals.
async function serveWorker(options: ServeOptions, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  const port = options.port === undefined ? config.server.port : parsePort(options.port)
  const host = options.host ?? config.server.host
  const logger = createLogger(config).child({ worker: cluster.worker?.id })
  // The supervisor has migrated already: this finds nothing to do (and keeps a worker started by
  // another cluster manager, such as pm2, from serving an old schema).
  const db = await openDatabase(config.db, { log: queryLog(logger) })
  const server = await listen(config, db, logger, { port, host }, async () => {})
  const onMessage = (message: unknown) => {
    if (message === SHUTDOWN) {
      void server.close()
    }
  }
  process.on('message', onMessage)
  logger.info({ url: server.url, pid: process.pid }, 'worker listening')
  await server.closed
  process.off('message', onMessage)
  // Lets go of the IPC channel, so the process can end.
  cluster.worker?.disconnect()
  return 0
}

/** How long the supervisor waits for its workers to finish their requests before killing them. */
const SHUTDOWN_GRACE_MS = 30_000

async function supervise(options: ServeOptions, io: CliIO, count: number): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  if (options.port !== undefined) {
    // Checked here, once, rather than by every worker (which re-read the same command line).
    parsePort(options.port)
  }
  const host = options.host ?? config.server.host
  const logger = createLogger(config).child({ module: 'supervisor' })
  // Migrations (and the demo) once, here, before any worker starts.
  const db = await openDatabase(config.db, { log: queryLog(logger) })
  try {
    await loadDemo(options, db, logger, io)
  } finally {
    await db.destroy()
  }
  // Every worker must sign cookies alike (the sign-in form's CSRF cookie is set by one worker and
  // checked by another): without a configured secret, the supervisor makes one for this run.
  const env: Record<string, string> = config.auth?.sessionSecret
    ? {}
    : { PROJEKTATLAS_SESSION_SECRET: randomBytes(32).toString('hex') }

  return new Promise<number>((resolve) => {
    let stopping = false
    let exitCode = 0
    let announced = false
    const listened = new Set<Worker>()
    const fork = () => cluster.fork(env)

    const stop = (code: number) => {
      if (stopping) {
        return
      }
      stopping = true
      exitCode = code
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined)
      if (live.length === 0) {
        resolve(exitCode)
        return
      }
      for (const w of live) {
        if (w.isConnected()) {
          w.send(SHUTDOWN)
        } else {
          w.kill('SIGTERM')
        }
      }
      setTimeout(() => {
        for (const w of Object.values(cluster.workers ?? {})) {
          w?.process.kill('SIGKILL')
        }
      }, SHUTDOWN_GRACE_MS).unref()
    }
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down the workers')
      stop(0)
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)

    cluster.on('listening', (worker, address) => {
      listened.add(worker)
      if (!announced && listened.size >= count) {
        announced = true
        const url = displayUrl(host, address.port)
        io.out(
          `Projektatlas is running at ${url}  (${count} workers; database: ${where(config)}; stop with Ctrl+C)\n`,
        )
        io.out(`Public catalogue: ${url}/katalog\n`)
      }
    })
    cluster.on('exit', (worker, code, signal) => {
      const started = listened.delete(worker)
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          logger.info('all workers stopped')
          resolve(exitCode)
        }
        return
      }
      if (!started) {
        // It never listened (the port is taken, the database unreachable): another would fail alike.
        logger.error({ pid: worker.process.pid, code, signal }, 'a worker failed to start; stopping')
        io.err('A server worker failed to start (see the log above); stopping.\n')
        stop(1)
        return
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'a worker died; starting another')
      fork()
    })
    for (let i = 0; i < count; i++) {
      fork()
    }
  })
}

// The address to type into a browser (the workers may listen on every interface).
function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${port}`
}
