import { canonicalProgramme } from '../../../registry/programmes.js'

/** A project's name and acronym as read from a title or a sentence, with what was noticed. */
export interface NameRead {
  readonly name: string
  readonly acronym: string | null
  readonly issues: string[]
}

// An acronym: one or two words, at least one holding two capitals in a row ("GREAT", "SB Nudging").
const ACRONYM_LIKE = /^(?=.*\p{Lu}{2})[\p{L}\p{N}+&.-]+( [\p{L}\p{N}+&.-]+)?$/u
const ALL_CAPS = /^[\p{Lu}\p{N}+&.-]{2,12}$/u
const SPLIT = /^(.+?)\s+[–—-]\s+(.+)$/u

const words = (s: string): number => s.trim().split(/\s+/).length

/**
 * True when a one-word title part is the short form of the rest: "GreenPorts – Green Ports for
 * Small Cities" (the long form starts with it) or "ReBuild – Resilient Buildings" (its capitals are
 * the long form's initials).
 */
function shortFormOf(short: string, long: string): boolean {
  if (words(short) !== 1 || !/\p{Lu}/u.test(short.slice(1)) || words(long) < 3) {
    return false
  }
  const compact = long.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()
  if (compact.startsWith(short.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase())) {
    return true
  }
  const capitals = short.replace(/[^\p{Lu}]/gu, '')
  const initials = long
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.charAt(0))
    .join('')
  return capitals.length >= 2 && initials.startsWith(capitals)
}

/**
 * Splits a title into name and acronym: "GREAT – Green Region with Alternative fuels for
 * Transport" → acronym GREAT; "Sammansatt problematik i Kronobergs län - SPIK" → acronym SPIK;
 * "Fiber till alla (FABS)" → acronym FABS. A programme appended to the title ("S34Growth - Interreg
 * Europe") is cut off with an issue; anything else after a dash stays part of the name.
 */
export function splitTitle(title: string): NameRead {
  const text = title.replace(/\s+/g, ' ').trim()
  const m = SPLIT.exec(text)
  if (m) {
    const a = (m[1] ?? '').trim()
    const b = (m[2] ?? '').trim()
    if ((ACRONYM_LIKE.test(a) || shortFormOf(a, b)) && words(b) >= 2 && words(a) < words(b)) {
      return { name: b, acronym: a, issues: [] }
    }
    if (ALL_CAPS.test(b) && words(a) >= 2) {
      return { name: a, acronym: b, issues: [] }
    }
    const prog = canonicalProgramme(b)
    if (prog.known && words(b) <= 4) {
      return { name: a, acronym: null, issues: [`programme appended to the title ('${text}')`] }
    }
  }
  const paren = /^(.+?)\s*\(([\p{Lu}\p{N}+&-]{2,12})\)$/u.exec(text)
  if (paren?.[1] && paren[2]) {
    return { name: paren[1], acronym: paren[2], issues: [] }
  }
  // "Leader Linné Småland (Leader-verksamhet år 2014-2023)": the years qualify the heading, they
  // are not part of the name; the period is read from them separately.
  const qualifier = /^(.+?)\s*\(([^()]*\b(19|20)\d{2}\b[^()]*)\)$/u.exec(text)
  if (qualifier?.[1]) {
    return { name: qualifier[1], acronym: null, issues: [] }
  }
  return { name: text, acronym: null, issues: [] }
}

/** Generic sentence subjects that never name a project. */
const GENERIC_SUBJECT =
  /^(projektet|projektets|förstudien|studien|syftet|målet|målen|det|den|detta|denna|vi|we|the|this|it|our|här|in|i|på|genom|med|som|leader|satsningen|arbetet)\b/i

/**
 * Finds the project's name in its description when the page states none as a heading: a quoted
 * name after "Projektet" ("Projektet ”SB Nudging - Nudging in the South Baltic Region” undersökte"),
 * the subject of "… var ett projekt" / "… was an EU-project" / "… syftade till" / "… aims to",
 * or "the X project" / "projektet X".
 * @param organisation the publishing body, which is never the project's name
 */
