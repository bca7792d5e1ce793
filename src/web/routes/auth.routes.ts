import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { OidcClient, OidcPending } from '../../accounts/oidc.client.js'
import { endAllSessions, endSession, startSession } from '../../accounts/session.service.js'
import {
  authenticatePassword,
  isResetValid,
  resetPassword,
  userForOidcIdentity,
} from '../../accounts/user.service.js'
import type { AuthConfig } from '../../config/config.js'
import { isAppError, NotFoundError } from '../../shared/errors.js'
import { requirePrincipal, SESSION_COOKIE } from '../plugins/auth.js'
import { PRE_SESSION_COOKIE } from '../plugins/csrf.js'
import { loginPage, logoutPage, messagePage, resetPage } from '../views/auth-pages.js'
import {
  loginPageSchema,
  loginSchema,
  logoutPageSchema,
  logoutSchema,
  meSchema,
  oidcCallbackSchema,
  oidcStartSchema,
  resetPageSchema,
  resetSchema,
} from './auth.schema.js'

/** What the sign-in routes need beyond the app. */
export interface AuthRoutesOptions {
  readonly auth: AuthConfig
  /** present when OpenID Connect sign-in is configured */
  readonly oidc?: OidcClient
}

const OIDC_COOKIE = 'pa_oidc'
// Sign-in forms: a handful of tries per minute and address; the per-account lock-out does the rest.
const LOGIN_RATE = { max: 10, timeWindow: '1 minute' } as const

/** A local path to go to after signing in; anything else (other hosts, `//x`, `/\x`) goes home. */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/'
  }
  return next
}

function html(reply: FastifyReply, status: number, page: { toString(): string }): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page.toString())
}

