import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listAuditEvents } from '../../registry/audit.service.js'
import { getProject } from '../../registry/project.service.js'
import { requestScope } from '../plugins/auth.js'
import { projectHistoryPage } from '../views/project-history.js'
import { listAuditSchema, projectHistorySchema } from './audit.schema.js'

function payloadProjectId(payload: unknown): unknown {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>).projectId : undefined
}

/** GET /api/audit (the log, for coordinators) and GET /projects/:id/history (a project's page). */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', { schema: listAuditSchema, config: { role: 'coordinator' } }, async (request) => {
    const { tenant: _tenant, limit = 100, ...filter } = request.query
    return { items: await listAuditEvents(app.db, requestScope(request), { ...filter, limit }) }
  })

  app.get('/projects/:id/history', { schema: projectHistorySchema }, async (request, reply) => {
    const scope = requestScope(request)
    const project = await getProject(app.db, scope, request.params.id)
    const own = await listAuditEvents(app.db, scope, { entity: 'project', entityId: project.id })
    // A project's participations are part of its story.
    const parts = (await listAuditEvents(app.db, scope, { entity: 'participation' })).filter(
      (e) => payloadProjectId(e.before) === project.id || payloadProjectId(e.after) === project.id,
    )
    const events = [...own, ...parts].sort((a, b) => b.id - a.id)
    const page = projectHistoryPage({ projectId: project.id, projectName: project.name, events })
    return reply.type('text/html; charset=utf-8').send(page.toString())
  })
}
