import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseMoney } from './money.js'

describe('parseMoney', () => {
  // Real strings from ../shared/seeds; [text, amount, currency, issue, defaultCurrency]
  const cases: [string, number | null, string | null, RegExp | null, string?][] = [
    ['983 878 kronor', 983878, 'SEK', null],
    ['Total budget för projektet var 983 878 kronor, varav 50 procent kom från EU', 983878, 'SEK', null],
    ['Projektet har en total budget på 2,6 miljoner Euro.', 2600000, 'EUR', null],
    ['ERDF-medel: EUR 1,39 miljoner', 1390000, 'EUR', null],
    ['ERDF-medel: EUR 1.87 M', 1870000, 'EUR', null],
    ['c:a 70 000 SEK', 70000, 'SEK', /approximate/],
    ['motsvarande cirka 250 000 Euro.', 250000, 'EUR', /approximate/],
    ['Total Budget: 169 956 €', 169956, 'EUR', null],
    ['EU Contribution: 1 811 190 €', 1811190, 'EUR', null],
    ['12 mkr', 12000000, 'SEK', null],
    ['total budget för projektet är 12 mkr', 12000000, 'SEK', null],
    ['Total budget på 800 000 kr.', 800000, 'SEK', null],
    ['Total budget för projektet var 461 000 EURO.', 461000, 'EUR', null],
    ['32 550 EUR Interreg South Baltic.', 32550, 'EUR', null],
    ['9 945 800 kr', 9945800, 'SEK', null],
    ['65 000 SEK', 65000, 'SEK', null],
    ['11 971 565', 11971565, 'SEK', null, 'SEK'],
    ['0', 0, 'SEK', null, 'SEK'],
    ['1 234 567,50 kr', 1234568, 'SEK', null],
    ['11 971 565', null, null, /without a currency/],
    ['Vet ej', null, null, /Vet ej/],
    ['Vet ej ', null, null, /unknown/, 'SEK'],
    ['-', null, null, null, 'SEK'],
    ['', null, null, null, 'SEK'],
    ['Total Budget: 2 2213 206 €', null, null, /cannot be read/],
    ['inga pengar', null, null, /cannot be read/, 'SEK'],
    ['Utbetalt 2025 1 660 000 kr', 1660000, 'SEK', null],
    ['SEK 1.2m', 1200000, 'SEK', null],
    ['€1.5 million', 1500000, 'EUR', null],
    ['500.000 kr', 500000, 'SEK', null],
    ['1.500.000 kr', 1500000, 'SEK', null],
    ['2 2213 206 €', null, null, /cannot be read/],
  ]
  for (const [text, amount, currency, issue, defaultCurrency] of cases) {
    it(`reads ${JSON.stringify(text)}${defaultCurrency ? ` (default ${defaultCurrency})` : ''}`, () => {
      const r = parseMoney(text, defaultCurrency ? { defaultCurrency } : {})
      assert.deepEqual(r.value, amount === null ? null : { amount, currency })
      if (issue) {
        assert.ok(
          r.issues.some((i) => issue.test(i)),
          `issues ${JSON.stringify(r.issues)} should match ${issue}`,
        )
      } else {
        assert.deepEqual(r.issues, [])
      }
    })
  }
  it('never yields a float from a decimal million', () => {
    for (const [t, n] of [
      ['1,39 miljoner EUR', 1390000],
      ['0,3 mkr', 300000],
      ['4,19 Mkr', 4190000],
    ] as const) {
      assert.equal(parseMoney(t).value?.amount, n)
    }
  })
})
