import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Principal, roleIn, tenantsOf } from './account.js'
import { hashPassword, verifyPassword } from './password.js'
import { ROLES, roleAtLeast } from './role.js'
import { hashSecret, newSecret, sameSecret } from './secret.js'
import { normaliseEmail } from './user.service.js'

const base: Principal = {
  userId: 1,
  email: 'a@example.se',
  via: 'session',
  roles: [
    { tenantId: 1, unitId: null, role: 'coordinator' },
    { tenantId: 2, unitId: 7, role: 'viewer' },
  ],
}

describe('roles', () => {
  it('orders viewer < editor < coordinator < admin', () => {
    const table = ROLES.flatMap((have) => ROLES.map((need) => [have, need, roleAtLeast(have, need)] as const))
    for (const [have, need, ok] of table) {
      assert.equal(ok, ROLES.indexOf(have) >= ROLES.indexOf(need), `${have} vs ${need}`)
    }
  })

  it('caps a principal by its token: its tenant only, a read token as viewer', () => {
    assert.equal(roleIn(base, 1), 'coordinator')
    assert.equal(roleIn(base, 3), null)
    const write: Principal = { ...base, via: 'token', token: { id: 1, tenantId: 1, scope: 'write' } }
    assert.equal(roleIn(write, 1), 'coordinator')
    assert.equal(roleIn(write, 2), null, 'a token works in its own tenant only')
    assert.deepEqual(tenantsOf(write), [1])
    const read: Principal = { ...write, token: { id: 1, tenantId: 1, scope: 'read' } }
    assert.equal(roleIn(read, 1), 'viewer')
  })
})

describe('secrets and passwords', () => {
  it('makes distinct 256-bit secrets and stores only their hash', () => {
    const a = newSecret('pat_')
    assert.match(a, /^pat_[\w-]{43}$/)
    assert.notEqual(a, newSecret('pat_'))
    assert.match(hashSecret(a), /^[0-9a-f]{64}$/)
    assert.ok(sameSecret(a, a))
    assert.ok(!sameSecret(a, `${a}x`))
  })

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('ett långt lösenord')
    assert.match(hash, /^\$argon2id\$/)
    assert.ok(await verifyPassword(hash, 'ett långt lösenord'))
    assert.ok(!(await verifyPassword(hash, 'ett annat lösenord')))
    assert.ok(!(await verifyPassword('not a hash', 'x')))
    await assert.rejects(hashPassword('kort'), { code: 'VALIDATION' })
  })

  it('normalises e-mail addresses and refuses what is not one', () => {
    assert.equal(normaliseEmail('  Anna@Kommun.SE '), 'anna@kommun.se')
    for (const bad of ['', 'anna', 'a b@c.se', '@x']) {
      assert.throws(() => normaliseEmail(bad), { code: 'VALIDATION' }, bad)
    }
  })
})
