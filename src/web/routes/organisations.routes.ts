import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../registry/organisation.service.js'
import { requestScope } from '../plugins/auth.js'
import {
  createOrganisationSchema,
  deleteOrganisationSchema,
  getOrganisationSchema,
  listOrganisationsSchema,
  updateOrganisationSchema,
} from './organisations.schema.js'

/** /api/organisations: organisations are shared reference data, not owned by one tenant. */
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: listOrganisationsSchema }, async (request) => {
    const { q, country, tenantsOnly, limit = 50, offset = 0 } = request.query
    const items = await listOrganisations(app.db, { query: q, country, tenantsOnly, limit, offset })
    return { items, limit, offset }
  })

  app.get('/:id', { schema: getOrganisationSchema }, async (request) => {
    return getOrganisation(app.db, request.params.id)
  })

  app.post('/', { schema: createOrganisationSchema }, async (request, reply) => {
    const organisation = await createOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.body,
    )
    return reply.status(201).header('location', `/api/organisations/${organisation.id}`).send(organisation)
  })

  app.patch('/:id', { schema: updateOrganisationSchema }, async (request) => {
    return updateOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.params.id,
      request.body,
    )
  })

  app.delete('/:id', { schema: deleteOrganisationSchema }, async (request, reply) => {
    await deleteOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.params.id,
    )
    return reply.status(204).send(null)
  })
}
