import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { createOidcClient } from '../accounts/oidc.client.js'
import type { Config } from '../config/config.js'
import type { Database } from '../db/database.js'
import { RequestLogController } from './logger.js'
import { auth, DEFAULT_AUTH_CONFIG } from './plugins/auth.js'
import { csrf } from './plugins/csrf.js'
import { dbDecorator } from './plugins/db.js'
import { errors, replyWithError } from './plugins/errors.js'
import { inputGuard } from './plugins/input-guard.js'
import { openapi } from './plugins/openapi.js'
import { securityHeaders } from './plugins/security-headers.js'
import { auditRoutes } from './routes/audit.routes.js'
import { authRoutes } from './routes/auth.routes.js'
import { catalogueRoutes } from './routes/catalogue.routes.js'
import { curationRoutes } from './routes/curation.routes.js'
import { healthRoutes } from './routes/health.routes.js'
import { homeRoutes } from './routes/home.routes.js'
import { importRoutes } from './routes/import.routes.js'
import { openapiRoutes } from './routes/openapi.routes.js'
import { organisationRoutes } from './routes/organisations.routes.js'
import { participationRoutes } from './routes/participations.routes.js'
import { personalDataRoutes } from './routes/personal-data.routes.js'
import { projectRoutes } from './routes/projects.routes.js'
import { publicationRoutes } from './routes/publication.routes.js'
import { reportRoutes } from './routes/report.routes.js'
import { tokenRoutes } from './routes/tokens.routes.js'
import { userRoutes } from './routes/users.routes.js'

/** What the web layer needs from the outside: nothing else is read from the process. */
export interface AppDeps {
  readonly config: Config
  readonly db: Kysely<Database>
  /** a read replica of `db`: the public catalogue reads there (docs/deployment.md) */
  readonly readDb?: Kysely<Database>
  readonly logger: Logger
}

/** The configured Fastify instance with TypeBox typing on every route. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** Largest request body accepted: a project with a long summary is a few kilobytes. */
export const BODY_LIMIT_BYTES = 1024 * 1024

/**
 * Builds the web app: infrastructure plugins, then routes, each registered here with its prefix so
 * one file lists every URL. Does not listen (server.ts does) and does not close the database.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ module: 'web' }) as FastifyBaseLogger,
    // One access-log line per request instead of two (src/web/logger.ts).
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a reverse proxy: the client's address (rate limits) and https (HSTS) from X-Forwarded-*.
    trustProxy: deps.config.auth?.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before routing (a malformed URL) get the same JSON or HTML answer as the rest.
    frameworkErrors: (error, request, reply) => {
      replyWithError(error, request, reply)
    },
  }).withTypeProvider<TypeBoxTypeProvider>()
  // TypeBox validates: the body exactly as sent (42 is not the name "42"; an unknown field is a 400,
  // not silently dropped), while query and path strings are converted to the declared types.
  app.setValidatorCompiler(TypeBoxValidatorCompiler)

  await app.register(errors)
  await app.register(inputGuard)
  await app.register(dbDecorator, { db: deps.db })
  // Accounts and the one access rule (src/web/plugins/auth.ts): every route below is closed unless
  // its config says `access: 'public'` or `'signed-in'`.
  const authConfig = deps.config.auth ?? DEFAULT_AUTH_CONFIG
  const oidc = authConfig.oidc && createOidcClient(authConfig.oidc)
  await app.register(securityHeaders, { publicUrl: authConfig.publicUrl, formActions: [] })
  await app.register(auth, { auth: authConfig })
  await app.register(csrf, { cookieSecure: authConfig.cookieSecure })
  await app.register(openapi, { version: '0.1.0' })

  await app.register(authRoutes, { auth: authConfig, ...(oidc && { oidc }) })
  await app.register(userRoutes, { prefix: '/api/users', auth: authConfig })
  await app.register(tokenRoutes, { prefix: '/api/tokens' })
  await app.register(auditRoutes)
  await app.register(publicationRoutes, { prefix: '/api/projects/:projectId/publication' })
  await app.register(personalDataRoutes, { prefix: '/api/personal-data', dialect: deps.config.db.dialect })
  await app.register(homeRoutes)
  await app.register(healthRoutes, { prefix: '/healthz' })
  await app.register(openapiRoutes, { prefix: '/api/openapi.json' })
  await app.register(projectRoutes, { prefix: '/api/projects', dialect: deps.config.db.dialect })
  await app.register(participationRoutes, { prefix: '/api/projects/:projectId/participations' })
  await app.register(organisationRoutes, { prefix: '/api/organisations' })
  await app.register(catalogueRoutes, {
    dialect: deps.config.db.dialect,
    ...(deps.readDb && { readDb: deps.readDb }),
  })
  await app.register(curationRoutes)
  await app.register(reportRoutes)
  await app.register(importRoutes, { maxFileBytes: deps.config.import.maxFileBytes })

  await app.ready()
  return app
}
