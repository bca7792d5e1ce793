import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'

/** /api/openapi.json: the OpenAPI 3 document generated from every route's schemas. */
export const openapiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3 document' }) },
      },
    },
    async () => app.swagger(),
  )
}
