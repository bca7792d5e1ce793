import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPageFurniture } from './form-lines.js'
import { readGoals } from './goals.js'
import { splitName } from './names.js'
import { readProse } from './prose.js'

// Names as the Malmö forms write them (seed 004 and the committee forms).
describe('splitName', () => {
  const isProgramme = (t: string) => /^(ERUF|ESF)$/.test(t)
  const cases: [string, string, string | null][] = [
    [
      'UTSICT - Unga Talanger till Skånsk Industri för Cirkulär Tillväxt',
      'Unga Talanger till Skånsk Industri för Cirkulär Tillväxt',
      'UTSICT',
    ],
    ['Perfare – Kultur och hälsa', 'Kultur och hälsa', 'Perfare'],
    ['Cleancon II - Clean Construction Machinery II', 'Clean Construction Machinery II', 'Cleancon II'],
    [
      'Mikro-Koll: delad mikromobilitet & kollektivtrafik - samverkansprojekt för kunskap och agens',
      'delad mikromobilitet & kollektivtrafik - samverkansprojekt för kunskap och agens',
      'Mikro-Koll',
    ],
    [
      'Arcadia-TrAnsformative climate ResilienCe by nAture-baseD solutions',
      'TrAnsformative climate ResilienCe by nAture-baseD solutions',
      'Arcadia',
    ],
    [
      'SALT-Samverkan för attraktiva livsmedelsföretag i tillväxt.',
      'Samverkan för attraktiva livsmedelsföretag i tillväxt',
      'SALT',
    ],
    [
      'Resilient Water Innovation for Smart Economy (REWAISE)',
      'Resilient Water Innovation for Smart Economy',
      'REWAISE',
    ],
    ['SchoolFood4Change (SF4C)', 'SchoolFood4Change', 'SF4C'],
    [
      'BRAVE (Business Readiness Acceleration for innoVative Energy systems)',
      'Business Readiness Acceleration for innoVative Energy systems',
      'BRAVE',
    ],
    ['Digital kompetens för medarbetare/Digit', 'Digital kompetens för medarbetare', 'Digit'],
    [
      'Klimatomställning Malmö - Processledning och innovation',
      'Klimatomställning Malmö - Processledning och innovation',
      null,
    ],
    ['Erasmus-Ackreditering-2024 Projekt 8680', 'Erasmus-Ackreditering-2024 Projekt 8680', null],
    ['2 024 -KA121-VET-000111396', '2024-KA121-VET-000111396', null],
    ['M.-STEM', 'M.-STEM', null],
    ['ERUF - Resurshubben i Malmö', 'Resurshubben i Malmö', null],
  ]
  for (const [raw, name, acronym] of cases) {
    it(`splits ${JSON.stringify(raw)}`, () => {
      const r = splitName(raw, isProgramme)
      assert.equal(r.name, name)
      assert.equal(r.acronym, acronym)
    })
  }
})

describe('readGoals', () => {
  const cases: [string, string[]][] = [
    [
      '1. En stad med goda uppväxtvillkor för\nbarn och unga',
      ['En stad med goda uppväxtvillkor för barn och unga'],
    ],
    [
      '2. En attraktiv stad för arbete och hållbar\ntillväxt;\n4. En mer jämlik stad',
      ['En attraktiv stad för arbete och hållbar tillväxt', 'En mer jämlik stad'],
    ],
    [
      'Utbildning och arbete, Stadsutveckling och\nklimat, Trygghet och delaktighet',
      ['Utbildning och arbete', 'Stadsutveckling och klimat', 'Trygghet och delaktighet'],
    ],
    [
      'En stad med goda uppväxtvillkor för barn\noch unga och en god organisation',
      ['En stad med goda uppväxtvillkor för barn och unga', 'en god organisation'],
    ],
    [
      'En attraktiv stad för arbete och hållbar\ntillväxt, en grön stad som leder\nklimatomställningen',
      ['En attraktiv stad för arbete och hållbar tillväxt', 'en grön stad som leder klimatomställningen'],
    ],
    [
      'Kommunfullmäktigemål - Malmö är en\nföregångare när det gäller minskade\nutsläpp av växthusgaser och är en\nklimatneutral stad 2030',
      [
        'Malmö är en föregångare när det gäller minskade utsläpp av växthusgaser och är en klimatneutral stad 2030',
      ],
    ],
    ['Målområde: En jämlik stad', ['En jämlik stad']],
    ['En mer jämlik stad\nEn god organisation', ['En mer jämlik stad', 'En god organisation']],
    ['-', []],
  ]
  for (const [answer, goals] of cases) {
    it(`reads ${JSON.stringify(answer)}`, () => {
      assert.deepEqual(readGoals(answer).goals, goals)
    })
  }
})

