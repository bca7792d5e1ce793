import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { type Logger, pino } from 'pino'
import type { Config } from '../config/config.js'

/** A request as logged: method, path with any one-time secret masked, host, client address. */
export function requestForLog(req: {
  method?: string
  url?: string
  host?: string
  ip?: string
  socket?: { remoteAddress?: string }
}) {
  return {
    method: req.method,
    url: (req.url ?? '').replace(/^\/reset\/[^/?#]+/, '/reset/[secret]'),
    host: req.host,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  }
}

/**
 * The process's one pino logger: JSON lines on stderr (stdout is for command results), level from
 * Config and never from NODE_ENV. Capabilities take `logger.child({ module })`.
 * No pretty-printer is bundled: pipe through `npx pino-pretty` when reading logs by eye.
 */
export function createLogger(config: Config, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level: config.log.level,
      base: { app: 'projektatlas' },
      // Keep credentials out of logs even if a future route logs headers or a connection string.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'db.url'],
      // One-time secrets travel in links (password reset): log the path without them.
      serializers: { req: requestForLog },
    },
    destination,
  )
}

/**
 * Fastify's per-request log lines, halved: one "request completed" line per request at info (with
 * the request's method and masked path, the status and the time taken: the access log) instead of
 * an "incoming request" line as well, which goes to debug. Failed requests are logged at error as
 * before. Each JSON line is a measurable share of a fast request; LOG_LEVEL=warn drops the access
 * log altogether (behind a reverse proxy that keeps its own).
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      )
      return
    }
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
