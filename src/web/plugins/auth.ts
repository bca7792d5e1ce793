import { randomBytes } from 'node:crypto'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Principal, roleIn, tenantsOf } from '../../accounts/account.js'
import { ForbiddenError, UnauthorizedError } from '../../accounts/errors.js'
import { type Role, roleAtLeast } from '../../accounts/role.js'
import { principalFromSession, principalFromToken } from '../../accounts/session.service.js'
import { mayChangeProjectOfUnit } from '../../accounts/unit-access.service.js'
import type { AuthConfig } from '../../config/config.js'
import { type Scope, scopeOf } from '../../registry/scope.js'
import { NotFoundError, ValidationError } from '../../shared/errors.js'
import { wantsJson } from './errors.js'

/**
 * Who may call a route, declared in its `config`:
 * - `tenant` (the default, so a route that says nothing is closed): a role in the tenant the
 *   request addresses (`?tenant=`, or the principal's only tenant). No role there answers 404,
 *   exactly as a missing record does, so other tenants' drafts cannot even be probed.
 * - `signed-in`: any signed-in user (own tokens, logout, tenant-less shared data).
 * - `public`: anyone; the route itself must show only published data.
 */
export type Access = 'public' | 'signed-in' | 'tenant'

/** One route as the access rule sees it (the security tests walk this list). */
export interface RouteAccess {
  readonly method: string
  readonly url: string
  readonly access: Access
  readonly role: Role
  /** names of the declared query-string parameters */
  readonly query: readonly string[]
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route registered after the auth plugin, with its access decision */
    routeTable: RouteAccess[]
  }
  interface FastifyContextConfig {
    /** who may call the route; default 'tenant' */
    access?: Access
    /** least role needed; default viewer for GET/HEAD, editor for writes */
    role?: Role
  }
  interface FastifyRequest {
    /** the signed-in user of this request, null for the public */
    principal: Principal | null
    /** for `tenant` routes: the tenant and actor every service call of the handler must use */
    tenantScope: Scope | null
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'pa_session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True for methods that only read. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method)
}

/** The access a route declares, with the closed default. */
export function accessOf(request: FastifyRequest): Access {
  return request.routeOptions.config.access ?? 'tenant'
}

/** The least role a route needs. */
export function requiredRole(request: FastifyRequest): Role {
  return request.routeOptions.config.role ?? (isSafeMethod(request.method) ? 'viewer' : 'editor')
}

/**
 * The registry Scope of a `tenant` route's request, built by the access hook from the signed-in
 * user; handlers pass it to services instead of building their own.
 * @throws {UnauthorizedError} when called outside a `tenant` route (a programming error)
 */
export function requestScope(request: FastifyRequest): Scope {
  if (!request.tenantScope) {
    throw new UnauthorizedError('Sign in first')
  }
  return request.tenantScope
}

/**
 * The signed-in user of a request.
 * @throws {UnauthorizedError} for the public
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new UnauthorizedError('Sign in first')
  }
  return request.principal
}

/** The tenant id a request names in its query string, if any (still text: this runs before validation). */
function namedTenant(request: FastifyRequest): number | undefined {
  const query = request.query as Record<string, unknown> | null | undefined
  const raw = query?.tenant
  if (typeof raw === 'number') {
    return raw
  }
  if (typeof raw === 'string') {
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) {
      throw new ValidationError('query parameter "tenant" must be a tenant id', 'tenant')
    }
    return Number(raw)
  }
  return undefined
}

async function authenticate(request: FastifyRequest, app: FastifyInstance): Promise<Principal | null> {
  const header = request.headers.authorization
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const principal = match?.[1] ? await principalFromToken(app.db, match[1]) : null
    if (!principal) {
      // Explicit credentials that do not work are an error, never a silent fall-back to the public.
      throw new UnauthorizedError('The API token is unknown, revoked or expired')
    }
    return principal
  }
  const secret = request.cookies[SESSION_COOKIE]
  if (secret) {
    return principalFromSession(app.db, secret)
  }
  return null
}

function signInFirst(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (!wantsJson(request) && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303)
  }
  throw new UnauthorizedError('Sign in first, with a session or an API token')
}

