import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { periodYears, yearOf } from './facets.js'

describe('catalogue facets', () => {
  it('reads years from partial dates and bounds a period', () => {
    assert.equal(yearOf('2015-09'), 2015)
    assert.equal(yearOf(null), null)
    assert.deepEqual(periodYears('2019', '2021-06-30'), [2019, 2020, 2021])
    assert.deepEqual(periodYears(null, '2023'), [2023])
    assert.deepEqual(periodYears('2023', '2020'), [2023], 'an end before the start counts as the start year')
    assert.equal(periodYears('2015', '2105').length, 15, 'a typo does not add 90 years')
  })
})
