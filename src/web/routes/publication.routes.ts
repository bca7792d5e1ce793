import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getPublication, setPublished } from '../../accounts/publication.service.js'
import { requestScope } from '../plugins/auth.js'
import { getPublicationSchema, publishSchema, unpublishSchema } from './publication.schema.js'

/** /api/projects/:projectId/publication: drafts become public only when a coordinator says so. */
export const publicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: getPublicationSchema }, async (request) =>
    getPublication(app.db, requestScope(request), request.params.projectId),
  )
  app.put('/', { schema: publishSchema, config: { role: 'coordinator' } }, async (request) =>
    setPublished(app.db, requestScope(request), request.params.projectId, true),
  )
  app.delete('/', { schema: unpublishSchema, config: { role: 'coordinator' } }, async (request) =>
    setPublished(app.db, requestScope(request), request.params.projectId, false),
  )
}