export function nameFromProse(paragraphs: readonly string[], organisation: string | null): NameRead | null {
  for (const p of paragraphs) {
    const quoted = /\b(?:projektet|förstudien|the project)\s+[”"“«]([^”"“»]{2,100})[”"“»]/iu.exec(p)
    if (quoted?.[1]) {
      return splitTitle(quoted[1])
    }
  }
  for (const p of paragraphs) {
    const subject =
      /^(.{2,90}?)(?:\s+\(([\p{Lu}\p{N}]{2,12})\))?\s+(?:var|är|was|is)\s+(?:ett|en|an?)\s+(?:[\p{L}-]+\s+){0,3}[\p{L}-]*(?:projekt|project|förstudie|studie|samarbete|nätverk|network|initiativ)/iu.exec(
        p,
      ) ??
      /^(.{2,90}?)(?:\s+\(([\p{Lu}\p{N}]{2,12})\))?\s+(?:syftade|syftar|aims|aimed|har som mål|hade som mål)\b/iu.exec(
        p,
      )
    const name = subject?.[1]?.trim()
    if (name && isNameLike(name, organisation)) {
      return { name, acronym: subject?.[2] ?? null, issues: [] }
    }
  }
  for (const p of paragraphs) {
    const the = /\b(?:the|i|in)\s+(\p{Lu}[\p{Lu}\p{N}-]+(?:\s+\d+)?)[- ](?:project|projektet)\b/u.exec(p)
    if (the?.[1]) {
      return { name: the[1], acronym: null, issues: [] }
    }
  }
  return null
}

function isNameLike(name: string, organisation: string | null): boolean {
  if (GENERIC_SUBJECT.test(name) || !/^[\p{Lu}\p{N}]/u.test(name) || words(name) > 10) {
    return false
  }
  if (/[,;:.]/.test(name.replace(/\b[A-Z]\./g, ''))) {
    return false
  }
  if (organisation && name.toLowerCase().startsWith(organisation.toLowerCase())) {
    return false
  }
  // a body running the project is not its name ("Hässleholms kommun beviljades …")
  return !/\b(kommun|kommuner|stad|region|regionen|län|municipality|council|universitet|university)\b/i.test(
    name,
  )
}

// What a description says the project is about: "… förutsättningarna för X", "… etablera en X",
// "… hur A kan utvecklas som B", "… lösningar för X".
const TOPICS: readonly ((s: string) => string | null)[] = [
  (s) =>
    /\bhur (\p{Lu}[^,.;]{1,40}?) kan (?:utvecklas|användas|fungera) som ([^,.;]{3,60})$/u
      .exec(s)
      ?.slice(1, 3)
      .join(' som ') ?? null,
  (s) =>
    /\b(?:förutsättningarna|förutsättningar|lösningar|förslag) (?:för|på) (?:lösningar för )?([^,.;]{5,80})$/u.exec(
      s,
    )?.[1] ?? null,
  (s) => /\b(?:etablera|bygga upp|inrätta|starta) (?:en|ett) ([^,.;]{5,80})$/u.exec(s)?.[1] ?? null,
]

/**
 * A stand-in name built from the description when the source states none: its topic, after
 * "Förstudie" when the project was a feasibility study ("Förstudien undersökte hur Hässleholm kan
 * utvecklas som infrastrukturell nod" → "Förstudie Hässleholm som infrastrukturell nod").
 * @returns null when the first sentence gives no topic
 */
export function nameFromTopic(paragraph: string): string | null {
  const sentence = (paragraph.split(/(?<=[.!?])\s+/)[0] ?? paragraph).replace(/[.!?:]+$/, '').trim()
  for (const read of TOPICS) {
    const topic = read(sentence)?.trim()
    if (topic) {
      const study = /^(förstudien\b|projektet var en förstudie\b)/i.test(sentence)
      const capital = topic.charAt(0).toUpperCase() + topic.slice(1)
      return study ? `Förstudie ${topic}` : capital
    }
  }
  return null
}

/**
 * A stand-in name for a project the source never names: the first sentence of its description,
 * shortened. The record says so in its issues.
 */
export function nameFromFirstSentence(paragraph: string): string {
  const sentence = (paragraph.split(/(?<=[.!?])\s+/)[0] ?? paragraph).replace(/[.!?:]+$/, '')
  if (sentence.length <= 90) {
    return sentence
  }
  const cut = sentence.slice(0, 90)
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`
}
