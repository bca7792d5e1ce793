import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { tenantsOf } from '../../accounts/account.js'
import { isDemoName } from '../../demo/demo-portfolio.js'
import { listTenants } from '../../registry/organisation.service.js'
import { countTenantProjects, listProjects } from '../../registry/project.service.js'
import { scopeOf } from '../../registry/scope.js'
import { requirePrincipal } from '../plugins/auth.js'
import { type HomeProject, homePage } from '../views/home-page.js'

/** How many projects the minimal home page lists (the catalogue issue adds paging and search). */
const HOME_PAGE_SIZE = 200

/** GET /: the minimal HTML home page, listing the projects of the signed-in user's tenants (drafts). */
export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      // Lists drafts: signed-in users only, and only their own tenants' portfolios.
      config: { access: 'signed-in' },
      schema: {
        hide: true,
        response: { 200: Type.String({ description: 'HTML page' }) },
      },
    },
    async (request, reply) => {
      const mine = new Set(tenantsOf(requirePrincipal(request)))
      const projects: HomeProject[] = []
      let total = 0
      for (const tenant of (await listTenants(app.db)).filter((t) => mine.has(t.id))) {
        const scope = scopeOf(tenant.id, requirePrincipal(request).email)
        total += await countTenantProjects(app.db, scope)
        const page = await listProjects(app.db, scope, {
          limit: Math.max(0, HOME_PAGE_SIZE - projects.length),
        })
        projects.push(...page.map((p) => ({ ...p, isDemo: isDemoName(p.name) })))
      }
      return reply.type('text/html; charset=utf-8').send(homePage({ projects, total }).toString())
    },
  )
}
