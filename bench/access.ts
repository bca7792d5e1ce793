import type { Kysely } from 'kysely'
import { createApiToken } from '../src/accounts/session.service.js'
import { addUser } from '../src/accounts/user.service.js'
import type { Database } from '../src/db/database.js'

/** What the page and API measurements ask with: a read token of tenant 1 and project ids to ask for. */
export interface BenchAccess {
  /** bearer secret of a read token for tenant 1 */
  readonly secret: string
  /** 200 of tenant 1's own projects (the API by id answers a tenant's own) */
  readonly own: number[]
  /** 200 project ids spread over the whole catalogue (public pages) */
  readonly ids: number[]
}

/** A viewer of tenant 1 with a read token, and the ids the measurements cycle through. */
export async function benchAccess(db: Kysely<Database>, size: number): Promise<BenchAccess> {
  const user = await addUser(
    db,
    { tenantId: null, actor: 'bench' },
    { email: 'bench@example.org', tenantId: 1, role: 'viewer' },
  )
  const { secret } = await createApiToken(db, { tenantId: 1, actor: 'bench' }, user.id, {
    tenantId: 1,
    name: 'bench',
    scope: 'read',
  })
  const own = (
    await db.selectFrom('project').select('id').where('tenant_id', '=', 1).orderBy('id').limit(200).execute()
  ).map((r) => r.id)
  const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % size))
  return { secret, own, ids }
}
