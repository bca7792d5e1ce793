import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { setPublished } from '../../src/accounts/publication.service.js'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { buildProject, buildTenant } from '../support/factories.js'
import { findPgBin, startCluster, startReplica } from '../support/pg-cluster.mjs'
import { startServe } from '../support/serve-process.js'
import { DIALECTS } from './dialects.js'

// The catalogue on a read replica (docs/deployment.md): a server given DATABASE_READ_URL answers
// the public catalogue from the replica and keeps the index current on the primary. Replay on the
// replica is paused to show where the catalogue reads from: a project published on the primary is
// indexed there at once, and the public catalogue shows it only when the replica has replayed it.

const skip = !DIALECTS.includes('postgres')
  ? 'DIALECTS leaves PostgreSQL out'
  : findPgBin() === undefined
    ? 'no PostgreSQL server binaries on this machine (a replica needs its own cluster)'
    : undefined
if (skip) {
  process.stdout.write(`# read-replica: skipped (${skip})\n`)
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v !== undefined) {
      return v
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('the catalogue on a read replica', { skip, timeout: 90_000 }, () => {
  const stops: Array<() => void> = []
  let primary: Kysely<Database>
  let replica: Kysely<Database>
  let server: { url: string; child: ChildProcess }

  before(async () => {
    const p = await startCluster()
    stops.push(p.stop)
    const r = await startReplica(p)
    stops.push(r.stop)
    server = await startServe({ DATABASE_URL: p.url, DATABASE_READ_URL: r.url })
    primary = createDb({ dialect: 'postgres', url: p.url }, { poolSize: 2 })
    replica = createDb({ dialect: 'postgres', url: r.url }, { poolSize: 2 })
  })

  after(async () => {
    server?.child.kill('SIGTERM')
    await primary?.destroy()
    await replica?.destroy()
    for (const stop of stops.reverse()) {
      stop()
    }
  })

  const search = async (q: string) => {
    const res = await fetch(`${server.url}/api/catalogue/projects?q=${encodeURIComponent(q)}`)
    assert.equal(res.status, 200, await res.clone().text())
    return ((await res.json()) as { items: Array<{ name: string }> }).items.map((p) => p.name)
  }

  it('answers from the replica, which follows the primary within its lag', async () => {
    const { rows } = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(replica)
    assert.equal(rows[0]?.r, true, 'the read database is a standby')
    const { scope } = await buildTenant(primary)
    const seen = await buildProject(primary, scope, { name: 'Replikaprojektet i Bulkstad' })
    await setPublished(primary, scope, seen.id, true)
    assert.deepEqual(
      await until('the replica to show the first project', async () => {
        const names = await search('replikaprojektet')
        return names.length > 0 ? names : undefined
      }),
      ['Replikaprojektet i Bulkstad'],
    )

    await sql`select pg_wal_replay_pause()`.execute(replica)
    const later = await buildProject(primary, scope, { name: 'Fördröjningsprojektet i Bulkstad' })
    await setPublished(primary, scope, later.id, true)
    // The server indexes on the primary although nobody searches there...
    await until('the primary to index the new project', async () => {
      const row = await primary
        .selectFrom('catalogue_doc' as never)
        .select(sql<number>`count(*)`.as('n'))
        .where(sql`project_id`, '=', later.id)
        .executeTakeFirst()
      return Number((row as { n?: number } | undefined)?.n ?? 0) > 0 ? true : undefined
    })
    // ...while the public catalogue, read from the paused replica, does not show it yet.
    assert.deepEqual(await search('fördröjningsprojektet'), [])
    const page = await fetch(`${server.url}/katalog/projekt/${later.id}`)
    assert.equal(page.status, 404)

    await sql`select pg_wal_replay_resume()`.execute(replica)
    assert.deepEqual(
      await until('the replica to catch up', async () => {
        const names = await search('fördröjningsprojektet')
        return names.length > 0 ? names : undefined
      }),
      ['Fördröjningsprojektet i Bulkstad'],
    )
  })

  it('refuses a read URL that is not PostgreSQL', async () => {
    await assert.rejects(
      startServe({ DATABASE_URL: 'sqlite::memory:', DATABASE_READ_URL: 'sqlite:/tmp/x.db' }),
      /DATABASE_READ_URL/,
    )
  })
})
