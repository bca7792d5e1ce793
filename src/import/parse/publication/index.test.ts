import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toLines } from '../../extract/text.js'
import type { SourceDocument } from '../../source-document.js'
import { looksLikePublication, readPublication } from './index.js'

// Two stories in the layout of a programme brochure, with the columns interleaved as text
// extraction leaves them: facts of a story may come before or after its prose.
const TEXT = `Programme highlights

GREENHARBOUR
Green Ports for Small Harbour Towns
“Our harbours became
places to meet.”
Project webpage

LINK

Small harbour towns around the Baltic turned
their waterfronts into public spaces, with new
jetties and seasonal markets.
Later the towns shared their plans.

Area
• Denmark - Sjælland
• Sweden - Sydsverige

Budget
Total Budget: 1 200 000 €
EU Contribution: 1 500 000 €

Partners
•
•

Municipality of Køge (Lead partner), DK
Trelleborgs kommun, SE
Association of Harbour Towns of the Southern
Baltic, PL
involved areas

P. 04

BALTCARE
“Care that travels.”
Project webpage
LINK
Area
• Finland - Etelä-Suomi
Nurses from three countries compared how home care is organised in rural areas.
Total Budget: 2 2213 206 €
EU Contribution: 800 000 €
Partners
• University of Turku (Lead
partner), FI
• Tallinn Health College, EE
`

function doc(text: string): SourceDocument {
  return {
    name: 'brochure.txt',
    mediaType: 'text/plain',
    sha256: '',
    bytes: text.length,
    lines: toLines(text),
  }
}

describe('readPublication', () => {
  it('recognises a publication by its budget facts', () => {
    assert.equal(looksLikePublication(doc(TEXT)), true)
    assert.equal(looksLikePublication(doc('Total Budget: 1 €\nEU Contribution: 1 €\n')), false)
    const page =
      'Projekt A\nTotal budget: 800 000 kr\nEU-bidrag: 400 000 kr\nProjekt B\nTotal budget: 1 000 000 kr\nEU-bidrag: 500 000 kr\n'
    assert.equal(looksLikePublication(doc(page)), false)
  })

  it('reads one record per story, with facts from anywhere in the story', () => {
    const [a, b, ...rest] = readPublication(doc(TEXT))
    assert.equal(rest.length, 0)
    assert.equal(a?.name, 'Green Ports for Small Harbour Towns')
    assert.equal(a?.acronym, 'GREENHARBOUR')
    assert.deepEqual(a?.source, { document: 'brochure.txt', page: null, line: 3 })
    assert.deepEqual(a?.areas, ['Denmark - Sjælland', 'Sweden - Sydsverige'])
    assert.deepEqual(a?.totalBudget, { amount: 1200000, currency: 'EUR' })
    assert.equal(a?.leadPartner, 'Municipality of Køge')
    assert.deepEqual(a?.partners, [
      { name: 'Municipality of Køge', country: 'DK' },
      { name: 'Trelleborgs kommun', country: 'SE' },
      { name: 'Association of Harbour Towns of the Southern Baltic', country: 'PL' },
    ])
    assert.equal(
      a?.summary,
      'Small harbour towns around the Baltic turned their waterfronts into public spaces, with new jetties and seasonal markets.',
    )
    assert.ok(a?.issues.some((i) => /above the total budget/.test(i)))
    assert.equal(a?.organisation, null)
    assert.equal(a?.role, null)

    assert.equal(b?.name, 'BALTCARE')
    assert.equal(b?.acronym, null)
    assert.equal(b?.totalBudget, null)
    assert.ok(b?.issues.some((i) => /cannot be read/.test(i)))
    assert.equal(b?.leadPartner, 'University of Turku')
    assert.deepEqual(
      b?.partners.map((p) => p.country),
      ['FI', 'EE'],
    )
  })
})
