import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ForbiddenError } from '../../accounts/errors.js'
import { createApiToken, listApiTokens, revokeApiToken } from '../../accounts/session.service.js'
import { requirePrincipal } from '../plugins/auth.js'
import { createTokenSchema, listTokensSchema, revokeTokenSchema } from './tokens.schema.js'

/** /api/tokens: each user manages their own API tokens, signed in through the browser. */
export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const signedIn = { access: 'signed-in' } as const

  app.get('/', { schema: listTokensSchema, config: signedIn }, async (request) => {
    return { items: await listApiTokens(app.db, requirePrincipal(request).userId) }
  })

  app.post('/', { schema: createTokenSchema, config: signedIn }, async (request, reply) => {
    const p = requirePrincipal(request)
    // A leaked token must not mint more of itself.
    if (p.via === 'token') {
      throw new ForbiddenError('API tokens are created from a signed-in browser session')
    }
    const { tenant, name, scope, expiresAt } = request.body
    const created = await createApiToken(app.db, { tenantId: tenant, actor: p.email }, p.userId, {
      tenantId: tenant,
      name,
      scope,
      expiresAt: expiresAt ?? null,
    })
    return reply.status(201).send(created)
  })

  app.delete('/:id', { schema: revokeTokenSchema, config: signedIn }, async (request, reply) => {
    const p = requirePrincipal(request)
    await revokeApiToken(app.db, { tenantId: null, actor: p.email }, p.userId, request.params.id)
    return reply.status(204).send(null)
  })
}
