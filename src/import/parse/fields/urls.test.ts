import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findUrls, parseUrl } from './urls.js'

describe('parseUrl', () => {
  const cases: [string, string | null][] = [
    ['Webbplats: http://www.scandtick.com', 'http://www.scandtick.com'],
    ['Webb: Interregeurope.eu/clusterix2/ ', 'Interregeurope.eu/clusterix2/'],
    ['Webb: Great-region.org', 'Great-region.org'],
    ['Webb: Baltic.org/project/bsr-stars-s3', 'Baltic.org/project/bsr-stars-s3'],
    ['Se www.malmo.se/eu.', 'www.malmo.se/eu'],
    ['Full info om medfinansiärer: https://theeuropechallenge.eu/', 'https://theeuropechallenge.eu/'],
    ['Näringslivsavdelningen, naringsliv@hassleholm.se', null],
    ['Webb:', null],
    ['EUR 1.87 M', null],
    ['Consorzio Sol.Co. Rete di Imprese', null],
  ]
  for (const [text, url] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(parseUrl(text), url))
  }
  it('finds every address', () => {
    assert.deepEqual(findUrls('Ideon.se och Lu.se'), ['Ideon.se', 'Lu.se'])
  })
})
