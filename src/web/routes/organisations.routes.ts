import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { roleIn } from '../../accounts/account.js'
import { ForbiddenError } from '../../accounts/errors.js'
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../registry/organisation.service.js'
import type { Db } from '../../registry/tx.js'
import { requestScope, requirePrincipal } from '../plugins/auth.js'
import {
  createOrganisationSchema,
  deleteOrganisationSchema,
  getOrganisationSchema,
  listOrganisationsSchema,
  updateOrganisationSchema,
} from './organisations.schema.js'

// Partners are shared reference data any editor may correct, but an organisation that keeps a
// portfolio (a tenant) is changed only by its own admins, and only admins add new tenants.
async function guardTenants(db: Db, request: FastifyRequest, id: number | undefined, becomesTenant: boolean) {
  const principal = requirePrincipal(request)
  if (becomesTenant && !principal.roles.some((r) => roleIn(principal, r.tenantId) === 'admin')) {
    throw new ForbiddenError('Only an admin may make an organisation keep a portfolio here')
  }
  if (id !== undefined && (await getOrganisation(db, id)).isTenant && roleIn(principal, id) !== 'admin') {
    throw new ForbiddenError("Only the organisation's own admins may change it")
  }
}

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
    await guardTenants(app.db, request, undefined, request.body.isTenant === true)
    const organisation = await createOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.body,
    )
    return reply.status(201).header('location', `/api/organisations/${organisation.id}`).send(organisation)
  })

  app.patch('/:id', { schema: updateOrganisationSchema }, async (request) => {
    await guardTenants(app.db, request, request.params.id, request.body.isTenant === true)
    return updateOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.params.id,
      request.body,
    )
  })

  app.delete('/:id', { schema: deleteOrganisationSchema }, async (request, reply) => {
    await guardTenants(app.db, request, request.params.id, false)
    await deleteOrganisation(
      app.db,
      { tenantId: null, actor: requestScope(request).actor },
      request.params.id,
    )
    return reply.status(204).send(null)
  })
}
