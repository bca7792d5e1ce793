import countries from 'i18n-iso-countries/index.js'
import da from 'i18n-iso-countries/langs/da.json' with { type: 'json' }
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' }
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import nb from 'i18n-iso-countries/langs/nb.json' with { type: 'json' }
import sv from 'i18n-iso-countries/langs/sv.json' with { type: 'json' }
import { fold } from '../../../shared/fold.js'

/**
 * Country names to ISO 3166-1 alpha-2 codes. Names come from the maintained i18n-iso-countries
 * data (Swedish, English, Danish, Norwegian, German: the languages of partner lists in our
 * sources); what it lacks (adjectives, the EU's own codes, short forms) is added here.
 */

/** Names and adjectives the package does not hold, folded. */
const EXTRA: Readonly<Record<string, string>> = {
  // EU usage: Greece is EL and the United Kingdom UK in Commission documents.
  el: 'GR',
  uk: 'GB',
  england: 'GB',
  skottland: 'GB',
  scotland: 'GB',
  wales: 'GB',
  nordirland: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  holland: 'NL',
  'tjeckiska republiken': 'CZ',
  'czech republic': 'CZ',
  czechia: 'CZ',
  slovakien: 'SK',
  ryssland: 'RU',
  russia: 'RU',
  'south korea': 'KR',
  sydkorea: 'KR',
  kosovo: 'XK',
  turkiet: 'TR',
  turkey: 'TR',
  moldavien: 'MD',
  vitryssland: 'BY',
  belarus: 'BY',
  fareoarna: 'FO',
  faroe: 'FO',
  bosnien: 'BA',
  'bosnia and herzegovina': 'BA',
  'bosnia herzegovina': 'BA',
  'bosnien hercegovina': 'BA',
  nordmakedonien: 'MK',
  'north macedonia': 'MK',
  makedonien: 'MK',
  // Adjectives, as headings such as "Svenska partners:" / "Danish partners" use them.
  svenska: 'SE',
  svensk: 'SE',
  swedish: 'SE',
  danska: 'DK',
  dansk: 'DK',
  danish: 'DK',
  norska: 'NO',
  norsk: 'NO',
  norwegian: 'NO',
  finska: 'FI',
  finsk: 'FI',
  finnish: 'FI',
  islandska: 'IS',
  icelandic: 'IS',
  tyska: 'DE',
  tysk: 'DE',
  german: 'DE',
  polska: 'PL',
  polsk: 'PL',
  polish: 'PL',
  litauiska: 'LT',
  lithuanian: 'LT',
  lettiska: 'LV',
  latvian: 'LV',
  estniska: 'EE',
  estonian: 'EE',
  nederlandska: 'NL',
  hollandska: 'NL',
  dutch: 'NL',
  belgiska: 'BE',
  belgian: 'BE',
  franska: 'FR',
  french: 'FR',
  spanska: 'ES',
  spanish: 'ES',
  portugisiska: 'PT',
  portuguese: 'PT',
  italienska: 'IT',
  italian: 'IT',
  osterrikiska: 'AT',
  austrian: 'AT',
  schweiziska: 'CH',
  swiss: 'CH',
  tjeckiska: 'CZ',
  czech: 'CZ',
  slovakiska: 'SK',
  slovak: 'SK',
  slovenska: 'SI',
  slovenian: 'SI',
  kroatiska: 'HR',
  croatian: 'HR',
  ungerska: 'HU',
  hungarian: 'HU',
  rumanska: 'RO',
  romanian: 'RO',
  bulgariska: 'BG',
  bulgarian: 'BG',
  grekiska: 'GR',
  greek: 'GR',
  cypriotiska: 'CY',
  cypriot: 'CY',
  maltesiska: 'MT',
  maltese: 'MT',
  irlandska: 'IE',
  irish: 'IE',
  brittiska: 'GB',
  british: 'GB',
  engelska: 'GB',
  luxemburgska: 'LU',
  ukrainska: 'UA',
  ukrainian: 'UA',
}

let names: Map<string, string> | undefined

/** Folded country name → alpha-2, built on first use (start-up pays nothing for it). */
function nameIndex(): Map<string, string> {
  if (names) {
    return names
  }
  const index = new Map<string, string>()
  for (const locale of [de, nb, da, en, sv]) {
    countries.registerLocale(locale)
  }
  for (const lang of ['de', 'nb', 'da', 'en', 'sv']) {
    const all = countries.getNames(lang, { select: 'all' })
    for (const [code, list] of Object.entries(all)) {
      for (const name of list) {
        index.set(fold(name), code)
      }
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) {
    index.set(fold(name), code)
  }
  names = index
  return index
}

/**
 * The ISO 3166-1 alpha-2 code for a country as a source writes it: a Swedish, English, Danish,
 * Norwegian or German name ("Österrike", "Tyskland", "Germany"), an adjective ("Svenska", "Danish"),
 * an alpha-3 code ("ITA") or an alpha-2 code ("FI", also the EU's "EL" and "UK").
 * Codes are only taken in upper case, so the word "it" is not Italy.
 * @returns the alpha-2 code, or null when the text is not a country
 * @example countryCode('(Österrike)') // 'AT'
 */
export function countryCode(text: string): string | null {
  const t = text.replace(/^[\s(,;:]+|[\s),;:.]+$/g, '')
  if (/^[A-Z]{2}$/.test(t)) {
    if (t === 'UK') {
      return 'GB'
    }
    if (t === 'EL') {
      return 'GR'
    }
    return countries.isValid(t) ? t : null
  }
  if (/^[A-Z]{3}$/.test(t)) {
    return countries.alpha3ToAlpha2(t) ?? null
  }
  const key = fold(t)
  if (key === '') {
    return null
  }
  return nameIndex().get(key) ?? null
}
