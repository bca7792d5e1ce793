import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countryCode } from './countries.js'

describe('countryCode', () => {
  const cases: [string, string | null][] = [
    ['(Österrike)', 'AT'],
    ['Italien', 'IT'],
    ['Ungern', 'HU'],
    ['Tjeckien', 'CZ'],
    ['Tyskland', 'DE'],
    ['Litauen', 'LT'],
    ['Germany', 'DE'],
    ['Danmark', 'DK'],
    ['ITA', 'IT'],
    ['NLD', 'NL'],
    ['DEU', 'DE'],
    [', FI', 'FI'],
    ['UK', 'GB'],
    ['EL', 'GR'],
    ['Svenska', 'SE'],
    ['Danska', 'DK'],
    ['it', null],
    ['Region Skåne', null],
    ['XQ', null],
    ['', null],
  ]
  for (const [text, code] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(countryCode(text), code))
  }
})
