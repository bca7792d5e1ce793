import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** HSTS: one year, subdomains included (sent only over TLS, where it means something). */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains'

/** The helmet options of every answer. */
function helmetOptions(formActions: readonly string[]): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        // Scripts only from our own origin: no inline scripts, no event-handler attributes, no eval.
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // The shared layout carries its stylesheet inline; styles cannot run code.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'", ...formActions],
        'frame-ancestors': ["'none'"],
      },
    },
    // HSTS only when the site is served over TLS (below); on plain http it is ignored or harmful.
    hsts: false,
    // same-origin rather than no-referrer: under no-referrer browsers send `Origin: null` on our own
    // form posts, which the CSRF origin check would have to guess about; other sites still get nothing.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  }
}

// Framework headers of the probe's answer, not helmet's.
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive'])

/**
 * The headers helmet sets, computed once: @fastify/helmet rebuilds its middleware (parsing the CSP
 * directives) on every request, a measurable share of a fast request, although with one global
 * policy and no nonces the headers never change. A throwaway instance answers one request with
 * helmet and its headers are kept.
 */
export async function helmetHeaders(formActions: readonly string[] = []): Promise<Record<string, string>> {
  const probe = Fastify()
  try {
    await probe.register(helmet, helmetOptions(formActions))
    probe.get('/', async () => '')
    const res = await probe.inject({ url: '/' })
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(res.headers)) {
      if (!NOT_HELMET.has(name) && typeof value === 'string') {
        headers[name] = value
      }
    }
    return headers
  } finally {
    await probe.close()
  }
}

async function securityHeadersPlugin(
  app: FastifyInstance,
  opts: { readonly publicUrl?: string; readonly formActions?: readonly string[] },
): Promise<void> {
  const behindTls = opts.publicUrl?.startsWith('https:') ?? false
  const headers = await helmetHeaders(opts.formActions)
  const withHsts = { ...headers, 'strict-transport-security': HSTS_VALUE }
  // One synchronous hook: no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(behindTls || request.protocol === 'https' ? withHsts : headers)
    done()
  })
}

/**
 * Security headers on every answer (helmet): a Content-Security-Policy without inline scripts and
 * with `frame-ancestors 'none'`, nosniff, a same-origin referrer policy, and HSTS when the public URL is
 * https or the request came over TLS.
 */
export const securityHeaders = fp(securityHeadersPlugin, {
  name: 'projektatlas-security-headers',
  fastify: '5.x',
})
