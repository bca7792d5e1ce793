import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { labelKind, labelValue, pageLines } from './lines.js'
import { flowKind, headingStatus, isSectionHeading, isTitleShaped, segment } from './segment.js'
import { seedDocument, sharedDir, textDocument } from './test-helpers.js'

const shared = sharedDir()
const skip = shared === null ? 'needs ../shared/seeds beside the repository' : false

describe('segment on the seeds', () => {
  const cases: readonly [string, string, number[]][] = [
    [
      '001_dedbdf052308ff63.txt',
      'outline',
      [
        10, 29, 47, 54, 75, 99, 118, 139, 177, 198, 219, 237, 249, 261, 275, 295, 321, 331, 359, 369, 405,
        422, 465, 490, 509, 538, 549, 565,
      ],
    ],
    ['000_54173b202783afc2.txt', 'flow', [3, 65, 179, 198, 220, 238, 261, 279, 298, 323, 351, 374, 395, 418]],
    ['002_b20c6c70555887fc.txt', 'headings', [21, 32, 44, 59, 71, 83, 91, 99, 109, 129, 135]],
  ]
  for (const [file, shape, starts] of cases) {
    it(`${file} is a ${shape} page with blocks at lines ${starts.slice(0, 4).join(', ')} …`, { skip }, () => {
      const lines = pageLines(seedDocument(shared ?? '', file))
      const seg = segment(lines)
      assert.equal(seg.shape, shape)
      assert.deepEqual(
        seg.blocks.map((b) => lines[b.start]?.line),
        starts,
      )
    })
  }
})

describe('segment on seeds that lost their layout', () => {
  it('reads an outline page whose indentation was stripped', { skip }, () => {
    const doc = seedDocument(shared ?? '', '001_dedbdf052308ff63.txt')
    const flat = { ...doc, lines: doc.lines.map((l) => ({ ...l, text: l.text.trimStart() })) }
    const lines = pageLines(flat)
    const seg = segment(lines)
    assert.equal(seg.blocks.length, 28)
    assert.deepEqual(
      [seg.blocks[0]?.theme, seg.blocks[13]?.theme, seg.blocks[27]?.theme],
      ['Hälso- och sjukvårdsutveckling', 'Miljö och klimat', 'Samhällsplanering'],
    )
  })
  it('reads a headings page whose blank lines were dropped', { skip }, () => {
    const doc = seedDocument(shared ?? '', '002_b20c6c70555887fc.txt')
    const dense = { ...doc, lines: doc.lines.filter((l) => l.text.trim() !== '') }
    const seg = segment(pageLines(dense))
    assert.equal(seg.shape, 'headings')
    assert.equal(seg.blocks.filter((b) => b.kind === 'project').length, 9)
  })
})

describe('segment on small pages', () => {
  it('files projects under status headings and keeps networks apart', () => {
    const lines = pageLines(
      textDocument(
        'p.txt',
        [
          'Pågående projekt',
          '',
          'Alfa',
          '',
          'Projektet bygger en ny cykelväg mellan två orter i kommunen.',
          '',
          'Avslutade projekt',
          '',
          'Beta',
          '',
          'Projektet utbildade personal i digitala verktyg under tre år.',
          '',
          'Internationella nätverk',
          '',
          'Eurocities',
          '',
          'Kommunen är medlem i nätverket Eurocities sedan 2015.',
        ].join('\n'),
      ),
    )
    const seg = segment(lines)
    assert.equal(seg.shape, 'headings')
    assert.deepEqual(
      seg.blocks.map((b) => [lines[b.start]?.text, b.headingStatus, b.kind]),
      [
        ['Alfa', 'ongoing', 'project'],
        ['Beta', 'completed', 'project'],
        ['Eurocities', null, 'network'],
      ],
    )
  })
})

