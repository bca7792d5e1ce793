import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fromStoredMoney, minorDigits, toStoredMoney } from './money.js'

describe('money', () => {
  it('converts whole units to minor units exactly', () => {
    assert.deepEqual(toStoredMoney(11_971_565, 'SEK'), { amountMinor: 1_197_156_500, currency: 'SEK' })
    assert.deepEqual(toStoredMoney(0.01, 'EUR'), { amountMinor: 1, currency: 'EUR' })
    assert.deepEqual(toStoredMoney(0.29, 'SEK'), { amountMinor: 29, currency: 'SEK' })
    assert.deepEqual(toStoredMoney(2_600_000, 'EUR'), { amountMinor: 260_000_000, currency: 'EUR' })
    assert.deepEqual(toStoredMoney(-12.5, 'EUR'), { amountMinor: -1250, currency: 'EUR' })
    assert.deepEqual(toStoredMoney(1500, 'JPY'), { amountMinor: 1500, currency: 'JPY' })
  })
  it('refuses what cannot be stored exactly', () => {
    assert.throws(() => toStoredMoney(0.001, 'EUR'), { code: 'VALIDATION' })
    assert.throws(() => toStoredMoney(1e17, 'SEK'), { code: 'VALIDATION' })
    assert.throws(() => minorDigits('XYZW'), { code: 'VALIDATION' })
  })
  it('round-trips to whole units', () => {
    for (const [amount, currency] of [
      [11_971_565, 'SEK'],
      [0.01, 'EUR'],
      [123_456.78, 'EUR'],
    ] as const) {
      assert.deepEqual(fromStoredMoney(toStoredMoney(amount, currency)), { amount, currency })
    }
  })
})
