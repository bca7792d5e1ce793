import { startCatalogueIndexer } from '../catalogue/catalogue-index.service.js'
import { ConfigError } from '../shared/errors.js'
import { type AppDeps, buildApp } from './app.js'

/** How often a server with a read replica indexes what writes have queued on the primary. */
const INDEX_EVERY_MS = 1_000

/** A listening server: where it listens, and how to stop it. */
export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string
  /** settles once the server and the database are closed (after a signal or `close()`) */
  readonly closed: Promise<void>
  /** closes Fastify (in-flight requests finish), then the database; safe to call twice */
  close(): Promise<void>
}

/** Where to listen; defaults come from Config. */
export interface ListenOptions {
  readonly port?: number
  readonly host?: string
  /** install SIGINT/SIGTERM handlers that close gracefully (default true) */
  readonly handleSignals?: boolean
}

/**
 * Builds the app and listens. The only process-level concerns live here: the port, signals, and
 * the shutdown order (stop taking requests, then close the database).
 * @throws {ConfigError} when the address is in use or not allowed
 */
export async function startServer(deps: AppDeps, options: ListenOptions = {}): Promise<RunningServer> {
  const { config, db, logger } = deps
  const app = await buildApp(deps)
  // With a replica the catalogue never reads the primary, so nothing would index: a loop does.
  const stopIndexer = deps.readDb
    ? startCatalogueIndexer(db, config.db.dialect, INDEX_EVERY_MS, (err) =>
        logger.error({ err, module: 'catalogue' }, 'indexing the catalogue failed; retrying'),
      )
    : async () => {}
  const port = options.port ?? config.server.port
  const host = options.host ?? config.server.host
  let url: string
  try {
    url = await app.listen({ port, host })
  } catch (e) {
    await stopIndexer()
    await app.close()
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(
        `Cannot listen on ${host}:${port} (${code}); choose another with --port or PORT`,
        {
          cause: e,
        },
      )
    }
    throw e
  }

  let closing: Promise<void> | undefined
  let markClosed: () => void = () => {}
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve
  })
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down')
    void close()
  }
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      try {
        await app.close()
        await stopIndexer()
      } finally {
        await deps.readDb?.destroy()
        await db.destroy()
        logger.info('server stopped')
        markClosed()
      }
    })()
    return closing
  }
  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  }
  return { url: displayUrl(url, host, port), closed, close }
}

// Fastify reports the bound address; a newcomer wants the one to type into a browser.
function displayUrl(bound: string, host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') {
    const actual = new URL(bound).port || String(port)
    return `http://127.0.0.1:${actual}`
  }
  return bound
}
