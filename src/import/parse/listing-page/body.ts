import { countryCode } from '../fields/countries.js'
import { type LabelKind, labelKind, labelValue, type PageLine } from './lines.js'
import { type Block, eventNumber, isLinkOrNote, isSubheading, isTitleShaped } from './segment.js'

/**
 * A project block's lines sorted into what the field readers need: labelled facts (with the
 * paragraph under an empty label), description paragraphs, contact sections, sub-headings and
 * partners filed under a country.
 */

/** A labelled fact of the block: the label's kind, its value and the lines it spans. */
export interface Labelled {
  readonly kind: LabelKind
  readonly label: string
  /** the value on the label's line, or the lines that follow an empty label, joined by '\n' */
  readonly value: string
  readonly lines: readonly string[]
  /** the source wrote "Label:" with nothing after it and put the value on the following lines */
  readonly leftEmpty: boolean
}

/** The block's text sorted into what the readers need. */
export interface Body {
  readonly labelled: Labelled[]
  /** description paragraphs, in order */
  readonly paragraphs: string[]
  /** paragraphs inside event reports ("Event 3: …"): not the project's description */
  readonly eventParagraphs: string[]
  /** every line of the block, labels included, for the prose readers */
  readonly texts: string[]
  /** lines of contact sections ("Kontakt" heading or label), grouped by person */
  readonly contactGroups: string[][]
  /** lines the page shows as sub-headings inside the block ("Östersjöprogrammet") */
  readonly subheadings: string[]
  /** "Sverige: EU-kontor Skåne Nordost": partners filed under a country */
  readonly countryLines: { country: string; value: string }[]
}

/** A "Contact" link text standing for an e-mail address the scrape lost. */
export const CONTACT_LINK = /^(contact|kontakt|e-post|e-mail|email|mejla|skicka e-post)[.:]?\s*(contact)?$/i
/** The page's "show contact details" button text, which separates one person from the next. */
export const CONTACT_SEPARATOR = /^visa (fler )?kontaktuppgifter$/i
/** A line that gives a phone number ("Telefon 0451-29 87 70", "Mobilnummer …"). */
export const PHONE_LINE = /^(telefon|tel|tfn|mobil|mobilnummer|mobile|phone|växel)\b/i
/** A line that gives an e-mail address or its link ("E-post: Contact"). */
export const EMAIL_LINE = /^(e-post|epost|e-mail|email|mejl)\b/i

/**
 * Sorts a block's lines (after its title) into labelled facts, paragraphs, contact sections,
 * sub-headings and country lines; event reports' paragraphs are kept apart from the description.
 */
