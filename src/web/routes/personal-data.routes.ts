import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Dialect } from '../../config/config.js'
import { purgeFreedPages } from '../../db/maintenance.js'
import { erasePerson, exportPersonalData } from '../../registry/contact.service.js'
import { requestScope } from '../plugins/auth.js'
import { erasePersonSchema, exportPersonSchema } from './personal-data.schema.js'

/**
 * /api/personal-data: access and erasure requests about a person, for the tenant's admins. POST
 * for both, so the person's e-mail or name never sits in a URL (and so in access logs).
 */
export const personalDataRoutes: FastifyPluginAsyncTypebox<{ readonly dialect: Dialect }> = async (
  app,
  opts,
) => {
  const admin = { role: 'admin' } as const

  app.post('/export', { schema: exportPersonSchema, config: admin }, async (request) =>
    exportPersonalData(app.db, requestScope(request), request.body),
  )

  app.post('/erase', { schema: erasePersonSchema, config: admin }, async (request) => {
    const erasedContacts = await erasePerson(app.db, requestScope(request), request.body)
    // SQLite keeps deleted text in free pages until they are reused: overwrite them now.
    await purgeFreedPages(app.db, opts.dialect)
    return { erasedContacts }
  })
}
