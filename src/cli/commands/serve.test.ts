import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ValidationError } from '../../shared/errors.js'
import { MAX_WORKERS, parseWorkers } from './serve.js'

describe('parseWorkers', () => {
  const cases: ReadonlyArray<[string | undefined, number, number]> = [
    [undefined, 8, 1],
    ['1', 8, 1],
    ['2', 8, 2],
    ['auto', 2, 2],
    ['auto', 1, 1],
    ['auto', 500, MAX_WORKERS],
    [String(MAX_WORKERS), 2, MAX_WORKERS],
  ]
  for (const [value, cpus, expected] of cases) {
    it(`${value ?? '(none)'} with ${cpus} CPUs → ${expected}`, () => {
      assert.equal(parseWorkers(value, cpus), expected)
    })
  }
  for (const bad of ['0', '-1', '1.5', 'two', '', '65', 'Auto']) {
    it(`refuses "${bad}", naming the option`, () => {
      assert.throws(
        () => parseWorkers(bad, 2),
        (e: unknown) => e instanceof ValidationError && e.field === 'workers',
      )
    })
  }
})
