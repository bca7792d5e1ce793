import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import {
  createApiToken,
  principalFromSession,
  principalFromToken,
  revokeApiToken,
  startSession,
  TOKEN_TOUCH_INTERVAL_MS,
} from '../../src/accounts/session.service.js'
import { addUser, setRole } from '../../src/accounts/user.service.js'
import type { Database } from '../../src/db/database.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'

const CLI = { tenantId: null, actor: 'test' } as const
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

for (const dialect of DIALECTS) {
  describe(`${dialect}: principals of tokens and sessions (one query per request)`, () => {
    let db: Kysely<Database>
    let tenantA: number
    let tenantB: number
    before(async () => {
      db = await createTestDb(dialect)
      tenantA = (await buildTenant(db)).tenant.id
      tenantB = (await buildTenant(db)).tenant.id
    })
    after(async () => {
      await db.destroy()
    })

    async function userWithToken(email: string, expiresAt?: string) {
      const user = await addUser(db, CLI, { email, tenantId: tenantA, role: 'editor' })
      const { secret, token } = await createApiToken(db, { tenantId: tenantA, actor: 'test' }, user.id, {
        tenantId: tenantA,
        name: 'ci',
        scope: 'write',
        ...(expiresAt && { expiresAt }),
      })
      return { user, secret, token }
    }

    const lastUsed = async (id: number) =>
      (await db.selectFrom('api_token').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow())
        .last_used_at

    it('carries every role of the user, the token limits and its scope', async () => {
      const { user, secret, token } = await userWithToken('roles@example.se')
      await setRole(db, CLI, user.id, tenantB, 'viewer')
      const p = await principalFromToken(db, secret)
      assert.ok(p)
      assert.equal(p.userId, user.id)
      assert.equal(p.email, 'roles@example.se')
      assert.equal(p.via, 'token')
      assert.deepEqual(p.token, { id: token.id, tenantId: tenantA, scope: 'write' })
      assert.deepEqual(
        [...p.roles].sort((a, b) => a.tenantId - b.tenantId),
        [
          { tenantId: tenantA, unitId: null, role: 'editor' },
          { tenantId: tenantB, unitId: null, role: 'viewer' },
        ],
      )
    })

    it('a user without roles still gets a principal, with no roles', async () => {
      const { user, secret } = await userWithToken('noroles@example.se')
      await setRole(db, CLI, user.id, tenantA, null)
      const p = await principalFromToken(db, secret)
      assert.ok(p)
      assert.deepEqual(p.roles, [])
    })

    it('notes last_used_at on first use, then at most once per interval', async () => {
      const { secret, token } = await userWithToken('touch@example.se')
      const t0 = '2030-01-01T10:00:00.000Z'
      assert.equal(await lastUsed(token.id), null)
      assert.ok(await principalFromToken(db, secret, t0))
      assert.equal(await lastUsed(token.id), t0)
      // Within the interval: no write, the stored time stays.
      assert.ok(await principalFromToken(db, secret, later(t0, TOKEN_TOUCH_INTERVAL_MS / 2)))
      assert.equal(await lastUsed(token.id), t0)
      assert.ok(await principalFromToken(db, secret, later(t0, TOKEN_TOUCH_INTERVAL_MS)))
      assert.equal(await lastUsed(token.id), t0)
      // After it: advanced to the request's time.
      const t1 = later(t0, TOKEN_TOUCH_INTERVAL_MS + 1_000)
      assert.ok(await principalFromToken(db, secret, t1))
      assert.equal(await lastUsed(token.id), t1)
    })

    it('refuses a revoked token at once, even one used a moment ago', async () => {
      const { user, secret, token } = await userWithToken('revoke@example.se')
      assert.ok(await principalFromToken(db, secret))
      await revokeApiToken(db, { tenantId: tenantA, actor: 'test' }, user.id, token.id)
      assert.equal(await principalFromToken(db, secret), null)
    })

    it('refuses an expired token', async () => {
      const expiresAt = later(new Date().toISOString(), 3_600_000)
      const { secret } = await userWithToken('expire@example.se', expiresAt)
      assert.ok(await principalFromToken(db, secret))
      assert.equal(await principalFromToken(db, secret, later(expiresAt, 1)), null)
      assert.equal(await principalFromToken(db, secret, expiresAt), null)
    })

    it("refuses a disabled user's token and session at once (even were the token left unrevoked)", async () => {
      const { user, secret } = await userWithToken('disabled@example.se')
      const session = await startSession(db, user.id, 3_600_000)
      assert.ok(await principalFromToken(db, secret))
      assert.ok(await principalFromSession(db, session.secret))
      await db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', user.id).execute()
      assert.equal(await principalFromToken(db, secret), null)
      assert.equal(await principalFromSession(db, session.secret), null)
    })

    it('refuses unknown secrets and anything without the token prefix', async () => {
      assert.equal(await principalFromToken(db, 'pat_nonsense'), null)
      assert.equal(await principalFromToken(db, 'nonsense'), null)
      assert.equal(await principalFromSession(db, 'nonsense'), null)
    })

    it('a session carries its CSRF token and roles, and ends at its expiry', async () => {
      const user = await addUser(db, CLI, { email: 'session@example.se', tenantId: tenantB, role: 'admin' })
      const session = await startSession(db, user.id, 3_600_000)
      const p = await principalFromSession(db, session.secret)
      assert.ok(p)
      assert.equal(p.via, 'session')
      assert.equal(p.session?.csrfToken, session.csrfToken)
      assert.deepEqual(p.roles, [{ tenantId: tenantB, unitId: null, role: 'admin' }])
      assert.equal(await principalFromSession(db, session.secret, session.expiresAt), null)
    })
  })
}