/** Sign-in, sign-out, password reset, OpenID Connect and /api/me. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, opts) => {
  // HTML forms post url-encoded bodies; only these routes accept them (the JSON API stays JSON-only).
  await app.register(formbody, { bodyLimit: 64 * 1024 })
  const ttlMs = opts.auth.sessionHours * 60 * 60 * 1000

  const signIn = async (reply: FastifyReply, userId: number, next: string) => {
    const session = await startSession(app.db, userId, ttlMs)
    reply.clearCookie(PRE_SESSION_COOKIE, { path: '/' })
    reply.setCookie(SESSION_COOKIE, session.secret, {
      path: '/',
      httpOnly: true,
      secure: opts.auth.cookieSecure,
      // Lax: the cookie must survive the top-level redirect back from an identity provider;
      // cross-site writes are refused by the CSRF plugin whatever the cookie does.
      sameSite: 'lax',
      expires: new Date(session.expiresAt),
    })
    return reply.redirect(safeNext(next), 303)
  }

  const publicBase = (request: FastifyRequest) =>
    opts.auth.publicUrl ?? `${request.protocol}://${request.host}`

  app.get('/login', { schema: loginPageSchema, config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext(request.query.next)
    return html(
      reply,
      200,
      loginPage({ csrfToken: request.csrfToken(reply), next, oidc: opts.oidc !== undefined }),
    )
  })

  app.post(
    '/login',
    { schema: loginSchema, config: { access: 'public', rateLimit: LOGIN_RATE } },
    async (request, reply) => {
      const { email, password, next } = request.body
      const outcome = await authenticatePassword(app.db, email, password)
      if (outcome.status === 'ok') {
        request.log.info({ userId: outcome.user.id }, 'signed in')
        return signIn(reply, outcome.user.id, next ?? '/')
      }
      const error =
        outcome.status === 'locked'
          ? `För många misslyckade försök: kontot är låst till ${outcome.until.slice(0, 16).replace('T', ' ')} UTC`
          : 'Fel e-postadress eller lösenord'
      request.log.info({ status: outcome.status }, 'sign-in refused')
      const page = loginPage({
        csrfToken: request.csrfToken(reply),
        next: safeNext(next),
        email,
        error,
        oidc: opts.oidc !== undefined,
      })
      return html(reply, outcome.status === 'locked' ? 429 : 401, page)
    },
  )

  app.get(
    '/logout',
    { schema: logoutPageSchema, config: { access: 'signed-in' } },
    async (request, reply) => {
      const principal = requirePrincipal(request)
      return html(reply, 200, logoutPage({ csrfToken: request.csrfToken(reply), email: principal.email }))
    },
  )

  app.post('/logout', { schema: logoutSchema, config: { access: 'signed-in' } }, async (request, reply) => {
    const session = requirePrincipal(request).session
    if (session) {
      await endSession(app.db, session.idHash)
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return html(reply, 200, messagePage('Utloggad', 'Du är utloggad.'))
  })

  app.post(
    '/logout/everywhere',
    { schema: logoutSchema, config: { access: 'signed-in' } },
    async (request, reply) => {
      const n = await endAllSessions(app.db, requirePrincipal(request).userId)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return html(reply, 200, messagePage('Utloggad överallt', `${n} inloggningar avslutade.`))
    },
  )

  app.get(
    '/reset/:token',
    { schema: resetPageSchema, config: { access: 'public' } },
    async (request, reply) => {
      if (!(await isResetValid(app.db, request.params.token))) {
        throw new NotFoundError('This password-reset link is unknown, used or expired')
      }
      return html(reply, 200, resetPage({ token: request.params.token, csrfToken: request.csrfToken(reply) }))
    },
  )

  app.post(
    '/reset/:token',
    { schema: resetSchema, config: { access: 'public', rateLimit: LOGIN_RATE } },
    async (request, reply) => {
      try {
        await resetPassword(app.db, request.params.token, request.body.password)
      } catch (e) {
        if (isAppError(e) && e.code === 'VALIDATION') {
          const page = resetPage({
            token: request.params.token,
            csrfToken: request.csrfToken(reply),
            error: e.message,
          })
          return html(reply, 400, page)
        }
        throw e
      }
      return html(reply, 200, messagePage('Lösenordet är bytt', 'Logga in med ditt nya lösenord.'))
    },
  )

  app.get(
    '/login/oidc',
    { schema: oidcStartSchema, config: { access: 'public' } },
    async (request, reply) => {
      if (!opts.oidc) {
        throw new NotFoundError('Sign-in through an identity provider is not configured')
      }
      const { url, pending } = await opts.oidc.start(
        `${publicBase(request)}/login/oidc/callback`,
        safeNext(request.query.next),
      )
      reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), {
        path: '/login/oidc',
        httpOnly: true,
        secure: opts.auth.cookieSecure,
        sameSite: 'lax',
        signed: true,
        maxAge: 600,
      })
      return reply.redirect(url, 303)
    },
  )

  app.get(
    '/login/oidc/callback',
    { schema: oidcCallbackSchema, config: { access: 'public', rateLimit: LOGIN_RATE } },
    async (request, reply) => {
      if (!opts.oidc) {
        throw new NotFoundError('Sign-in through an identity provider is not configured')
      }
      const raw = request.cookies[OIDC_COOKIE]
      const unsigned = raw ? request.unsignCookie(raw) : undefined
      reply.clearCookie(OIDC_COOKIE, { path: '/login/oidc' })
      if (!unsigned?.valid || !unsigned.value) {
        return html(reply, 400, messagePage('Inloggningen misslyckades', 'Börja om från inloggningssidan.'))
      }
      const pending = JSON.parse(unsigned.value) as OidcPending
      const identity = await opts.oidc.finish(new URL(request.url, publicBase(request)), pending)
      const user = await userForOidcIdentity(app.db, identity)
      if (!user) {
        request.log.info({ issuer: identity.issuer }, 'identity without an account')
        return html(
          reply,
          403,
          messagePage('Inget konto', 'Be en administratör att lägga upp dig i Projektatlas.'),
        )
      }
      return signIn(reply, user.id, pending.next)
    },
  )

  app.get('/api/me', { schema: meSchema, config: { access: 'signed-in' } }, async (request) => {
    const p = requirePrincipal(request)
    return {
      id: p.userId,
      email: p.email,
      via: p.via,
      roles: [...p.roles],
      ...(p.session && { csrfToken: p.session.csrfToken }),
    }
  })
}
