/** Web addresses as sources write them ("http://www.scandtick.com", "Interregeurope.eu/clusterix2/"). */

// Top-level domains seen in our sources' bare addresses; an unknown TLD needs http(s):// or www.
const TLDS = 'se|eu|com|org|net|dk|no|fi|de|nl|be|fr|it|es|pl|lt|lv|ee|at|ch|uk|is|info|nu|io|int|gov|edu'

const URL_RE = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"')\]]+`,
    String.raw`www\.[^\s<>"')\]]+`,
    String.raw`(?<![@\p{L}\d.-])[\p{L}\d][\p{L}\d-]*(?:\.[\p{L}\d-]+)*\.(?:${TLDS})(?:\/[^\s<>"')\]]*)?(?![\p{L}\d@])`,
  ].join('|'),
  'giu',
)

/**
 * Every web address in the text, as written, without trailing sentence punctuation. E-mail
 * addresses are not web addresses.
 * @example findUrls('Webb: Interregeurope.eu/clusterix2/ ') // ['Interregeurope.eu/clusterix2/']
 */
export function findUrls(text: string): string[] {
  const out: string[] = []
  URL_RE.lastIndex = 0
  for (let m = URL_RE.exec(text); m !== null; m = URL_RE.exec(text)) {
    const url = m[0].replace(/[.,;:!?]+$/, '')
    const end = m.index + m[0].length
    if (text[end] === '@' || text[m.index - 1] === '@') {
      continue
    }
    out.push(url)
  }
  return out
}

/** The first web address in the text, as written, or null. */
export function parseUrl(text: string): string | null {
  return findUrls(text)[0] ?? null
}
