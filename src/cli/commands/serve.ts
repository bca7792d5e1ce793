import type { LogEvent } from 'kysely'
import type { Logger } from 'pino'
import { loadConfig } from '../../config/config.js'
import { openDatabase } from '../../db/open-database.js'
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
 * registry, then serves the web pages and JSON API until SIGINT/SIGTERM.
 * @returns 0 after a graceful shutdown
 * @throws {ConfigError} when the environment is unusable or the address cannot be used
 */
export async function serve(options: ServeOptions, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  const port = options.port === undefined ? config.server.port : parsePort(options.port)
  const host = options.host ?? config.server.host
  const logger = createLogger(config)
  const db = await openDatabase(config.db, { log: queryLog(logger) })
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    if (options.demo) {
      const outcome = await loadDemoPortfolio(db)
      if (outcome.status === 'loaded') {
        logger.info({ module: 'demo', ...outcome }, 'demo portfolio loaded')
        io.err(`Loaded the demo portfolio: ${outcome.projects} invented projects, all marked "[Demo]".\n`)
      } else {
        logger.info({ module: 'demo', reason: outcome.reason }, 'demo portfolio not loaded')
      }
    }
    server = await startServer({ config, db, logger }, { port, host })
  } catch (e) {
    await db.destroy()
    throw e
  }
  const where = config.db.dialect === 'sqlite' ? config.db.file : 'PostgreSQL (DATABASE_URL)'
  io.out(`Projektatlas is running at ${server.url}  (database: ${where}; stop with Ctrl+C)\n`)
  io.out(`Public catalogue: ${server.url}/katalog\n`)
  await server.closed
  return 0
}
