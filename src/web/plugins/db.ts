import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** the registry database; routes hand it to services, never query it themselves */
    db: Kysely<Database>
  }
}

async function dbPlugin(app: FastifyInstance, opts: { db: Kysely<Database> }): Promise<void> {
  app.decorate('db', opts.db)
}

/**
 * Makes the database available to routes as `app.db`. Closing it is server.ts's job, after Fastify
 * has stopped taking requests, so tests that share a database can build several apps.
 */
export const dbDecorator = fp(dbPlugin, { name: 'projektatlas-db', fastify: '5.x' })