describe('readProse', () => {
  const ctx = { organisation: 'Malmö stad', role: 'partner' as const, projectNames: ['SALT'] }
  const cases: [string, string | null, string[]][] = [
    [
      'Projektet Hållbara övergångar för unga i riskzon drivs av grundskoleförvaltningen. Arbetsmarknads- och socialförvaltningen ingår som projektpartner tillsammans med gymnasie- och vuxenutbildningsförvaltningen.',
      'Grundskoleförvaltningen',
      [
        'Grundskoleförvaltningen',
        'Arbetsmarknads- och socialförvaltningen',
        'Gymnasie- och vuxenutbildningsförvaltningen',
      ],
    ],
    [
      'Projektägare för projektet Starkare är Furuboda folkhögskola. Arbetsmarknads- och socialförvaltningen ingår som projektpartner tillsammans med Försäkringskassan.',
      'Furuboda folkhögskola',
      ['Furuboda folkhögskola', 'Arbetsmarknads- och socialförvaltningen', 'Försäkringskassan'],
    ],
    [
      'SALT genomförs av Malmö stad, Livsmedelsakademin, IUC Syd och Trelleborgs kommun samt med stöd av Region Skåne.',
      null,
      ['Livsmedelsakademin', 'IUC Syd', 'Trelleborgs kommun'],
    ],
    [
      'Grundskoleförvaltningen är partner i projektet tillsammans med: Portugal, Spanien, Rumänien där Frankrike är projektets huvudkoordinator.',
      null,
      ['Grundskoleförvaltningen'],
    ],
    [
      'Projektet har genomförts i nära samverkan mellan förvaltningar, skolor, fritidsgårdar, Kulturskolan och lokala föreningar.',
      null,
      [],
    ],
    [
      'Region Skåne är lead partner. Övriga partners är Lunds kommun, Region Halland och Aalborg Kommune.',
      'Region Skåne',
      ['Region Skåne', 'Lunds kommun', 'Region Halland', 'Aalborg Kommune'],
    ],
    [
      'Partners: Helsingborgs stad och Trelleborgs kommun.',
      null,
      ['Helsingborgs stad', 'Trelleborgs kommun'],
    ],
  ]
  for (const [text, lead, partners] of cases) {
    it(`reads ${JSON.stringify(text.slice(0, 50))}…`, () => {
      const r = readProse([text], ctx)
      assert.equal(r.leadPartner, lead)
      assert.deepEqual(
        r.partners.map((p) => p.name),
        partners,
      )
    })
  }
  it('reads the web address and an ended project', () => {
    const r = readProse(['Projektet avslutades 2025.', 'https://www.sbhub.se/power-bio'], ctx)
    assert.equal(r.website, 'https://www.sbhub.se/power-bio')
    assert.equal(r.status, 'completed')
  })
})

describe('isPageFurniture', () => {
  it('tells a running footer from text', () => {
    assert.equal(isPageFurniture('Redovisning av internationellt arbete 2025 86(119)'), true)
    assert.equal(isPageFurniture('Sida 3 av 12'), true)
    assert.equal(isPageFurniture('Projektet har 12 (tolv) deltagare och pågår till 2026.'), false)
  })
})
