import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { startSession } from '../../src/accounts/session.service.js'
import { addUser } from '../../src/accounts/user.service.js'
import type { Database } from '../../src/db/database.js'
import type { Scope } from '../../src/registry/scope.js'
import { openRound } from '../../src/report/round/round.service.js'
import type { App } from '../../src/web/app.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildRoundPortfolio } from './report-fixture.js'
import { buildTestApp, callerWithRole } from './security-fixtures.js'

let counter = 0

for (const dialect of DIALECTS) {
  describe(`${dialect}: a unit's form in the reporting round is its own`, () => {
    let db: Kysely<Database>
    let app: App
    let scope: Scope
    let unitA: number
    let unitB: number

    before(async () => {
      db = await createTestDb(dialect)
      scope = (await buildTenant(db, { name: 'Enhetsstad' })).scope
      const { units } = await buildRoundPortfolio(db, scope)
      unitA = units[0]?.id ?? 0
      unitB = units[1]?.id ?? 0
      await openRound(db, scope, { year: 2025, unitIds: [unitA, unitB] })
      app = await buildTestApp(db, dialect)
    })
    after(async () => {
      await app?.close()
      await db?.destroy()
    })

    async function sessionOf(
      role: 'editor' | 'viewer',
      unitId: number | null,
    ): Promise<Record<string, string>> {
      const user = await addUser(
        db,
        { tenantId: null, actor: 'test' },
        {
          email: `${role}-${unitId ?? 'alla'}-${++counter}@example.se`,
          tenantId: scope.tenantId,
          role,
          unitId,
        },
      )
      const session = await startSession(db, user.id, 60_000)
      return { cookie: `pa_session=${session.secret}`, 'x-csrf-token': session.csrfToken }
    }

    function page(headers: Record<string, string>, unitId: number) {
      return app.inject({ method: 'GET', url: `/rapport/2025/enhet/${unitId}`, headers })
    }

    function post(headers: Record<string, string>, unitId: number, action: 'save' | 'submit') {
      return app.inject({
        method: 'POST',
        url: `/rapport/2025/enhet/${unitId}`,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ action, narrative_0: 'Svar', narrative_1: 'Svar' }).toString(),
      })
    }

    it("refuses an editor of unit A unit B's page, save and submit with 404, and lets them work on A", async () => {
      const editorA = await sessionOf('editor', unitA)
      assert.equal((await page(editorA, unitB)).statusCode, 404)
      assert.equal((await post(editorA, unitB, 'save')).statusCode, 404)
      assert.equal((await post(editorA, unitB, 'submit')).statusCode, 404)
      const own = await page(editorA, unitA)
      assert.equal(own.statusCode, 200, own.body)
      const saved = await post(editorA, unitA, 'save')
      assert.equal(saved.statusCode, 303, saved.body)
      const submitted = await post(editorA, unitA, 'submit')
      assert.ok([303, 422].includes(submitted.statusCode), `${submitted.statusCode} ${submitted.body}`)
    })

    it('the 404 does not depend on the body: an invalid post to another unit is not validated', async () => {
      const editorA = await sessionOf('editor', unitA)
      const bad = await app.inject({
        method: 'POST',
        url: `/rapport/2025/enhet/${unitB}`,
        headers: { ...editorA, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${'x'.repeat(100)}=1`,
      })
      assert.equal(bad.statusCode, 404)
    })

    it('a tenant-wide editor and a coordinator reach every unit', async () => {
      const editor = await sessionOf('editor', null)
      const coordinator = await callerWithRole(db, scope.tenantId, 'coordinator')
      for (const headers of [editor, coordinator.session]) {
        for (const unitId of [unitA, unitB]) {
          assert.equal((await page(headers, unitId)).statusCode, 200)
          assert.equal((await post(headers, unitId, 'save')).statusCode, 303)
        }
      }
    })
  })
}
