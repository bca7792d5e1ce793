import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canonicalProgramme, PROGRAMMES } from './programmes.js'

describe('canonicalProgramme', () => {
  // Programme answers as the seeds write them, with the project's start year.
  const cases: [string | null, number | null, string | null, boolean][] = [
    ['Europeiska socialfonden+, C1', 2023, 'ESF+', true],
    ['Europeiska Socialfonden+, A1A', 2025, 'ESF+', true],
    ['Europeiska Socialfonden (ESF)', 2023, 'ESF+', true],
    ['Europeiska socialfonden', 2009, 'ESF', true],
    ['Europeiska socialfonden', null, 'ESF', true],
    ['Europeiska unionen/Europeiska socialfonden', null, 'ESF', true],
    ['European Social Fund', null, 'ESF', true],
    ['Interreg ÖKS', 2015, 'Interreg Öresund-Kattegat-Skagerrak', true],
    ['Interreg ØKS (Öresund-Kattegat-Skagerrak)', 2023, 'Interreg Öresund-Kattegat-Skagerrak', true],
    ['Interreg Öresund', 2023, 'Interreg Öresund-Kattegat-Skagerrak', true],
    ['INTERREG Öresund', 2013, 'Interreg Öresund', true],
    ['Regionalt strukturfondsprogram för Skåne och Blekinge', null, 'ERDF', true],
    ['Det regionala strukturfondspartnerskapet', 2015, 'ERDF', true],
    ['ERUF – Utveckla färdigheter för smart specialisering', 2025, 'ERDF', true],
    ['Europeiska regionala utvecklingsfonden.', 2024, 'ERDF', true],
    ['Europeiska regionalfonden', 2024, 'ERDF', true],
    ['Leader Lag PH och Europeiska Jordbruksfonden för landsbygdsutveckling', 2018, 'EAFRD', true],
    ['Jordbruksverket och Leader LAG PH', null, 'EAFRD', true],
    ['Östersjöprogrammet', null, 'Interreg Baltic Sea Region', true],
    ['Interreg Östersjöregionen', 2016, 'Interreg Baltic Sea Region', true],
    ['Interreg North Sea Region', 2024, 'Interreg North Sea', true],
    ['Interreg europé', null, 'Interreg Europe', true],
    ['Urbact', 2023, 'URBACT', true],
    ['Horisont 2020', 2023, 'Horizon 2020', true],
    ['Horisont Europa', 2024, 'Horizon Europe', true],
    ['Erasmus+ KA121', 2023, 'Erasmus+', true],
    ['Erasmus', 2024, 'Erasmus+', true],
    ['Connecting Europe Facility', 2015, 'Connecting Europe Facility', true],
    ['Creative Europe Programme (CREA)', 2022, 'Creative Europe', true],
    ['Europe for Citizens programme', 2018, 'Europe for Citizens', true],
    ['EUI', 2024, 'European Urban Initiative', true],
    ['Climate KIC', 2025, 'EIT Climate-KIC', true],
    ['Driving Urban Transition', 2023, 'Driving Urban Transitions', true],
    ['Biodiversa+', 2024, 'Biodiversa+', true],
    ['Nordplus Junior', 2025, 'Nordplus', false],
    ['Köpenhamns Universitet', 2024, 'Köpenhamns Universitet', false],
    [
      'Tillväxtverkets utlysning Tillväxtskapande samhällsplanering 2018',
      2018,
      'Tillväxtskapande samhällsplanering',
      false,
    ],
    [
      'The Europe Challenge 2025/2026. Administreras av European Culture Foundation',
      2025,
      'The Europe Challenge 2025/2026',
      false,
    ],
    ['Interreg', 2019, 'Interreg', true],
    ['EU-medel via Tillväxtverket', 2019, 'EU-medel via Tillväxtverket', true],
    ['Vet ej', 2024, null, false],
    ['-', null, null, false],
    [null, null, null, false],
  ]
  for (const [raw, year, name, isEu] of cases) {
    it(`reads ${JSON.stringify(raw)} (${year})`, () => {
      const r = canonicalProgramme(raw, year)
      assert.equal(r.programme, name)
      assert.equal(r.isEu, isEu)
    })
  }
  it('says when the period changed the programme', () => {
    assert.match(canonicalProgramme('Europeiska socialfonden', 2023).issues[0] ?? '', /ESF\+/)
    assert.deepEqual(canonicalProgramme('Europeiska socialfonden+', 2023).issues, [])
  })
  it('has every canonical name of the spec, each once', () => {
    const names = PROGRAMMES.map((p) => p.name)
    assert.equal(new Set(names).size, names.length)
    for (const n of [
      'ESF',
      'ESF+',
      'ERDF',
      'EAFRD',
      'Interreg Öresund-Kattegat-Skagerrak',
      'Horizon Europe',
      'Nordplus',
    ]) {
      assert.ok(names.includes(n), n)
    }
  })
})
