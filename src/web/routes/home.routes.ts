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

/**
 * GET /: the public lands in the catalogue; a signed-in user sees the projects of their own
 * tenants, drafts included.
 */
export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      // Public so a newcomer's first page is the catalogue, not a login form; drafts only for their own.
      config: { access: 'public' },
      schema: {
        hide: true,
        response: { 200: Type.String({ description: 'HTML page' }) },
      },
    },
    async (request, reply) => {
      if (!request.principal) {
        return reply.redirect('/katalog', 303)
      }
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
