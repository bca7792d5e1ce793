import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkPartialDate, checkPeriod } from './partial-date.js'

describe('checkPartialDate', () => {
  for (const ok of ['2015', '2015-09', '2015-09-01', '2024-02-29', null, undefined]) {
    it(`accepts ${ok}`, () => checkPartialDate(ok, 'start'))
  }
  for (const bad of ['2015-13', '2015-00', '2023-02-29', '2015-9', '15', '2015-09-31']) {
    it(`refuses ${bad}`, () =>
      assert.throws(() => checkPartialDate(bad, 'start'), { code: 'VALIDATION', field: 'start' }))
  }
})

describe('checkPeriod', () => {
  it('compares at the shared precision', () => {
    checkPeriod('2015', '2015-03-01', 'end')
    checkPeriod('2015-09', '2016', 'end')
    assert.throws(() => checkPeriod('2016', '2015-12', 'end'), { field: 'end' })
    assert.throws(() => checkPeriod('2015-09-02', '2015-09-01', 'end'), { field: 'end' })
  })
})
