import type { RecordContact } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import { parseContact } from '../fields/contacts.js'
import { type Body, CONTACT_LINK, EMAIL_LINE, PHONE_LINE } from './body.js'
import { labelValue } from './lines.js'

/** Contacts of a project block: people under a Kontakt label or heading, or on a line of their own. */

const PERSON_NAME =
  /^\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’-]+)?(?: (?:af|av|von|van|de|der|da) )?(?: \p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’-]+)?){1,2}$/u

/** The people a block names as contacts, with an issue when it gives only "Contact" links. */
export function readContacts(body: Body, issues: string[]): RecordContact[] {
  const out: RecordContact[] = []
  let onlyLinks = false
  for (const group of body.contactGroups) {
    const c = contactFromGroup(group)
    if (c) {
      out.push(c)
    } else if (group.some((l) => /\bcontact\b/i.test(l))) {
      onlyLinks = true
    }
  }
  // Flow pages put the contact on a line of its own: "Alice Agnéus, näringslivsutvecklare",
  // "Näringslivsavdelningen, naringsliv@hassleholm.se".
  if (out.length === 0) {
    for (const text of body.texts) {
      if (labelValue(text) !== null || text.length > 120) {
        continue
      }
      const hasEmail = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/u.test(text)
      const shaped = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2}, \p{Ll}[\p{L} -]*(?:,? \S+@\S+)?$/u.test(
        text,
      )
      if (!hasEmail && !shaped) {
        continue
      }
      const c = parseContact(text)
      if (c && (c.name !== null || c.email !== null)) {
        out.push(c)
      }
    }
  }
  if (out.length === 0 && onlyLinks) {
    issues.push("contact given only as a 'Contact' link, no person named")
  } else if (
    body.contactGroups.some((g) =>
      g.some((l) => /^(e-post|e-mail)?[.:]?\s*contact$/i.test(l) || /, contact$/i.test(l)),
    )
  ) {
    issues.push("contact e-mail shown only as a 'Contact' link")
  }
  return dedupeContacts(out)
}

function contactFromGroup(group: readonly string[]): RecordContact | null {
  const [head, ...rest] = group
  if (head === undefined) {
    return null
  }
  const base = parseContact(head)
  if (!base) {
    return null
  }
  const name = base.name
  // A person's name, or a unit that gives an address ("Näringslivsavdelningen, naringsliv@…").
  if (name === null || (!PERSON_NAME.test(name) && base.email === null && base.phone === null)) {
    return null
  }
  let title = base.title
  let phone = base.phone
  let email = base.email
  for (const line of rest) {
    const c = parseContact(line)
    if (PHONE_LINE.test(line) || EMAIL_LINE.test(line) || CONTACT_LINK.test(line)) {
      phone ??= c?.phone ?? null
      email ??= c?.email ?? null
      continue
    }
    if (title === null && c?.phone == null && c?.email == null) {
      title = line.replace(/[,;]\s*$/, '').trim()
      continue
    }
    phone ??= c?.phone ?? null
    email ??= c?.email ?? null
  }
  return { name, title, phone, email }
}

function dedupeContacts(list: RecordContact[]): RecordContact[] {
  const seen = new Set<string>()
  return list.filter((c) => {
    const key = fold(`${c.name ?? ''} ${c.email ?? ''}`)
    if (seen.has(key)) {
      return false
    }
    seen.add(key)
    return true
  })
}
