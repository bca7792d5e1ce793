import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FastifyRequest } from 'fastify'
import { clientHasCurrent, weakEtag } from './etag.js'

const asking = (ifNoneMatch?: string) =>
  ({ headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }) as FastifyRequest

describe('weakEtag', () => {
  it('is weak, stable for equal parts and different for different ones', () => {
    const tag = weakEtag(['a', 'b'])
    assert.match(tag, /^W\/"[A-Za-z0-9_-]+"$/)
    assert.equal(weakEtag(['a', 'b']), tag)
    assert.notEqual(weakEtag(['ab']), tag)
    assert.notEqual(weakEtag(['a', 'bc']), weakEtag(['ab', 'c']))
  })
})

describe('clientHasCurrent (If-None-Match, weak comparison)', () => {
  const tag = weakEtag(['x'])
  const opaque = tag.slice(2)
  const cases: ReadonlyArray<[string | undefined, boolean]> = [
    [undefined, false],
    [tag, true],
    [opaque, true],
    [`W/"other", ${tag}`, true],
    ['*', true],
    ['W/"other"', false],
    ['', false],
  ]
  for (const [header, expected] of cases) {
    it(`${header ?? '(none)'} → ${expected}`, () => {
      assert.equal(clientHasCurrent(asking(header), tag), expected)
    })
  }
})
