import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseRole, roleFromStatement } from './roles.js'

describe('parseRole', () => {
  const cases: [string, 'lead' | 'partner' | null][] = [
    ['Projektägare', 'lead'],
    ['Projektpartner', 'partner'],
    ['Lead Partner', 'lead'],
    ['Lead partner: Hässleholm Municipality', 'lead'],
    ['ledande partner', 'lead'],
    ['Koordinator', 'lead'],
    ['Partner', 'partner'],
    ['Beskriv förvaltningens roll: projektägare eller projektpartner.', null],
    ['Vet ej', null],
  ]
  for (const [text, role] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(parseRole(text), role))
  }
})

describe('roleFromStatement', () => {
  const cases: [string, string, 'lead' | 'partner' | null][] = [
    ['Region Skåne koordinerar GREAT, ett projekt som samfinansieras av …', 'Region Skåne', 'lead'],
    [
      'Region Skåne is managing the project that is financed by the European Social Fund.',
      'Region Skåne',
      'lead',
    ],
    ['Region Skåne deltar i projektet tillsammans med …', 'Region Skåne', 'partner'],
    ['Lead partner: Hässleholm Municipality', 'Hässleholm Municipality', 'lead'],
    ['Region Skåne har sökt och fått stödfinansiering från Tillväxtverket', 'Region Skåne', 'lead'],
    ['Berlin-Brandenburg är huvudansvarig', 'Region Skåne', null],
    ['Hässleholms kommun blev beviljade ekonomiskt stöd för ett projekt', 'Hässleholms kommun', 'lead'],
  ]
  for (const [text, org, role] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(roleFromStatement(text, org), role))
  }
})
