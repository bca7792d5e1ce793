import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '../../registry/project.service.js'
import { requestScope } from '../plugins/auth.js'
import {
  createProjectSchema,
  deleteProjectSchema,
  getProjectSchema,
  listProjectsSchema,
  updateProjectSchema,
} from './projects.schema.js'

/** /api/projects: a tenant's portfolio. */
export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: listProjectsSchema }, async (request) => {
    const { q, status, programme, organisation, limit = 50, offset = 0 } = request.query
    const scope = requestScope(request)
    // One extra row tells whether another page follows, without a second COUNT query.
    const rows = await listProjects(app.db, scope, {
      query: q,
      status,
      programme,
      organisationId: organisation,
      limit: limit + 1,
      offset,
    })
    return {
      items: rows.slice(0, limit),
      limit,
      offset,
      nextOffset: rows.length > limit ? offset + limit : null,
    }
  })

  app.get('/:id', { schema: getProjectSchema }, async (request) => {
    const scope = requestScope(request)
    return getProject(app.db, scope, request.params.id)
  })

  app.post('/', { schema: createProjectSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const project = await createProject(app.db, scope, request.body)
    return reply.status(201).header('location', `/api/projects/${project.id}`).send(project)
  })

  app.patch('/:id', { schema: updateProjectSchema }, async (request) => {
    const scope = requestScope(request)
    return updateProject(app.db, scope, request.params.id, request.body)
  })

  app.delete('/:id', { schema: deleteProjectSchema }, async (request, reply) => {
    const scope = requestScope(request)
    await deleteProject(app.db, scope, request.params.id)
    return reply.status(204).send(null)
  })
}
