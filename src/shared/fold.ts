/**
 * Text normalisation shared by the field readers: the forms of a word that sources mix freely
 * (case, diacritics, Nordic letters, dash variants, hard spaces) folded to one.
 */

import { memoize } from './memo.js'

/** Every dash a source may put between two dates or two words, folded to '-' by {@link normaliseDashes}. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g

/** Hard and thin spaces, which PDFs use inside amounts and phone numbers. */
const SPACES = /[\u00A0\u2007\u2009\u202F\u200A]/g

/** Replaces every kind of dash with '-' and every hard or thin space with ' '. */
export function normaliseDashes(text: string): string {
  return text.replace(DASHES, '-').replace(SPACES, ' ')
}

/**
 * Folds text for comparison: lower case, no diacritics (ø→o, æ→ae, ß→ss too, which NFKD keeps),
 * every run of characters other than letters, digits and '+' turned into one space.
 * '+' is kept because it tells ESF+ from ESF and Erasmus+ from Erasmus.
 * @example fold('Interreg ØKS (Öresund–Kattegat)') // 'interreg oks oresund kattegat'
 */
export const fold: (text: string) => string = memoize(foldUncached, 20_000)

// Readers fold the same lines again and again (headings, labels): fold remembers.
function foldUncached(text: string): string {
  let t = text.toLowerCase()
  // Printable ASCII has no diacritics to strip: skip the costly normalisation.
  if (/[^\t\n\r -~]/.test(t)) {
    t = t
      .replace(/ø/g, 'o')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
  }
  return t.replace(/[^\p{L}\p{N}+]+/gu, ' ').trim()
}

/** Collapses runs of white space to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
