import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fold, normaliseDashes, squash } from './fold.js'

describe('fold', () => {
  const cases: [string, string][] = [
    ['Interreg ØKS (Öresund–Kattegat)', 'interreg oks oresund kattegat'],
    ['Æble Straße', 'aeble strasse'],
    ['Hello, World!', 'hello world'],
    ['  Europeiska Socialfonden+, A2 ', 'europeiska socialfonden+ a2'],
    ['ÅÄÖ åäö é ü', 'aao aao e u'],
    ['', ''],
  ]
  for (const [text, folded] of cases) {
    it(`folds ${JSON.stringify(text)}`, () => {
      assert.equal(fold(text), folded)
      // a second call answers from the memo, with the same result
      assert.equal(fold(text), folded)
    })
  }
})

describe('normaliseDashes and squash', () => {
  it('folds dashes and hard spaces, and collapses white space', () => {
    assert.equal(normaliseDashes('2015\u20132019\u00a0kr'), '2015-2019 kr')
    assert.equal(squash('  a \n\t b  '), 'a b')
  })
})