async function checkAccess(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const access = accessOf(request)
  if (access === 'public') {
    return undefined
  }
  const principal = request.principal
  if (!principal) {
    return signInFirst(request, reply)
  }
  const required = requiredRole(request)
  if (principal.token?.scope === 'read' && !isSafeMethod(request.method)) {
    throw new ForbiddenError('This API token may only read')
  }
  if (access === 'signed-in') {
    return undefined
  }
  const tenantId = namedTenant(request) ?? onlyTenant(principal)
  const role = roleIn(principal, tenantId)
  if (role === null) {
    // The same answer as for a record that does not exist: no probing of other tenants.
    throw new NotFoundError('Not found')
  }
  if (!roleAtLeast(role, required)) {
    throw new ForbiddenError(`This needs the ${required} role; you are ${role}`)
  }
  const projectId = addressedProject(request)
  if (!isSafeMethod(request.method) && projectId !== undefined) {
    if (!(await mayChangeProjectOfUnit(request.server.db, principal, tenantId, projectId))) {
      throw new ForbiddenError("This project is not your unit's: ask a coordinator")
    }
  }
  request.tenantScope = scopeOf(tenantId, principal.email)
  return undefined
}

// The project a request changes: `:projectId` in the path, or `:id` of /api/projects/:id.
function addressedProject(request: FastifyRequest): number | undefined {
  const params = (request.params ?? {}) as Record<string, unknown>
  const url = request.routeOptions.url ?? ''
  const raw = params.projectId ?? (url.startsWith('/api/projects/:id') ? params.id : undefined)
  const text = typeof raw === 'number' ? String(raw) : raw
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > 2147483647) {
    return undefined
  }
  return Number(text)
}

function onlyTenant(principal: Principal): number {
  const tenants = tenantsOf(principal)
  const [only] = tenants
  if (tenants.length === 1 && only !== undefined) {
    return only
  }
  if (tenants.length === 0) {
    throw new NotFoundError('Not found')
  }
  throw new ValidationError(
    `You work in several portfolios (${tenants.join(', ')}): choose one with ?tenant=<id>`,
    'tenant',
  )
}

async function authPlugin(app: FastifyInstance, opts: { auth: AuthConfig }): Promise<void> {
  await app.register(cookie, {
    // Signs only the short-lived sign-in cookies; sessions are random ids checked in the database.
    secret: opts.auth.sessionSecret ?? randomBytes(32).toString('hex'),
  })
  // Per-route limits only (config.rateLimit on the sign-in routes); the lock-out counts per account.
  await app.register(rateLimit, { global: false })
  const routeTable: RouteAccess[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const config = (route.config ?? {}) as { access?: Access; role?: Role }
    const querystring = route.schema?.querystring as { properties?: Record<string, unknown> } | undefined
    for (const method of methods) {
      routeTable.push({
        method,
        url: route.url,
        access: config.access ?? 'tenant',
        role: config.role ?? (isSafeMethod(method) ? 'viewer' : 'editor'),
        query: Object.keys(querystring?.properties ?? {}),
      })
    }
  })
  app.decorateRequest('principal', null)
  app.decorateRequest('tenantScope', null)

  // The hooks below run on every request: callback style, so a request without credentials (the
  // public catalogue) costs no promise and no database query.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) {
      done()
      return
    }
    authenticate(request, app).then((principal) => {
      request.principal = principal
      done()
    }, done)
  })
  // Before validation, so a caller without access learns nothing, not even the body's schema.
  app.addHook('preValidation', (request, reply, done) => {
    if (request.is404 || accessOf(request) === 'public') {
      done()
      return
    }
    checkAccess(request, reply).then((sent) => {
      // A redirect to the sign-in page has answered already: the route must not run.
      if (sent === undefined) {
        done()
      }
    }, done)
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.principal) {
      // Pages and answers for a signed-in user hold drafts: never store them in shared caches.
      reply.header('cache-control', 'no-store')
    }
    done(null, payload)
  })
}

/**
 * Authentication and the one access rule: decorates every request with its principal (session
 * cookie or bearer token) and, for each route, enforces its declared `access` and `role` before
 * the handler runs, so routes added later are closed unless they say otherwise.
 */
export const auth = fp(authPlugin, {
  name: 'projektatlas-auth',
  fastify: '5.x',
  dependencies: ['projektatlas-db', 'projektatlas-errors'],
})

/** The sign-in settings when Config has none (tests' literals): Secure cookies, 8-hour sessions. */
export const DEFAULT_AUTH_CONFIG: AuthConfig = Object.freeze({ cookieSecure: true, sessionHours: 8 })
