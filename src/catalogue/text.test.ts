import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  fts5Match,
  indexStems,
  indexWords,
  queryGroups,
  sortKey,
  stem,
  titleScorer,
  variants,
  words,
} from './text.js'

describe('catalogue text analysis', () => {
  it('splits into lower-case words and keeps å, ä, ö as letters', () => {
    assert.deepEqual(words('ÅRETS Hållbara Städer i MALMÖ, 2023!'), [
      'årets',
      'hållbara',
      'städer',
      'i',
      'malmö',
      '2023',
    ])
    assert.notEqual(stem('malmö'), stem('malmo'))
  })

  it('adds the form without the definite -et so "projektet" meets "projekt"', () => {
    assert.deepEqual(variants('projektet'), ['projektet', 'projekt'])
    assert.deepEqual(variants('projektets'), ['projektets', 'projekt'])
    assert.deepEqual(variants('paket'), ['paket'], 'short words keep their ending')
    assert.ok(
      indexStems(indexWords(['Projektet']))
        .split(' ')
        .includes(stem('projekt')),
    )
  })

  it('drops stop words and duplicates from queries and bounds their length', () => {
    assert.deepEqual(queryGroups('projekt och projekt i Malmö'), [['projekt'], ['malmö']])
    assert.equal(queryGroups('a b c d e f g h i j k l m n o p').length, 12)
    assert.deepEqual(queryGroups('och i att'), [])
  })

  it('quotes every stem so no input is FTS5 syntax', () => {
    const match = fts5Match(queryGroups('NEAR(x y) OR "z" *'))
    assert.equal(match, '{stems} : ("near" AND "x" AND "y" AND "or" AND "z")')
    assert.equal(fts5Match([]), '')
  })

  it('matches filter tokens in the tags column: OR within a facet, AND across facets', () => {
    assert.equal(
      fts5Match([['energi']], [['v3', 'v4'], ['v9']]),
      '{stems} : ("energi") AND {tags} : (("v3" OR "v4") AND "v9")',
    )
    assert.equal(fts5Match([], [['t5']]), '{tags} : ("t5")')
  })

  it('sorts names A–Ö byte-wise: accents folded, Å Ä Ö after Z', () => {
    const names = ['Örebro', 'Zürich', 'Åsa', 'Ängel', 'Élan', 'Eva', 'alfa']
    const sorted = [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
    assert.deepEqual(sorted, ['alfa', 'Élan', 'Eva', 'Zürich', 'Åsa', 'Ängel', 'Örebro'])
  })

  it('scores a title by the query groups it holds', () => {
    const score = titleScorer(queryGroups('hållbar turism Skåne'))
    assert.equal(score(indexStems(indexWords(['Hållbar turism i Skåne']))), 3)
    assert.equal(score(indexStems(indexWords(['Turism och kultur']))), 1)
    assert.equal(score(''), 0)
  })
})
