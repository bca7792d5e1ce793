import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listOrganisations } from '../../registry/organisation.service.js'
import { healthSchema } from './health.schema.js'

/** /healthz: for load balancers and `curl`; the one route that must not touch tenant data. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: healthSchema, config: { access: 'public' } }, async (request, reply) => {
    try {
      // A real read through a service: proves the connection and that the schema is migrated.
      await listOrganisations(app.db, { limit: 1 })
      return { status: 'ok' as const, database: 'ok' as const }
    } catch (err) {
      request.log.error({ err }, 'health check: database unavailable')
      return reply.status(503).send({ status: 'unavailable', database: 'unavailable' })
    }
  })
}