export function sortBody(lines: readonly PageLine[], block: Block): Body {
  const labelled: Labelled[] = []
  const paragraphs: string[] = []
  const texts: string[] = []
  const contactGroups: string[][] = []
  const subheadings: string[] = []
  const countryLines: { country: string; value: string }[] = []
  const eventParagraphs: string[] = []
  let inEvents = false
  const from = block.title !== null ? block.title + 1 : block.start
  let i = from
  while (i < block.end) {
    const l = lines[i]
    if (!l || l.blank) {
      i++
      continue
    }
    if (eventNumber(l.text) !== null) {
      inEvents = true
      texts.push(l.text)
      i++
      continue
    }
    texts.push(l.text)
    // "Projektperiod" in bold on a line of its own, its value on the next: a label without a colon
    // (or a sub-heading "Projekttid" with its value in the paragraph under it)
    const bareLabel =
      labelKind(l.text.replace(/:$/, '')) !== null && isTitleShaped(l.text) ? `${l.text}:` : null
    const lv = labelValue(bareLabel ?? l.text)
    const kind = lv ? labelKind(lv.label) : null
    const bareContact =
      !lv && /^(kontakt|kontakter|kontaktpersoner?|contacts?|kontaktuppgifter)$/i.test(l.text)
    if ((lv && (kind === 'contact' || kind === 'manager')) || bareContact) {
      const group = collectContactSection(
        lines,
        i,
        block.end,
        lv?.value ?? '',
        kind === 'manager' ? lv?.label : undefined,
      )
      contactGroups.push(...group.groups)
      texts.push(...group.texts)
      i = group.next
      continue
    }
    if (lv && kind !== null && kind !== 'eventDetail' && kind !== 'description') {
      let value = lv.value
      const spanned = [l.text]
      let j = i + 1
      if (value === '') {
        // an empty label takes the paragraph that follows it
        const cont = collectParagraph(lines, i + 1, block.end)
        value = cont.lines.join('\n')
        spanned.push(...cont.lines)
        texts.push(...cont.lines)
        j = cont.next
      }
      labelled.push({
        kind,
        label: lv.label,
        value,
        lines: spanned,
        leftEmpty: bareLabel === null && lv.value === '',
      })
      i = j
      continue
    }
    if (lv && kind === null) {
      const c = countryCode(lv.label)
      if (c && lv.value !== '') {
        countryLines.push({ country: c, value: lv.value })
        i++
        continue
      }
    }
    // "Neal Greenspan project leader Ideon Science Park" followed by a "Contact" link: a person
    const next = lines[i + 1]
    if (next && !next.blank && CONTACT_LINK.test(next.text) && !lv) {
      contactGroups.push([l.text])
      i += 2
      continue
    }
    if (!lv && isSubheading(l.text)) {
      i++
      continue
    }
    if (!lv && !l.bullet && isTitleShaped(l.text) && !isLinkOrNote(l.text)) {
      subheadings.push(l.text)
      // an opening line without a full stop ("Projektstöd för landsbygdsutveckling, år 2023–2027")
      if (paragraphs.length === 0 && isProse(l.text) && l.text.split(/\s+/).length >= 4) {
        paragraphs.push(l.text)
      }
      i++
      continue
    }
    if (!lv && !l.bullet && !isLinkOrNote(l.text) && isProse(l.text)) {
      ;(inEvents ? eventParagraphs : paragraphs).push(l.text)
    }
    i++
  }
  return { labelled, paragraphs, eventParagraphs, texts, contactGroups, subheadings, countryLines }
}

function isProse(text: string): boolean {
  return text.length >= 25 && /\p{Ll}/u.test(text) && /\s/.test(text) && !CONTACT_LINK.test(text)
}

function collectParagraph(
  lines: readonly PageLine[],
  from: number,
  end: number,
): { lines: string[]; next: number } {
  let i = from
  while (i < end && lines[i]?.blank) {
    i++
  }
  const out: string[] = []
  while (i < end) {
    const l = lines[i]
    if (!l || l.blank) {
      break
    }
    const lv = labelValue(l.text)
    if (lv && labelKind(lv.label) !== null) {
      break
    }
    out.push(l.text)
    i++
  }
  return { lines: out, next: i }
}

/**
 * A contact section runs from its label or heading to the next labelled fact (or the block's
 * end). People are told apart by list items, "Visa fler kontaktuppgifter" separators and blank
 * lines; a person's title may stand on the line under the name.
 */
function collectContactSection(
  lines: readonly PageLine[],
  at: number,
  end: number,
  inlineValue: string,
  titleLabel: string | undefined,
): { groups: string[][]; texts: string[]; next: number } {
  const groups: string[][] = []
  const texts: string[] = []
  let cur: string[] = []
  const flush = (): void => {
    if (cur.length > 0) {
      groups.push(cur)
    }
    cur = []
  }
  if (inlineValue !== '') {
    // "Projektledare: Ida Flygare": the label is the person's title
    groups.push(titleLabel ? [`${inlineValue}, ${titleLabel}`] : [inlineValue])
    return { groups, texts, next: at + 1 }
  }
  let i = at + 1
  while (i < end) {
    const l = lines[i]
    if (!l) {
      break
    }
    if (l.blank) {
      flush()
      i++
      continue
    }
    const lv = labelValue(l.text)
    const kind = lv ? labelKind(lv.label) : null
    if (lv && kind !== null && kind !== 'phone' && kind !== 'email' && kind !== 'contact') {
      break
    }
    texts.push(l.text)
    if (CONTACT_SEPARATOR.test(l.text)) {
      flush()
      i++
      continue
    }
    const isDetail = PHONE_LINE.test(l.text) || EMAIL_LINE.test(l.text) || CONTACT_LINK.test(l.text)
    if (l.bullet && !isDetail) {
      flush()
    }
    cur.push(l.text)
    i++
  }
  flush()
  return { groups, texts, next: i }
}
