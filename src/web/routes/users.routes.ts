import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { roleIn, type User } from '../../accounts/account.js'
import { ForbiddenError } from '../../accounts/errors.js'
import {
  addUser,
  createPasswordReset,
  getUser,
  listUsers,
  setRole,
  setUserDisabled,
} from '../../accounts/user.service.js'
import type { AuthConfig } from '../../config/config.js'
import { NotFoundError } from '../../shared/errors.js'
import { requestScope, requirePrincipal } from '../plugins/auth.js'
import { createUserSchema, listUsersSchema, updateUserSchema } from './users.schema.js'

// An admin sees a person's roles in the admin's own tenant only, never where else they work.
function inTenant(user: User, tenantId: number): User {
  return { ...user, roles: user.roles.filter((r) => r.tenantId === tenantId) }
}

/** /api/users: a tenant's users, managed by the tenant's admins. */
export const userRoutes: FastifyPluginAsyncTypebox<{ auth: AuthConfig }> = async (app, opts) => {
  const admin = { role: 'admin' } as const

  app.get('/', { schema: listUsersSchema, config: admin }, async (request) => {
    const { tenantId } = requestScope(request)
    return { items: (await listUsers(app.db, tenantId)).map((u) => inTenant(u, tenantId)) }
  })

  app.post('/', { schema: createUserSchema, config: admin }, async (request, reply) => {
    const scope = requestScope(request)
    const { email, displayName, role, unitId } = request.body
    const existing = (await listUsers(app.db)).find((u) => u.email === email.trim().toLowerCase())
    if (existing) {
      const user = await setRole(app.db, scope, existing.id, scope.tenantId, role, unitId ?? null)
      return reply.status(201).send({ user: inTenant(user, scope.tenantId), resetUrl: null })
    }
    const user = await addUser(app.db, scope, { email, displayName, tenantId: scope.tenantId, role, unitId })
    const { token } = await createPasswordReset(app.db, scope, user.email)
    const base = opts.auth.publicUrl ?? `${request.protocol}://${request.host}`
    return reply.status(201).send({
      user: inTenant(await getUser(app.db, user.id), scope.tenantId),
      resetUrl: `${base}/reset/${token}`,
    })
  })

  app.patch('/:id', { schema: updateUserSchema, config: admin }, async (request) => {
    const scope = requestScope(request)
    const principal = requirePrincipal(request)
    const target = await getUser(app.db, request.params.id)
    // Users of other tenants do not exist for this admin.
    if (!target.roles.some((r) => r.tenantId === scope.tenantId)) {
      throw new NotFoundError(`No user ${request.params.id}`)
    }
    const { role, unitId, disabled } = request.body
    let user = target
    if (role !== undefined) {
      user = await setRole(app.db, scope, target.id, scope.tenantId, role, unitId ?? null)
    }
    if (disabled !== undefined) {
      // An account spans tenants: only an admin of every tenant it works in may switch it off.
      if (!target.roles.every((r) => roleIn(principal, r.tenantId) === 'admin')) {
        throw new ForbiddenError('This user also works for another organisation: ask its admin')
      }
      user = await setUserDisabled(app.db, scope, target.id, disabled)
    }
    return inTenant(user, scope.tenantId)
  })
}
