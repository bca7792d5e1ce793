import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ForbiddenError } from '../../accounts/errors.js'
import { newSecret, sameSecret } from '../../accounts/secret.js'
import { isSafeMethod } from './auth.js'

/** The form field and header that carry the CSRF token. */
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'x-csrf-token'
/** The signed cookie holding the CSRF token of forms shown before sign-in (login, password reset). */
export const PRE_SESSION_COOKIE = 'pa_csrf'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The CSRF token forms on this page must carry: the session's, or (signed out) a fresh one in a
     * signed cookie. Call it while rendering a form.
     */
    csrfToken(reply: FastifyReply): string
  }
}

function sentToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER]
  if (typeof header === 'string') {
    return header
  }
  const body = request.body as Record<string, unknown> | null | undefined
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined
  return typeof field === 'string' ? field : undefined
}

// Fetch metadata and Origin: browsers say where a request comes from; a cross-site write is refused
// before any token is looked at (OWASP CSRF cheat sheet, "Verifying origin with standard headers").
function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') {
    return true
  }
  // Browsers send `Origin: null` on a same-origin form post under `Referrer-Policy: no-referrer`
  // (Fetch, "serializing a request origin"); Sec-Fetch-Site, which no script can set, still says it.
  if (site === 'same-origin') {
    return false
  }
  const origin = request.headers.origin
  if (origin === undefined) {
    return false
  }
  try {
    // Through URL on both sides, so a default port written out (":80") compares equal.
    return (
      origin === 'null' || new URL(origin).origin !== new URL(`${request.protocol}://${request.host}`).origin
    )
  } catch {
    return true
  }
}

async function csrfPlugin(app: FastifyInstance, opts: { cookieSecure: boolean }): Promise<void> {
  app.decorateRequest('csrfToken', function csrfToken(this: FastifyRequest, reply: FastifyReply): string {
    const session = this.principal?.session
    if (session) {
      return session.csrfToken
    }
    const token = newSecret()
    reply.setCookie(PRE_SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      secure: opts.cookieSecure,
      sameSite: 'strict',
      signed: true,
      maxAge: 60 * 60,
    })
    return token
  })

  app.addHook('preValidation', (request, _reply, done) => {
    // Synchronous: every request passes here, and a read has nothing to check.
    if (isSafeMethod(request.method) || request.is404) {
      done()
      return
    }
    try {
      checkWrite(request)
      done()
    } catch (e) {
      done(e as Error)
    }
  })

  function checkWrite(request: FastifyRequest): void {
    const principal = request.principal
    // A bearer token is never sent by a browser on its own, so a forged request cannot carry one.
    if (principal?.via === 'token') {
      return
    }
    if (crossSite(request)) {
      throw new ForbiddenError('Cross-site request refused')
    }
    const sent = sentToken(request)
    let expected: string | undefined
    if (principal?.session) {
      expected = principal.session.csrfToken
    } else {
      const cookie = request.cookies[PRE_SESSION_COOKIE]
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined
      expected = unsigned?.valid && unsigned.value ? unsigned.value : undefined
    }
    if (sent === undefined || expected === undefined || !sameSecret(sent, expected)) {
      throw new ForbiddenError('The form has expired or did not come from this site: reload it and try again')
    }
  }
}

/**
 * CSRF protection for every write a browser can make: a cross-site Origin or Sec-Fetch-Site is
 * refused, and the request must carry the session's token (`_csrf` field or `x-csrf-token` header),
 * or before sign-in the token of a signed cookie (double submit). Bearer-token calls are exempt.
 */
export const csrf = fp(csrfPlugin, {
  name: 'projektatlas-csrf',
  fastify: '5.x',
  dependencies: ['projektatlas-auth'],
})