describe('segment on a themed heading page', () => {
  it('takes a heading right above a project title for the theme', () => {
    const lines = pageLines(
      textDocument(
        't.txt',
        [
          'Miljö och klimat',
          '',
          'Gröna tak',
          '',
          'Projektet anlägger gröna tak på kommunens förskolor och mäter effekten.',
          '',
          'Läs mer (gronatak.se)',
          '',
          'Näringsliv',
          '',
          'Startlyftet',
          '',
          'Startlyftet ger nya företagare rådgivning och ett nätverk under första året.',
        ].join('\n'),
      ),
    )
    const seg = segment(lines)
    assert.deepEqual(
      seg.blocks.map((b) => [lines[b.start]?.text, b.theme]),
      [
        ['Gröna tak', 'Miljö och klimat'],
        ['Startlyftet', 'Näringsliv'],
      ],
    )
  })
})

describe('line helpers', () => {
  const labels: readonly [string, string | null][] = [
    ['Projektperiod: 2015-09-01--2018-08-31', 'period'],
    ['Projektperioden : 2023-01-01 – 2023-09-30', 'period'],
    ['Projecttime: September 2018- September 2020', 'period'],
    ['Finansieringskälla: Landsbygdsprogrammet', 'programme'],
    ['Lead partner: ASTER Stock Joint Consortium (ITA),', 'lead'],
    ['Övriga partners: Region Skåne, Krinova', 'partners'],
    ['Svenska partners:', 'partners'],
    ['Aktörer: Region Skåne, Krinova', 'partners'],
    ['Webbsida: Baltic Smart City Areas', 'website'],
    ['ERDF-medel: EUR 1,39 miljoner', 'eu'],
    ['Location / Dates: The event took place in Ipswich', 'eventDetail'],
    ['Region Skåne koordinerar GREAT, ett projekt som samfinansieras', null],
    ['Projektets löptid: 2019–2022', 'period'],
    ['Medverkande organisationer: Åsby kommun, Lövhamns kommun', 'partners'],
    ['Varav EU-medel: 1,2 mkr', 'eu'],
    ['Total projektbudget: 2,4 mkr', 'budget'],
    ['Projektets webbplats: www.example.se', 'website'],
    ['Lead beneficiary: City of Turku', 'lead'],
    ['Finansiär: Tillväxtverket', 'programme'],
  ]
  for (const [text, kind] of labels) {
    it(`labels ${JSON.stringify(text)}`, () => {
      const lv = labelValue(text)
      assert.equal(lv ? labelKind(lv.label) : null, kind)
    })
  }
  it('tells headings from sentences and fact lines', () => {
    assert.equal(isTitleShaped('Förstudie Banvallsleden'), true)
    assert.equal(isTitleShaped('Projektet avslutades 2020-06-30'), false)
    assert.equal(isTitleShaped('Här kan du läsa mer om Leader Linné Småland'), false)
    assert.equal(isTitleShaped('Sweden, 3 representatives'), false)
    assert.equal(isTitleShaped('Event 1: Cambridge, England October 17th and 18th, 2018'), false)
    assert.equal(headingStatus('Avslutade projekt'), 'completed')
    assert.equal(headingStatus('Pågående projekt'), 'ongoing')
    assert.equal(isSectionHeading('Internationella samarbeten och nätverk'), true)
    assert.equal(isSectionHeading('Förstudie Banvallsleden'), false)
  })
  it('classifies flow-page lines', () => {
    const kind = (text: string) =>
      flowKind({ line: 1, page: null, text, indent: 0, bullet: false, blank: false })
    assert.equal(kind('Projektet avslutades 2023-08-31.'), 'fact')
    assert.equal(kind('Europeiska socialfonden.'), 'fact')
    assert.equal(kind('Alice Agnéus, näringslivsutvecklare'), 'fact')
    assert.equal(kind('2 700 000 kr'), 'fact')
    assert.equal(kind('Event 3: Catoira, Spain the June 18th to 20th 2019'), 'event')
    assert.equal(kind('Short description: The aim was to discuss health and integration.'), 'detail')
    assert.equal(
      kind('Förstudien syftade till att kartlägga vilka kompetensförsörjningsbehov företagen har.'),
      'desc',
    )
  })
})
