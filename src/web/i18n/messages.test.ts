import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countryName, formatMoney, formatNumber, langOf, t } from './messages.js'

describe('catalogue messages', () => {
  it('formats numbers and money the Swedish way, and the English way', () => {
    assert.equal(formatMoney('sv', 1971565, 'SEK').replace(/\s/g, ' '), '1 971 565 kr')
    assert.equal(formatNumber('en', 1971565), '1,971,565')
    assert.equal(formatMoney('en', 2600000, 'EUR'), 'EUR 2,600,000')
  })

  it('fills placeholders and falls back to Swedish only when asked for nothing else', () => {
    assert.equal(t('sv', 'pageOf', { page: 2, pages: 7 }), 'Sida 2 av 7')
    assert.equal(t('en', 'pageOf', { page: 2, pages: 7 }), 'Page 2 of 7')
    assert.equal(langOf('en'), 'en')
    assert.equal(langOf('<script>'), 'sv')
  })

  it('names countries in the page language', () => {
    assert.equal(countryName('sv', 'DK'), 'Danmark')
    assert.equal(countryName('en', 'DK'), 'Denmark')
    assert.equal(countryName('sv', null), 'Okänt')
  })
})
