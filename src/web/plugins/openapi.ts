import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function openapiPlugin(app: FastifyInstance, opts: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Projektatlas API',
        description:
          'A registry of EU-funded and international projects: projects, the organisations that take part, and their participations. ' +
          'Money is given in minor units (öre, cent) with its currency; dates keep the precision the source gives (2015, 2015-09, 2015-09-01).',
        version: opts.version,
        license: { name: 'EUPL-1.2' },
      },
      tags: [
        { name: 'projects', description: 'Projects and their participations' },
        { name: 'organisations', description: 'Organisations that take part in projects' },
        { name: 'health', description: 'Liveness and readiness' },
      ],
    },
  })
}

/** Collects every route's TypeBox schema into an OpenAPI 3 document (served at /api/openapi.json by app.ts). */
export const openapi = fp(openapiPlugin, { name: 'projektatlas-openapi', fastify: '5.x' })
