import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Participation } from '../../registry/participation.js'
import {
  addParticipation,
  getParticipation,
  listParticipations,
  removeParticipation,
  updateParticipation,
} from '../../registry/participation.service.js'
import { getProject } from '../../registry/project.service.js'
import type { Scope } from '../../registry/scope.js'
import type { Db } from '../../registry/tx.js'
import { NotFoundError } from '../../shared/errors.js'
import { requestScope } from '../plugins/auth.js'
import {
  createParticipationSchema,
  deleteParticipationSchema,
  getParticipationSchema,
  listParticipationsSchema,
  updateParticipationSchema,
} from './participations.schema.js'

// The URL names the project too: a participation of another project is "not found" here.
async function participationOf(db: Db, scope: Scope, projectId: number, id: number): Promise<Participation> {
  const participation = await getParticipation(db, scope, id)
  if (participation.projectId !== projectId) {
    throw new NotFoundError(`Project ${projectId} has no participation with id ${id}`)
  }
  return participation
}

/** /api/projects/:projectId/participations: who takes part in a project, with their own money. */
export const participationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: listParticipationsSchema }, async (request) => {
    const scope = requestScope(request)
    await getProject(app.db, scope, request.params.projectId)
    return { items: await listParticipations(app.db, scope, request.params.projectId) }
  })

  app.get('/:id', { schema: getParticipationSchema }, async (request) => {
    const scope = requestScope(request)
    return participationOf(app.db, scope, request.params.projectId, request.params.id)
  })

  app.post('/', { schema: createParticipationSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const { projectId } = request.params
    const participation = await addParticipation(app.db, scope, projectId, request.body)
    return reply
      .status(201)
      .header('location', `/api/projects/${projectId}/participations/${participation.id}`)
      .send(participation)
  })

  app.patch('/:id', { schema: updateParticipationSchema }, async (request) => {
    const scope = requestScope(request)
    await participationOf(app.db, scope, request.params.projectId, request.params.id)
    return updateParticipation(app.db, scope, request.params.id, request.body)
  })

  app.delete('/:id', { schema: deleteParticipationSchema }, async (request, reply) => {
    const scope = requestScope(request)
    await participationOf(app.db, scope, request.params.projectId, request.params.id)
    await removeParticipation(app.db, scope, request.params.id)
    return reply.status(204).send(null)
  })
}
