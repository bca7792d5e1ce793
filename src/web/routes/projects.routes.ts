import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FACETS } from '../../catalogue/facets.js'
import { loadRecords, MATCH_BOUND, searchCatalogue } from '../../catalogue/search.service.js'
import type { Dialect } from '../../config/config.js'
import { createProject, deleteProject, getProject, updateProject } from '../../registry/project.service.js'
import { requestScope } from '../plugins/auth.js'
import { answeredNotModified, weakEtag } from '../plugins/etag.js'
import {
  createProjectSchema,
  deleteProjectSchema,
  getProjectSchema,
  listProjectsSchema,
  updateProjectSchema,
} from './projects.schema.js'

/** /api/projects: a tenant's portfolio. */
export const projectRoutes: FastifyPluginAsyncTypebox<{ readonly dialect: Dialect }> = async (app, opts) => {
  app.get('/', { schema: listProjectsSchema }, async (request, reply) => {
    const { q, status, programme, organisation, country, sort, page, limit = 50 } = request.query
    const scope = requestScope(request)
    const offset = page === undefined ? (request.query.offset ?? 0) : (page - 1) * limit
    // The catalogue's search service in the tenant's own view (drafts included): the public pages' engine.
    const deps = { db: app.db, dialect: opts.dialect }
    const list = (v: string | readonly string[] | undefined) =>
      v === undefined ? [] : typeof v === 'string' ? [v] : v
    const result = await searchCatalogue(deps, {
      q: q ?? '',
      audience: { tenantId: scope.tenantId },
      filters: {
        status: list(status),
        programme: list(programme),
        participant: organisation === undefined ? [] : [String(organisation)],
        country: list(country),
      },
      ...(sort && { sort }),
      pageSize: limit,
      offset,
    })
    reply.header('access-control-allow-origin', '*')
    return {
      total: result.total,
      totalExact: result.totalExact,
      items: await loadRecords(deps, result.ids, { tenantId: scope.tenantId }),
      facets: Object.fromEntries(FACETS.map((f) => [f, [...result.facets[f]]])),
      limit,
      offset,
      nextOffset: offset + result.ids.length < Math.min(result.total, MATCH_BOUND) ? offset + limit : null,
    }
  })

  app.get('/:id', { schema: getProjectSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const project = await getProject(app.db, scope, request.params.id)
    // A client that keeps its copy (a sync job) can ask If-None-Match and get a bodiless 304.
    if (answeredNotModified(request, reply, weakEtag([JSON.stringify(project)]))) {
      return reply
    }
    return project
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
