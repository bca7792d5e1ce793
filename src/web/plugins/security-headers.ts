import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** HSTS: one year, subdomains included (sent only over TLS, where it means something). */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains'

async function securityHeadersPlugin(
  app: FastifyInstance,
  opts: { readonly publicUrl?: string; readonly formActions?: readonly string[] },
): Promise<void> {
  const behindTls = opts.publicUrl?.startsWith('https:') ?? false
  await app.register(helmet, {
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
        'form-action': ["'self'", ...(opts.formActions ?? [])],
        'frame-ancestors': ["'none'"],
      },
    },
    // HSTS only when the site is served over TLS (below); on plain http it is ignored or harmful.
    hsts: false,
    // same-origin rather than no-referrer: under no-referrer browsers send `Origin: null` on our own
    // form posts, which the CSRF origin check would have to guess about; other sites still get nothing.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (request, reply) => {
    if (behindTls || request.protocol === 'https') {
      reply.header('strict-transport-security', HSTS_VALUE)
    }
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
