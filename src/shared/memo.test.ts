import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { memoize } from './memo.js'

describe('memoize', () => {
  it('computes each argument once until the limit, then starts afresh', () => {
    const calls: string[] = []
    const upper = memoize((s: string) => {
      calls.push(s)
      return s.toUpperCase()
    }, 2)
    assert.deepEqual([upper('a'), upper('b'), upper('a'), upper('b')], ['A', 'B', 'A', 'B'])
    assert.deepEqual(calls, ['a', 'b'])
    assert.equal(upper('c'), 'C')
    assert.equal(upper('a'), 'A')
    assert.deepEqual(calls, ['a', 'b', 'c', 'a'])
  })
})
