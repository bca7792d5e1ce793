import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { ImportFormatError } from '../../shared/errors.js'
import { readListingNetworks, readListingPage } from '../parse/listing-page/index.js'
import { extractHtml, extractHtmlLines } from './html.js'

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/documents')
const fixture = (name: string): string => readFileSync(resolve(FIXTURES, name), 'utf8')

async function texts(html: string): Promise<string[]> {
  return (await extractHtmlLines(html, 'x.html')).map((l) => l.text)
}

describe('extractHtml: line shapes of a scraped page', () => {
  const cases: readonly [string, string, string[]][] = [
    [
      'headings and paragraphs stand alone, blank lines after them',
      '<body><h2>Pågående projekt</h2><h3>POTEnT</h3><p>Projekt POTEnT syftade till att stötta en energiomställning.</p><p>Finansieringskälla: Interreg europé</p></body>',
      [
        'Pågående projekt',
        '',
        'POTEnT',
        '',
        'Projekt POTEnT syftade till att stötta en energiomställning.',
        '',
        'Finansieringskälla: Interreg europé',
      ],
    ],
    [
      'nested list items are indented one space per level, their content one more',
      '<ul><li>Miljö och klimat<ul><li><h3>LIFE Coast Adapt</h3><p>Projektet syftar till att testa nya metoder.</p><p>Program: LIFE</p></li></ul></li></ul>',
      [
        ' • Miljö och klimat',
        '  • LIFE Coast Adapt',
        '   Projektet syftar till att testa nya metoder.',
        '',
        '   Program: LIFE',
      ],
    ],
    [
      'two-cell table rows become label–value lines, wider rows keep their cells',
      '<table><tr><th>Projektperiod</th><td>2015-2019</td></tr><tr><td>Budget:</td><td>983 878 kronor</td></tr><tr><td>A</td><td>B</td><td>C</td></tr></table>',
      ['Projektperiod: 2015-2019', 'Budget: 983 878 kronor', 'A | B | C'],
    ],
    [
      'line breaks split a paragraph, entities are decoded, white space squashed',
      '<p>Kontakt:<br>Erland   Björklund<br>Tel.&nbsp;072 - 233 09 80 &amp; mer</p>',
      ['Kontakt:', 'Erland Björklund', 'Tel. 072 - 233 09 80 & mer'],
    ],
    [
      'scripts, styles and navigation are dropped; main content wins over the page frame',
      '<html><head><style>p{}</style><script>var x = "<p>nej</p>"</script></head><body><nav><ul><li>Start</li></ul></nav><main><p>Innehåll som ska med.</p></main><footer><p>Sidfot</p></footer></body></html>',
      ['Innehåll som ska med.'],
    ],
    [
      'without a main element, the page frame (header, footer) is still dropped',
      '<body><header><p>Åsby kommun</p></header><div><h2>Projekt</h2><p>Text om projektet.</p></div><footer><p>Växel 0123-45 67 89</p></footer></body>',
      ['Projekt', '', 'Text om projektet.'],
    ],
    [
      'a page of one article per project is read whole',
      '<body><article><h2>Alfa</h2><p>Om Alfa.</p></article><article><h2>Beta</h2><p>Om Beta.</p></article></body>',
      ['Alfa', '', 'Om Alfa.', '', 'Beta', '', 'Om Beta.'],
    ],
    [
      'definition lists read as labels',
      '<dl><dt>Program</dt><dd>Erasmus+</dd><dt>Webb:</dt><dd>Example.se</dd></dl>',
      ['Program: Erasmus+', 'Webb: Example.se'],
    ],
  ]
  for (const [title, html, expected] of cases) {
    it(title, async () => {
      assert.deepEqual(await texts(html), expected)
    })
  }

  it('numbers lines from 1 and names the document', async () => {
    const doc = await extractHtml('<p>En rad.</p><p>En till.</p>', 'sida.html')
    assert.equal(doc.name, 'sida.html')
    assert.equal(doc.mediaType, 'text/html')
    assert.equal(doc.sha256.length, 64)
    assert.deepEqual(
      doc.lines.map((l) => [l.line, l.page]),
      [
        [1, null],
        [2, null],
        [3, null],
      ],
    )
  })

  it('reads a page nested thousands of levels deep without exhausting the stack', async () => {
    const n = 20_000
    const html = `<body>${'<div>'.repeat(n)}<p>Djupt inne.</p>${'</div>'.repeat(n)}</body>`
    assert.deepEqual(await texts(html), ['Djupt inne.'])
  })

  it('never throws anything but ImportFormatError on markup soup (property)', async () => {
    const TOKENS = [
      '<p>',
      '</p>',
      '<ul>',
      '<li>',
      '</li>',
      '</ul>',
      '<h2>',
      '</h2>',
      '<br>',
      '<table><tr><td>',
      '</td></tr></table>',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '&amp;',
      '&#xFFFF;',
      'Projektperiod: 2019-2021',
      'Text ',
      '<',
      '>',
      '"',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })), { maxLength: 60 }),
        async (parts) => {
          try {
            const doc = await extractHtml(parts.join(''), 'soppa.html')
            assert.ok(doc.lines.every((l, i) => l.line === i + 1))
          } catch (e) {
            assert.ok(e instanceof ImportFormatError, String(e))
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('refuses a page without text, naming the file', async () => {
    await assert.rejects(
      extractHtml('<html><body><script>x()</script></body></html>', 'tom.html'),
      (e: unknown) => {
        assert.ok(e instanceof ImportFormatError)
        assert.equal(e.file, 'tom.html')
        return true
      },
    )
  })
})

describe('HTML listing pages read end to end', () => {
  it('an outline page (themes holding projects)', async () => {
    const doc = await extractHtml(fixture('listing-page-outline.html'), 'listing-page-outline.html')
    const rs = readListingPage(doc)
    assert.deepEqual(
      rs.map((r) => [r.name, r.acronym, r.theme, r.status]),
      [
        ['Baltic Link for Urban Electromobility', 'BLUE', 'Kollektivtrafik', 'ongoing'],
        ['Pendla Smart', null, 'Kollektivtrafik', 'ongoing'],
        ['Baltic Link for Urban Electromobility', 'BLUE', 'Miljö och klimat', 'ongoing'],
      ],
    )
    const [blue, pendla, again] = rs
    assert.equal(blue?.organisation, 'Region Norrstrand')
    assert.deepEqual(
      [blue?.role, blue?.leadPartner, blue?.programme],
      ['lead', 'Region Norrstrand', 'Interreg Baltic Sea Region'],
    )
    assert.deepEqual(blue?.partners[1], { name: 'Klaipėda City Municipality', country: 'LT' })
    assert.deepEqual(blue?.contacts, [
      { name: 'Sara Lindqvist', title: 'Projektledare', phone: '0470-12 34 56', email: null },
    ])
    assert.equal(blue?.website, 'Blue-electromobility.eu')
    assert.deepEqual(
      [pendla?.role, pendla?.leadPartner, pendla?.end],
      ['partner', 'Norrstrands Trafikbolag AB', '2023-06'],
    )
    assert.ok(pendla?.issues.includes('invalid date 2023-06-31'))
    assert.ok(pendla?.issues.some((i) => i.startsWith('EU contribution 2400000 SEK above the total budget')))
    assert.ok(again?.issues.some((i) => i.startsWith('duplicate of record 1')))
    assert.equal(again?.source.line, doc.lines.find((l) => l.text.includes('BLUE') && l.line > 30)?.line)
  })

  it('labels in bold on a line of their own, the value under them', async () => {
    const html = [
      '<main><h1>EU-projekt</h1><p>Här hittar du Åsby kommuns pågående EU-projekt.</p>',
      '<h2>Vattenvägar</h2><p>Projektet restaurerar vattendrag och våtmarker i östra delen av kommunen.</p>',
      '<p><strong>Projektperiod</strong><br>2016-02-01 – 2019-12-31</p>',
      '<p><strong>Finansiering</strong><br>Landsbygdsprogrammet</p>',
      '<p><strong>Kontaktperson</strong><br>Per Ek, miljöstrateg<br>per.ek@asby.se</p>',
      '<h2>Skolbron</h2><p>Skolbron låter elever i två länder samarbeta kring naturvetenskap.</p>',
      '<p><strong>Projektperiod:</strong> 2021–2023</p><p><strong>Program:</strong> Erasmus+</p></main>',
    ].join('')
    const rs = readListingPage(await extractHtml(html, 'eu.html'))
    assert.deepEqual(
      rs.map((r) => [r.name, r.organisation, r.status, r.start, r.end, r.programme]),
      [
        ['Vattenvägar', 'Åsby kommun', 'ongoing', '2016-02-01', '2019-12-31', 'EAFRD'],
        ['Skolbron', 'Åsby kommun', 'ongoing', '2021', '2023', 'Erasmus+'],
      ],
    )
    assert.deepEqual(rs[0]?.contacts, [
      { name: 'Per Ek', title: 'miljöstrateg', phone: null, email: 'per.ek@asby.se' },
    ])
  })

  it('sub-headings that name a fact (Projekttid, Budget, Kontakt) with the value under them', async () => {
    const html = [
      '<main><h1>Avslutade projekt</h1>',
      '<p>Här kan du läsa om projekt som har avslutats inom Hässleholms kommuns EU-verksamhet.</p>',
      '<h2>InfoPoints</h2><p>InfoPoints syftade till bättre tillgänglighet och service till besökare.</p>',
      '<h3>Samarbetspartners</h3><p>Leader Lag PH</p>',
      '<h3>Budget</h3><p>Total budget för projektet var 983 878 kronor, varav 50 procent kom från Europeiska jordbruksfonden för landsbygdsutveckling.</p>',
      '<h3>Projekttid</h3><p>20180101 till 20200531</p>',
      '<h3>Finansiering</h3><p>Europeiska jordbruksfonden för landsbygdsutveckling</p>',
      '<h3>Kontakt</h3><p>Ida Flygare, projektledare</p>',
      '<h2>Hässleholm för mångfald</h2><p>Hässleholm för mångfald var ett kommunövergripande projekt.</p>',
      '<h3>Projekttid</h3><p>Projektet pågick från september 2009 till september 2012.</p>',
      '<h3>Finansiering</h3><p>Europeiska socialfonden.</p></main>',
    ].join('')
    const rs = readListingPage(await extractHtml(html, 'avslutade.html'))
    assert.deepEqual(
      rs.map((r) => [r.name, r.status, r.start, r.end, r.programme, r.organisation]),
      [
        ['InfoPoints', 'completed', '2018-01-01', '2020-05-31', 'EAFRD', 'Hässleholms kommun'],
        ['Hässleholm för mångfald', 'completed', '2009-09', '2012-09', 'ESF', 'Hässleholms kommun'],
      ],
    )
    assert.deepEqual(rs[0]?.euContribution, { amount: 491939, currency: 'SEK' })
    assert.deepEqual(rs[0]?.partners, [{ name: 'Leader Lag PH', country: null }])
    assert.deepEqual(rs[0]?.contacts, [
      { name: 'Ida Flygare', title: 'projektledare', phone: null, email: null },
    ])
  })

  it('a headings page (status sections, a table of facts, a networks section)', async () => {
    const doc = await extractHtml(fixture('listing-page-headings.html'), 'listing-page-headings.html')
    const rs = readListingPage(doc)
    assert.deepEqual(
      rs.map((r) => [r.name, r.acronym, r.status, r.programme, r.start, r.end]),
      [
        ['Gröna skolgårdar', null, 'ongoing', 'LIFE', '2023-03-01', '2026-02-28'],
        ['Lärande i Östersjöregionen', 'LÖR', 'completed', 'Erasmus+', null, null],
        ['Jobbvägen', null, 'completed', 'ESF', null, null],
      ],
    )
    assert.equal(rs[0]?.organisation, 'Exempelby kommun')
    assert.deepEqual(rs[0]?.totalBudget, { amount: 1200000, currency: 'EUR' })
    assert.ok(rs[0]?.issues.some((i) => i.startsWith('approximate amount')))
    assert.deepEqual(rs[1]?.contacts, [
      { name: 'Karin Ek', title: 'internationell samordnare', phone: null, email: 'karin.ek@exempelby.se' },
    ])
    assert.deepEqual(
      readListingNetworks(doc).map((n) => [n.name, n.since]),
      [['Borgmästaravtalet för klimat och energi', '2012']],
    )
  })
})
