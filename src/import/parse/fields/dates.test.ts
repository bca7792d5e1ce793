import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isBefore, parseDate, parsePeriod } from './dates.js'

describe('parseDate', () => {
  // Real strings from ../shared/seeds (Malmö forms, Region Skåne, Hässleholm).
  const cases: [string, string | null, RegExp?][] = [
    ['2023-02-01', '2023-02-01'],
    ['Projektstart 2024-09-02 ', '2024-09-02'],
    ['2 023 -09-01', '2023-09-01'],
    ['2 025 -02-01', '2025-02-01'],
    ['23-09-01', '2023-09-01', /two-digit year/],
    ['23 -11- 01', '2023-11-01', /two-digit year/],
    ['26-02-28', '2026-02-28', /two-digit year/],
    ['230 201', '2023-02-01', /YYMMDD/],
    ['260 130', '2026-01-30', /YYMMDD/],
    ['2 022', '2022'],
    ['November 2025', '2025-11'],
    ['Juni 2026', '2026-06'],
    ['1 mars 2016', '2016-03-01'],
    ['31 januari 2022', '2022-01-31'],
    ['March 1, 2016', '2016-03-01'],
    ['20180101', '2018-01-01'],
    ['14/4/2016', '2016-04-14'],
    ['1/9 2023', '2023-09-01'],
    ['2019-04-31', '2019-04', /invalid date 2019-04-31/],
    ['2019-02-29', '2019-02', /invalid date/],
    ['2020-02-29', '2020-02-29'],
    ['22 -09-01 (försenat till 2023-03-01)', '2023-03-01', /revised/],
    ['sommaren 2019', '2019'],
    ['', null],
    ['-', null],
    ['Vet ej', null, /Vet ej/],
    ['snart', null, /cannot be read/],
  ]
  for (const [text, value, issue] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const r = parseDate(text)
      assert.equal(r.value, value)
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
})

describe('parsePeriod', () => {
  const cases: [string, string | null, string | null, RegExp?][] = [
    ['Projektperiod: 2015-09-01--2018-08-31', '2015-09-01', '2018-08-31'],
    ['Projektperiod: 2015-09-01-2018-08-31', '2015-09-01', '2018-08-31'],
    ['Projektperiod: 1 mars 2016 – 1 mars 2019', '2016-03-01', '2019-03-01'],
    ['Projekttid: 20180101 till 20200531.', '2018-01-01', '2020-05-31'],
    ['Projektet pågick från september 2009 till september 2012.', '2009-09', '2012-09'],
    ['Projektperiod: 2015-2019', '2015', '2019'],
    ['Projektperiod: 2017 - 2020', '2017', '2020'],
    ['Projekttid: 2018-2022', '2018', '2022'],
    ['Projektperiod: 2016-05-01 – 2019-04-31', '2016-05-01', '2019-04', /invalid date 2019-04-31/],
    ['Projektperiod: 1 februari 2019 - 31 januari 2022', '2019-02-01', '2022-01-31'],
    ['Projektperiod: April 2016 – Mars 2020', '2016-04', '2020-03'],
    ['Projektperioden : 2023-01-01 – 2023-09-30', '2023-01-01', '2023-09-30'],
    ['Projeket pågick från 2013-03-01 till 2014-12-31.', '2013-03-01', '2014-12-31'],
    ['2022-04-01 - 2022-07-31', '2022-04-01', '2022-07-31'],
    [
      'Projecttime: September 2018- September 2020 (extended to September 2021)',
      '2018-09',
      '2021-09',
      /revised/,
    ],
    ['Projektperiod: Projektet beräknas pågå till sommaren 2019.', null, '2019'],
    ['Projektet pågår till den 30 september 2020.', null, '2020-09-30'],
    ['Projektet startade 2019', '2019', null],
    ['2020-01-01 – 2019-12-31', '2020-01-01', '2019-12-31', /before start/],
    ['Projektperiod:', null, null, /cannot be read/],
    ['1 mars – 31 maj 2016', '2016-03-01', '2016-05-31'],
    ['mars–juni 2016', '2016-03', '2016-06'],
    ['läsåret 2019/2020', '2019', '2020'],
  ]
  for (const [text, start, end, issue] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const r = parsePeriod(text)
      assert.deepEqual([r.start, r.end], [start, end])
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
})

describe('isBefore', () => {
  it('compares at the shared precision', () => {
    assert.equal(isBefore('2019', '2019-05-01'), false)
    assert.equal(isBefore('2018-12', '2019'), true)
  })
})
