import type { RecordContact } from '../../../registry/project-record.js'
import { normaliseDashes, squash } from '../../../shared/fold.js'

/** Contacts: people (or a unit) named with title, Swedish phone number and e-mail. */

// The lookbehind starts a match only where an address can begin, which keeps long lines linear.
const EMAIL = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u

// Swedish numbers as written: "0451-29 87 70", "072 - 233 09 80", "+46 40 675 34 39", "08-123 456 78".
const PHONE =
  /(?:\+46[\s-]?(?:\(0\)\s?)?\d{1,3}|(?<![\d-])0\d{1,3})(?:\s?[-–]\s?|\s)\d{2,4}(?:[\s-]?\d{2,4}){0,3}(?![\d-])/u

/** Labels and link texts that are not part of a name or title. */
const NOISE =
  /\b(?:telefon|tel\.?|tfn\.?|mobil(?:nummer|tel)?|mob\.?|phone|mobile|e-post\.?|epost|e-mail|email|mejl|mail|contact|kontakt|kontaktperson|visa fler kontaktuppgifter|visa kontaktuppgifter)\s*[:.]?/giu

/**
 * The first Swedish phone number in the text, as written (spacing and dashes kept), or null.
 * A run of digits that is too short or too long for a phone number is not one.
 * @example parsePhone('• Telefon 0451-29 87 70') // '0451-29 87 70'
 */
export function parsePhone(text: string): string | null {
  const m = PHONE.exec(normaliseDashes(text))
  if (!m) {
    return null
  }
  const digits = m[0].replace(/\D/g, '')
  if (digits.length < 8 || digits.length > 13) {
    return null
  }
  return m[0].trim()
}

/** The first e-mail address in the text, or null. */
export function parseEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? null
}

// Title words end like this in Swedish and English ("Näringslivsutvecklare", "Infrastrukturstrateg").
const TITLE_LIKE =
  /(?:are|ör|or|ent|ant|ist|log|chef|strateg|ledare|handläggare|sekreterare|ansvarig|direktör|officer|manager|developer|leader|advisor|adviser|coordinator|consultant|professor|forskare|ingenjör|planerare|arkitekt|läkare|överläkare|specialist|expert|samordnare)$/iu

const isCapitalised = (w: string): boolean => /^\p{Lu}[\p{L}'’.-]*$/u.test(w)
const PARTICLE = /^(?:af|av|von|van|de|der|den|da|di|du|la|le|bin|al)$/

/**
 * Reads one contact from a line (or a few joined lines): "Britt-Inger Andersson Handläggare/Verksamhet",
 * "Sherif Hosny, planarkitekt, sherif.hosny@hassleholm.se", "Näringslivsavdelningen, naringsliv@…",
 * "Maria Edgren, projektledare, Contact". The name is the leading capitalised words (a given name
 * and a surname, a third only when it does not read as a title); what follows is the title.
 * @returns null when the text names nobody and gives no phone or e-mail
 */
export function parseContact(text: string): RecordContact | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines.length > 1) {
    // A contact block: the name on its own line, then title, phone and e-mail lines.
    const [first = '', ...more] = lines
    const head = parseContact(first)
    const rest = more.map(parseContact).filter((c): c is RecordContact => c !== null)
    const title = [head?.title, ...rest.flatMap((c) => [c.name, c.title])].filter((x): x is string => !!x)
    if (!head && rest.length === 0) {
      return null
    }
    return {
      name: head?.name ?? null,
      title: title.length > 0 ? title.join(', ') : null,
      phone: head?.phone ?? rest.find((c) => c.phone)?.phone ?? null,
      email: head?.email ?? rest.find((c) => c.email)?.email ?? null,
    }
  }
  const flat = squash(normaliseDashes(text).replace(/^[\s•*·-]+/, ''))
  const email = parseEmail(flat)
  const phone = parsePhone(flat)
  let rest = flat
  if (email) {
    rest = rest.replace(email, ' ')
  }
  if (phone) {
    rest = rest.replace(phone, ' ')
  }
  rest = squash(rest.replace(NOISE, ' ').replace(/\s*[,;]\s*(?=[,;]|$)/g, '')).replace(
    /^[,;:\s]+|[,;:\s]+$/g,
    '',
  )
  if (rest === '') {
    return email || phone ? { name: null, title: null, phone, email } : null
  }
  const { name, title } = splitNameTitle(rest)
  return { name, title, phone, email }
}

/** Splits "Given Surname Title words" or "Given Surname, title" into name and title. */
export function splitNameTitle(text: string): { name: string | null; title: string | null } {
  const comma = text.indexOf(',')
  const head = comma >= 0 ? text.slice(0, comma).trim() : text
  const tail = comma >= 0 ? text.slice(comma + 1).trim() : ''
  const words = head.split(' ').filter(Boolean)
  // "Sherif Hosny, planarkitekt": the part before the comma is the whole name.
  if (comma >= 0 && words.length <= 3 && words.every((w) => isCapitalised(w) || PARTICLE.test(w))) {
    return { name: head, title: tail === '' ? null : tail }
  }
  if (words.length === 1) {
    return { name: head, title: tail === '' ? null : tail }
  }
  const nameWords: string[] = []
  for (const w of words) {
    const n = nameWords.length
    if (n < 2 && (isCapitalised(w) || (n > 0 && PARTICLE.test(w)))) {
      nameWords.push(w)
      continue
    }
    if (n === 2 && isCapitalised(w) && !TITLE_LIKE.test(w) && !w.includes('/')) {
      // A third capitalised word is a name only when the line ends with it: in "Gezim Kiseri
      // Business Developer" and "Anna Liljehov Fysisk planerare" it opens a two-word title.
      const after = words.slice(3)
      if (after.length === 0) {
        nameWords.push(w)
        continue
      }
    }
    break
  }
  if (nameWords.length === 0) {
    return { name: null, title: text }
  }
  const titleText = [words.slice(nameWords.length).join(' '), tail].filter((s) => s !== '').join(', ')
  return { name: nameWords.join(' '), title: titleText === '' ? null : titleText }
}
