import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseContact, parseEmail, parsePhone } from './contacts.js'

describe('parsePhone', () => {
  const cases: [string, string | null][] = [
    ['• Telefon 0451-29 87 70', '0451-29 87 70'],
    ['• Mobilnummer 0705-57 16 74', '0705-57 16 74'],
    ['Tel. 072 - 233 09 80', '072 - 233 09 80'],
    ['Telefon 040-675 34 39', '040-675 34 39'],
    ['+46 40 675 34 39', '+46 40 675 34 39'],
    ['Projektperiod: 2015-09-01-2018-08-31', null],
    ['Projektstart 2023-02-01', null],
    ['11 971 565', null],
  ]
  for (const [text, phone] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(parsePhone(text), phone))
  }
})

describe('parseEmail', () => {
  it('finds an address in a line', () => {
    assert.equal(
      parseEmail('Carina Jönsson-Lindholm, verksamhetsutvecklare carina.jonsson-lindholm@hassleholm.se'),
      'carina.jonsson-lindholm@hassleholm.se',
    )
    assert.equal(parseEmail('E-post: Contact'), null)
  })
})

describe('parseContact', () => {
  const cases: [string, string | null, string | null, string | null, string | null][] = [
    [
      '• Britt-Inger Andersson Handläggare/Verksamhet',
      'Britt-Inger Andersson',
      'Handläggare/Verksamhet',
      null,
      null,
    ],
    [
      '• Aleksander Giwercman Professor i andrologi, Överläkare',
      'Aleksander Giwercman',
      'Professor i andrologi, Överläkare',
      null,
      null,
    ],
    [
      '• Christian Österlind Näringslivsutvecklare',
      'Christian Österlind',
      'Näringslivsutvecklare',
      null,
      null,
    ],
    ['• Lina Jönsson Projektledare Sydkustleden', 'Lina Jönsson', 'Projektledare Sydkustleden', null, null],
    ['• Daniel Kronmann', 'Daniel Kronmann', null, null, null],
    ['• Gezim Kiseri Business Developer', 'Gezim Kiseri', 'Business Developer', null, null],
    ['• Anna Liljehov Fysisk planerare', 'Anna Liljehov', 'Fysisk planerare', null, null],
    [
      'Sherif Hosny, planarkitekt, sherif.hosny@hassleholm.se',
      'Sherif Hosny',
      'planarkitekt',
      null,
      'sherif.hosny@hassleholm.se',
    ],
    [
      'Carina Jönsson-Lindholm, verksamhetsutvecklare carina.jonsson-lindholm@hassleholm.se',
      'Carina Jönsson-Lindholm',
      'verksamhetsutvecklare',
      null,
      'carina.jonsson-lindholm@hassleholm.se',
    ],
    [
      'Näringslivsavdelningen, naringsliv@hassleholm.se',
      'Näringslivsavdelningen',
      null,
      null,
      'naringsliv@hassleholm.se',
    ],
    ['Kontakt: Maria Edgren, projektledare, Contact', 'Maria Edgren', 'projektledare', null, null],
    [
      'Neal Greenspan project leader Ideon Science Park',
      'Neal Greenspan',
      'project leader Ideon Science Park',
      null,
      null,
    ],
    ['Emma Alfredssons, Lund University', 'Emma Alfredssons', 'Lund University', null, null],
    [
      'Erland Björklund\nForskare, Kristianstad Högskola\nTel. 072 - 233 09 80\nE-post. Contact',
      'Erland Björklund',
      'Forskare, Kristianstad Högskola',
      '072 - 233 09 80',
      null,
    ],
  ]
  for (const [text, name, title, phone, email] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseContact(text), { name, title, phone, email })
    })
  }
  it('gives null for a bare link label', () => {
    assert.equal(parseContact('Contact'), null)
    assert.equal(parseContact('Kontakt: Contact '), null)
  })
})
