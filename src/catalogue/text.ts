import snowball from 'snowball-stemmers'
import { memoize } from '../shared/memo.js'

/**
 * Swedish text analysis for the catalogue's search index, done by the application so both engines
 * index the same words: SQLite FTS5 stores the stems computed here; PostgreSQL gets the same word
 * list and stems it with its own `swedish` configuration (the same Snowball algorithm and the same
 * stop-word list, checked by the integration test that compares the two engines).
 */

// PostgreSQL's tsearch_data/swedish.stop (= Snowball's Swedish stop list), so SQLite drops the same words.
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du ' +
    'henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp ' +
    'vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv ' +
    'detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan ' +
    'vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt ' +
    'våra ert era vilkas'
  ).split(' '),
)

/** Longest word kept: longer "words" are noise (URLs, scrape artefacts) and PostgreSQL refuses >2 kB. */
const MAX_WORD = 60
/** Most words taken from a query: more only slows the engine down without narrowing much. */
export const MAX_QUERY_WORDS = 12

const stemmer = snowball.newStemmer('swedish')

/**
 * Splits text into lower-cased words of letters and digits (NFKC; Å, Ä and Ö stay letters of their
 * own and are never folded to A or O). Swedish has no locale-specific case rules, so the plain
 * Unicode mapping is the Swedish one, without ICU's per-call cost.
 */
export function words(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase()
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= MAX_WORD)
}

/**
 * The forms of a word the index holds besides the word itself. Snowball's Swedish stemmer leaves the
 * definite neuter ending -et/-ets alone ("projektet" stays, "projekt" becomes "projek"), so the
 * common form "projektet" would never meet "projekt"; the form without that ending is added.
 */
export function variants(word: string): string[] {
  const out = [word]
  const m = /^(.{4,}?)ets?$/u.exec(word)
  if (m?.[1] && !/\d/u.test(word)) {
    out.push(m[1])
  }
  return out
}

/** True for a word both engines drop as a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word)
}

/**
 * The Snowball Swedish stem of one lower-case word. Stemming is most of indexing's cost and a
 * catalogue's words repeat: stems are remembered.
 */
export const stem: (word: string) => string = memoize((word: string) => stemmer.stem(word), 200_000)

/**
 * The words a project's text is indexed under (its variants added, stop words dropped), as one
 * space-separated string: what PostgreSQL's `to_tsvector('swedish', …)` reads.
 */
export function indexWords(texts: readonly (string | null | undefined)[]): string {
  const out: string[] = []
  for (const text of texts) {
    if (!text) {
      continue
    }
    for (const w of words(text)) {
      if (!isStopWord(w)) {
        out.push(...variants(w))
      }
    }
  }
  return out.join(' ')
}

/**
 * The distinct stems of `indexWords` output, space-separated: what SQLite's FTS5 table holds and
 * what relevance compares (a word found once or ten times counts the same).
 */
export function indexStems(indexed: string): string {
  const out = new Set<string>()
  for (const w of indexed.split(' ')) {
    if (w.length > 0) {
      out.add(stem(w))
    }
  }
  return [...out].join(' ')
}

/**
 * A search query as groups of alternatives: every group must match (AND), any form within a group
 * may (OR). Stop words and duplicates are dropped; at most MAX_QUERY_WORDS groups.
 * @example queryGroups('Projektet i Malmö') // [['projektet', 'projekt'], ['malmö']]
 */
export function queryGroups(query: string): string[][] {
  const seen = new Set<string>()
  const groups: string[][] = []
  for (const w of words(query)) {
    if (isStopWord(w) || seen.has(w)) {
      continue
    }
    seen.add(w)
    groups.push(variants(w))
    if (groups.length >= MAX_QUERY_WORDS) {
      break
    }
  }
  return groups
}

/**
 * The FTS5 MATCH expression for query groups and facet filter tokens: each stem and token a quoted
 * string (so no user text is ever read as FTS5 syntax), alternatives OR-ed, groups AND-ed; words
 * match the `stems` column only, filter tokens the `tags` column. Empty when there is nothing to match.
 */
export function fts5Match(
  groups: readonly (readonly string[])[],
  tagGroups: readonly (readonly string[])[] = [],
): string {
  const quote = (t: string) => `"${t.replaceAll('"', '""')}"`
  const conjunction = (alternatives: ReadonlyArray<readonly string[]>) =>
    alternatives
      .map((g) => {
        const terms = [...new Set(g)].map(quote)
        return terms.length === 1 ? (terms[0] ?? '') : `(${terms.join(' OR ')})`
      })
      .join(' AND ')
  const parts: string[] = []
  if (groups.length > 0) {
    parts.push(`{stems} : (${conjunction(groups.map((g) => g.map(stem)))})`)
  }
  if (tagGroups.length > 0) {
    parts.push(`{tags} : (${conjunction(tagGroups)})`)
  }
  return parts.join(' AND ')
}

// Stand-ins above "z" in byte order, so Å, Ä, Ö sort after Z and in that order (Swedish alphabet).
const SWEDISH_LAST: Readonly<Record<string, string>> = { å: '{', ä: '|', ö: '}' }

/**
 * A name's sort key, ordered byte-wise the Swedish way on both engines: lower case, accents folded
 * (é → e, ü → u) except Å, Ä and Ö, which sort after Z; runs of space become one.
 * @example sortKey('Örebro') > sortKey('Zürich') // true
 */
export function sortKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('sv')
    .replace(/[åäö]/g, (c) => `\uE000${c}`)
    .normalize('NFD')
    .replace(/(?<!\uE000[a-z])\p{M}/gu, '')
    .normalize('NFC')
    .replace(/\uE000([åäö])/g, (_m, c: string) => SWEDISH_LAST[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Relevance of a match for query groups: how many groups its title stems (name and acronym) hold.
 * Matches tie often; the search breaks ties newest first. Computed the same on both engines.
 */
export function titleScorer(groups: readonly (readonly string[])[]): (titleStems: string) => number {
  const wanted = groups.map((g) => new Set(g.map(stem)))
  return (titleStems) => {
    const have = new Set(titleStems.split(' '))
    let score = 0
    for (const g of wanted) {
      for (const s of g) {
        if (have.has(s)) {
          score++
          break
        }
      }
    }
    return score
  }
}
