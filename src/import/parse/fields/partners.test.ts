import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePartner, parsePartnerList } from './partners.js'

const names = (list: { name: string; country: string | null }[]) => list.map((p) => [p.name, p.country])

describe('parsePartner', () => {
  const cases: [string, string, string | null, boolean][] = [
    [
      'ecoplus – The Business Agency of Lower Austria (Österrike)',
      'ecoplus - The Business Agency of Lower Austria',
      'AT',
      false,
    ],
    ['ASTER Stock Joint Consortium (ITA),', 'ASTER Stock Joint Consortium', 'IT', false],
    ['Tampere Region Martat (Lead partner), FI', 'Tampere Region Martat', 'FI', true],
    [
      '• Consorzio Emmanuel Società Cooperativa Sociale Onlus, IT',
      'Consorzio Emmanuel Società Cooperativa Sociale Onlus',
      'IT',
      false,
    ],
    ['EGTC - Euroregio Without Borders, IT, AT', 'EGTC - Euroregio Without Borders', 'IT', false],
    [
      'Institute of Geography, University of Innsbruck , AT',
      'Institute of Geography, University of Innsbruck',
      'AT',
      false,
    ],
    ['Ballerup (ledande partner)', 'Ballerup', null, true],
    ['Innovation Skåne (projektledare)', 'Innovation Skåne', null, false],
    [
      'Flemish Government, Department Economy, Science and Innovation (EWI) (BE)',
      'Flemish Government, Department Economy, Science and Innovation (EWI)',
      'BE',
      false,
    ],
    ['Scottish Enterprise (UK)', 'Scottish Enterprise', 'GB', false],
    [
      'Region Skåne: Skånes Universitetssjukhus (Reproduktionsmedicinskt Centrum)',
      'Region Skåne: Skånes Universitetssjukhus (Reproduktionsmedicinskt Centrum)',
      null,
      false,
    ],
  ]
  for (const [text, name, country, isLead] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parsePartner(text), { name, country, isLead })
    })
  }
  it('gives null for an empty entry', () => {
    assert.equal(parsePartner(' • '), null)
  })
})

describe('parsePartnerList', () => {
  it('reads a comma list with och and Swedish country names', () => {
    const r = parsePartnerList(
      'Övriga partners: Region Skåne, TIS Techno Innovation South Tyrol (Italien), West-Pannon Regional and Economic Development Public Nonprofit Ltd. (Ungern), Enterprise Flanders (Belgien), North-East Regional Development Agency (Rumänien).',
    )
    assert.deepEqual(names(r), [
      ['Region Skåne', null],
      ['TIS Techno Innovation South Tyrol', 'IT'],
      ['West-Pannon Regional and Economic Development Public Nonprofit Ltd.', 'HU'],
      ['Enterprise Flanders', 'BE'],
      ['North-East Regional Development Agency', 'RO'],
    ])
  })
  it('reads ISO-3 codes and a final och', () => {
    const r = parsePartnerList(
      'Andra partners: Region Skåne, Brainport Development (NLD), Tartu City Government (EST), Brno Univeristy of Technology (CZE) och Chemnitz University of Technology (DEU).',
    )
    assert.deepEqual(names(r), [
      ['Region Skåne', null],
      ['Brainport Development', 'NL'],
      ['Tartu City Government', 'EE'],
      ['Brno Univeristy of Technology', 'CZ'],
      ['Chemnitz University of Technology', 'DE'],
    ])
  })
  it('splits on semicolons only when the list uses them', () => {
    const r = parsePartnerList(
      'Övriga partners: Flemish Government, Department Economy, Science and Innovation (EWI) (BE); Basque Government (ES); Scottish Enterprise (UK).',
    )
    assert.deepEqual(names(r), [
      ['Flemish Government, Department Economy, Science and Innovation (EWI)', 'BE'],
      ['Basque Government', 'ES'],
      ['Scottish Enterprise', 'GB'],
    ])
  })
  it('keeps groups that share a noun and compounds with a hyphen', () => {
    const r = parsePartnerList(
      '4 avdelningar inom Lunds universitet, Region Skåne: Skånes Universitetssjukhus (Reproduktionsmedicinskt Centrum), Herlev och Gentofte Hospitaler, Bispebjerg, Hvidovre och Holbaek Sjukhus samt tre avdelningar inom Rigshospitalet.',
    )
    assert.deepEqual(
      r.map((p) => p.name),
      [
        '4 avdelningar inom Lunds universitet',
        'Region Skåne: Skånes Universitetssjukhus (Reproduktionsmedicinskt Centrum)',
        'Herlev och Gentofte Hospitaler',
        'Bispebjerg, Hvidovre och Holbaek Sjukhus',
        'tre avdelningar inom Rigshospitalet',
      ],
    )
    assert.deepEqual(
      parsePartnerList(
        'Folkehelseinstituttet, Universitetet i Agder, Norges Miljø- och biovitenskaplige universitet.',
      ).map((p) => p.name),
      ['Folkehelseinstituttet', 'Universitetet i Agder', 'Norges Miljø- och biovitenskaplige universitet'],
    )
  })
  it('reads "Country: A och B" lines', () => {
    const r = parsePartnerList(
      'Sverige: EU-kontor Skåne Nordost\n\nTyskland: EUCC - The Coastal Union Germany\nPolen: Association of Polish Communes Euroregion och City of Gdynia - Gdynia Sports Centre\nLitauen: Public Institution Rietavas Tourism and Business Information Centre',
    )
    assert.deepEqual(names(r), [
      ['EU-kontor Skåne Nordost', 'SE'],
      ['EUCC - The Coastal Union Germany', 'DE'],
      ['Association of Polish Communes Euroregion', 'PL'],
      ['City of Gdynia - Gdynia Sports Centre', 'PL'],
      ['Public Institution Rietavas Tourism and Business Information Centre', 'LT'],
    ])
  })
  it('takes the country from an adjective heading or the default', () => {
    const r = parsePartnerList(
      'Danska partners: Albertslund, Ballerup (ledande partner), Gate 21 (projektledare)',
    )
    assert.deepEqual(names(r), [
      ['Albertslund', 'DK'],
      ['Ballerup', 'DK'],
      ['Gate 21', 'DK'],
    ])
    assert.equal(r[1]?.isLead, true)
    assert.deepEqual(names(parsePartnerList('Bjuv, Lunds universitet', { defaultCountry: 'SE' })), [
      ['Bjuv', 'SE'],
      ['Lunds universitet', 'SE'],
    ])
  })
  it('reads bullet lines with codes', () => {
    const r = parsePartnerList(
      '• City of Labin, HR\n• Municipality of Herceg Novi, ME\nTampere Region Martat (Lead partner), FI',
    )
    assert.deepEqual(names(r), [
      ['City of Labin', 'HR'],
      ['Municipality of Herceg Novi', 'ME'],
      ['Tampere Region Martat', 'FI'],
    ])
  })
})

describe('parsePartnerList with codes between entries', () => {
  it('attaches a lone code to the entry before it', () => {
    assert.deepEqual(names(parsePartnerList('Eisacktal/Valle Isarco, IT, Vinschgau/Val Venosta, IT')), [
      ['Eisacktal/Valle Isarco', 'IT'],
      ['Vinschgau/Val Venosta', 'IT'],
    ])
    assert.deepEqual(names(parsePartnerList('Institute of Geography, University of Innsbruck , AT')), [
      ['Institute of Geography, University of Innsbruck', 'AT'],
    ])
  })
})
