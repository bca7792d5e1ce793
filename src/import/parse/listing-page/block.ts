import { canonicalProgramme } from '../../../registry/programmes.js'
import type {
  Money,
  ProjectRecord,
  ProjectStatus,
  RecordContact,
  RecordPartner,
  Role,
} from '../../../registry/project-record.js'
import { parseContact } from '../fields/contacts.js'
import { countryCode } from '../fields/countries.js'
import { parseDate, parsePeriod } from '../fields/dates.js'
import { fold } from '../fields/fold.js'
import { parseMoney } from '../fields/money.js'
import { type ParsedPartner, parsePartner, parsePartnerList } from '../fields/partners.js'
import { roleFromStatement } from '../fields/roles.js'
import { eventIssues } from './events.js'
import { type LabelKind, labelKind, labelValue, type PageLine } from './lines.js'
import { nameFromFirstSentence, nameFromProse, nameFromTopic, splitTitle } from './names.js'
import { isOrganisationEntry, sameBody } from './organisation.js'
import {
  type Block,
  eventNumber,
  isLinkOrNote,
  isSubheading,
  isTitleShaped,
  type PageShape,
} from './segment.js'

/** What the reader knows about the page when it reads one block. */
export interface PageContext {
  readonly document: string
  /** the publishing body ("Region Skåne"), null when the page names none */
  readonly organisation: string | null
  /** status the page's introduction gives all its projects ("Här listar vi pågående projekt") */
  readonly pageStatus: ProjectStatus | null
  readonly shape: PageShape
}

/** A labelled fact of the block: the label's kind, its value and the lines it spans. */
interface Labelled {
  readonly kind: LabelKind
  readonly label: string
  /** the value on the label's line, or the lines that follow an empty label, joined by '\n' */
  readonly value: string
  readonly lines: readonly string[]
  /** the source wrote "Label:" with nothing after it and put the value on the following lines */
  readonly leftEmpty: boolean
}

/** The block's text sorted into what the readers need. */
interface Body {
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

const CONTACT_LINK = /^(contact|kontakt|e-post|e-mail|email|mejla|skicka e-post)[.:]?\s*(contact)?$/i
const CONTACT_SEPARATOR = /^visa (fler )?kontaktuppgifter$/i
const PHONE_LINE = /^(telefon|tel|tfn|mobil|mobilnummer|mobile|phone|växel)\b/i
const EMAIL_LINE = /^(e-post|epost|e-mail|email|mejl)\b/i

/**
 * Reads one project block of a listing page into a project record.
 * @param lines all lines of the page
 * @param block the block's stretch of lines
 */
export function readBlock(lines: readonly PageLine[], block: Block, ctx: PageContext): ProjectRecord {
  const issues: string[] = [...block.notes]
  const first = lines[block.start]
  const titleLine = block.title !== null ? lines[block.title] : undefined
  const body = sortBody(lines, block)
  const org = ctx.organisation

  // Name and acronym: the title, or the prose when the scrape lost the heading.
  let name: string
  let acronym: string | null = null
  if (titleLine) {
    const read = splitTitle(titleLine.text)
    name = read.name
    acronym = read.acronym
    issues.push(...read.issues)
  } else {
    const read = nameFromProse([...body.paragraphs, ...body.eventParagraphs], org)
    if (read) {
      name = read.name
      acronym = read.acronym
      issues.push(...read.issues)
    } else {
      const opening = body.paragraphs[0] ?? body.eventParagraphs[0] ?? first?.text ?? ''
      const topic = nameFromTopic(opening)
      name = topic ?? nameFromFirstSentence(opening === '' ? 'Namnlöst projekt' : opening)
      issues.push(
        topic
          ? `name not stated in source; built from the description's topic ('${opening.slice(0, 80)}')`
          : 'name not stated in source; the first sentence of the description stands in for it',
      )
    }
  }
  const acronymLabel = body.labelled.find((l) => l.kind === 'acronym')?.value.trim()
  if (acronym === null && acronymLabel) {
    acronym = acronymLabel
  }
  if (acronym === null) {
    acronym = acronymFromProse(name, body.paragraphs)
    if (acronym !== null) {
      issues.push(`acronym ${acronym} given in the description`)
    }
  }

  const period = readPeriod(body, titleLine?.text ?? null, issues)
  const startYear = period.start ? Number(period.start.slice(0, 4)) : null
  const programmeRaw = readProgrammeRaw(body)
  let programme: string | null = null
  if (programmeRaw !== null) {
    const c = canonicalProgramme(programmeRaw, startYear)
    programme = c.programme
    issues.push(...c.issues)
  }

  const money = readMoney(body, issues)
  const people = readContacts(body, issues)
  const website = readWebsite(body, issues)
  const parties = readParties(body, org, issues)
  const role = readRole(body, parties, block, org)
  const partners = parties.partners
  let leadPartner = parties.leadPartner
  if (leadPartner === null && role === 'lead' && org && parties.soleLead) {
    leadPartner = org
  }
  if (leadPartner !== null && !partners.some((p) => samePartner(p.name, leadPartner ?? ''))) {
    partners.unshift({ name: leadPartner, country: parties.leadCountry })
  }

  const status = statusFromLabel(body) ?? block.headingStatus ?? ctx.pageStatus ?? statusFromText(body.texts)
  issues.push(...eventIssues(body.texts))
  issues.push(...sourceIssues(body, { role, programme, programmeRaw, org }))
  if (
    money.total &&
    money.eu &&
    money.total.currency === money.eu.currency &&
    money.eu.amount > money.total.amount
  ) {
    issues.push(
      `EU contribution ${money.eu.amount} ${money.eu.currency} above the total budget ${money.total.amount}`,
    )
  }

  return {
    name,
    acronym,
    organisation: org,
    unit: null,
    theme: block.theme,
    role,
    status,
    start: period.start,
    end: period.end,
    programme,
    programmeRaw,
    totalBudget: money.total,
    euContribution: money.eu,
    paidInYear: null,
    leadPartner,
    partners,
    contacts: people,
    website,
    goals: [],
    areas: readAreas(body),
    summary: body.paragraphs[0] ?? null,
    source: { document: ctx.document, page: first?.page ?? null, line: first?.line ?? 1 },
    issues: [...new Set(issues)],
  }
}

/**
 * What a careful reader notes about the block as a whole: a label given twice, partner entries
 * that name no organisation, EU funding without a programme, funding that is not an EU programme,
 * an organisation whose role the text never states.
 */
function sourceIssues(
  body: Body,
  read: { role: Role | null; programme: string | null; programmeRaw: string | null; org: string | null },
): string[] {
  const issues: string[] = []
  const seen = new Map<string, string>()
  for (const l of body.labelled) {
    const key = `${l.kind} ${fold(l.value)}`
    if (seen.has(key)) {
      issues.push(`'${l.label}: ${l.value.split('\n')[0]}' is given twice in the block`)
    }
    seen.set(key, l.value)
  }
  for (const l of body.labelled) {
    if (l.kind !== 'partners') {
      continue
    }
    const unnamed = l.value
      .split(/[,;\n]|\s+samt\s+/)
      .map((e) => e.trim())
      .map((e) => e.replace(/[.]+$/, ''))
      .filter((e) => /^(\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio|flera|några)\s+\p{Ll}/iu.test(e))
    if (unnamed.length > 0) {
      issues.push(
        `partner list names unnamed parts of organisations (${unnamed.map((u) => `'${u}'`).join(', ')}); kept as written`,
      )
    }
  }
  const text = body.texts.join(' ')
  if (
    read.programme === null &&
    /\bEU-(finansierat|finansierad|finansierade|projekt|medel|stöd)\b|\bEU-funded\b/iu.test(text)
  ) {
    issues.push('described as EU-funded, but no programme is named')
  }
  if (read.programmeRaw !== null && read.programme !== null && !canonicalProgramme(read.programmeRaw).isEu) {
    const known = canonicalProgramme(read.programmeRaw).known
    if (known === null) {
      issues.push(
        `funding source '${read.programmeRaw}' is not an EU programme on the list; kept as its own name`,
      )
    }
  }
  if (read.role === null && read.org !== null) {
    issues.push(`role of ${read.org} in the project not stated`)
  }
  return issues
}

// ---------------------------------------------------------------------------------------------
// Sorting the block's lines

function sortBody(lines: readonly PageLine[], block: Block): Body {
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

// ---------------------------------------------------------------------------------------------
// Contacts

const PERSON_NAME =
  /^\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’-]+)?(?: (?:af|av|von|van|de|der|da) )?(?: \p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’-]+)?){1,2}$/u

function readContacts(body: Body, issues: string[]): RecordContact[] {
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
      const hasEmail = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/u.test(text)
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

// ---------------------------------------------------------------------------------------------
// Period and status

const PERIOD_SENTENCE =
  /^(?:proje\p{L}*|förstudien|studien|the project)\s+(?:pågick|pågår|startade|startar|avslutades|avslutas|genomfördes|löper|löpte|beräknas|ran|runs|started|ended|lasted)\b/iu
const DATE_RANGE_LINE = /^\d{4}-?\d{2}-?\d{2}\s*(?:-|–|—|till|to)\s*\d{4}-?\d{2}-?\d{2}\.?$/

function readPeriod(
  body: Body,
  title: string | null,
  issues: string[],
): { start: string | null; end: string | null } {
  let start: string | null = null
  let end: string | null = null
  const take = (text: string): void => {
    const p = parsePeriod(text)
    if (p.start === null && p.end === null) {
      return
    }
    start ??= p.start
    end ??= p.end
    issues.push(...p.issues.filter((s) => !s.startsWith('period cannot be read')))
    if (/\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}/.test(text)) {
      issues.push(`project period written with a single hyphen between the two dates ('${text.trim()}')`)
    } else if (/\d--\d/.test(text)) {
      issues.push(`project period written with a double hyphen ('${text.trim()}')`)
    }
  }
  for (const l of body.labelled) {
    if (l.kind === 'period' && start === null && end === null) {
      take(l.value)
      if (l.leftEmpty && (start !== null || end !== null)) {
        issues.push(
          `'${l.label}:' left empty; the period is read from the line that follows ('${l.value.split('\n')[0]}')`,
        )
      }
    } else if (l.kind === 'start' && start === null) {
      const d = parseDate(l.value)
      start = d.value
      issues.push(...d.issues)
    } else if (l.kind === 'end' && end === null) {
      const d = parseDate(l.value)
      end = d.value
      issues.push(...d.issues)
    }
  }
  if (start === null && end === null) {
    for (const text of body.texts) {
      if ((PERIOD_SENTENCE.test(text) || DATE_RANGE_LINE.test(text)) && /\b(19|20)\d{2}/.test(text)) {
        take(text)
        if (start !== null || end !== null) {
          break
        }
      }
    }
  }
  if (start === null && end === null) {
    // "Leader Linné Småland (Leader-verksamhet år 2014-2023)", "Projektstöd …, år 2023–2027"
    for (const text of [title ?? '', ...body.texts]) {
      const m = /(?<![\p{L}])år\s+((?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2})\b/u.exec(text)
      if (m?.[1]) {
        take(m[1])
        break
      }
    }
  }
  if (start === null) {
    // "… genomföras med start 2018 och slut sommaren 2019"
    for (const text of body.texts) {
      const m =
        /\b(?:med start|startade|started|began)\s+(?:den |i |in |on )?([^,.;]{0,25}?(?:19|20)\d{2}(?:-\d{2}-\d{2})?)/iu.exec(
          text,
        )
      if (m?.[1]) {
        const d = parseDate(m[1])
        if (d.value !== null) {
          start = d.value
          break
        }
      }
    }
  }
  return { start, end }
}

/** "Status: Avslutat", "Status: Pågående", "Status: Completed". */
function statusFromLabel(body: Body): ProjectStatus | null {
  for (const l of body.labelled) {
    if (l.kind !== 'status') {
      continue
    }
    if (/avslut|slutför|genomför|klar|complete|finish|closed|ended/i.test(l.value)) {
      return 'completed'
    }
    if (/pågå|aktiv|löpande|ongoing|running|active|current/i.test(l.value)) {
      return 'ongoing'
    }
  }
  return null
}

function statusFromText(texts: readonly string[]): ProjectStatus | null {
  for (const t of texts) {
    if (
      /\b(?:proje\p{L}*|förstudien)\s+(?:avslutades|är avslutat|har avslutats|var avslutat)\b|\bthe project (?:ended|was completed|has ended)\b/iu.test(
        t,
      )
    ) {
      return 'completed'
    }
    if (/\b(?:projektet|förstudien)\s+pågår\b|\bthe project (?:is ongoing|runs)\b/iu.test(t)) {
      return 'ongoing'
    }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Programme

const PROGRAMME_PROSE: readonly RegExp[] = [
  /\b(?:finansieras|finansierades|finansierad|finansierat|medfinansieras|medfinansierades|delfinansieras|delfinansierades|samfinansieras|financed|funded|co-?financed|co-?funded)\s+(?:med\s+\d+\s*(?:procent|%)\s+)?(?:av|by|från|from|genom|through|via)\s+(?:the\s+)?(.+?)(?=[.;,]|\s+(?:that|which|som|för att|with|samt med|motsvarande)\b|$)/iu,
  /\binom ramen för\s+(?:programmet\s+)?(.+?)(?=[.;,]|\s+(?:och|and|med|för|som)\b|$)/iu,
  /\b(?:stödfinansiering|finansiering|projektmedel|medel|stöd|co-?financing|medfinansiering|funding)\s+(?:på\s+.+?\s+)?(?:från|from|ur)\s+(?:the\s+)?(.+?)(?=[.;,]|\s+(?:för att|motsvarande|to|som|i form)\b|$)/iu,
  /\bbedrivs inom\s+(.+?)(?=[.;,]|\s+(?:och|and|med|som)\b|$)/iu,
]

// Words that name a family or the Union, not a programme.
const TOO_GENERAL = /^(interreg|eu|europeiska unionen|european union|eu-programmet|unionen)$/

// The same phrases come up again and again on a page; the programme list is long.
const ACCEPTABLE = new Map<string, boolean>()

function acceptable(raw: string): boolean {
  const cached = ACCEPTABLE.get(raw)
  if (cached !== undefined) {
    return cached
  }
  const c = canonicalProgramme(raw)
  const ok = (c.known !== null && !TOO_GENERAL.test(fold(raw))) || /\butlysning/i.test(raw)
  if (ACCEPTABLE.size > 5000) {
    ACCEPTABLE.clear()
  }
  ACCEPTABLE.set(raw, ok)
  return ok
}

function readProgrammeRaw(body: Body): string | null {
  for (const l of body.labelled) {
    if (l.kind === 'programme' && l.value.trim() !== '') {
      return l.value
        .replace(/\s+/g, ' ')
        .replace(/[.;]+$/, '')
        .trim()
    }
  }
  for (const text of body.texts) {
    for (const re of PROGRAMME_PROSE) {
      const m = re.exec(text)
      const raw = m?.[1]?.trim()
      if (raw && acceptable(raw)) {
        return raw
      }
    }
    // flow pages: "Europeiska socialfonden." or "32 550 EUR Interreg South Baltic." on a line of its own
    const line = text
      .replace(/^\d[\d\s]*(?:,\d+)?\s*(?:kr|kronor|sek|eur|euro|€)\s+(?:från\s+|from\s+)?/i, '')
      .split(/\s+och\s+(?=\d)/)[0]
      ?.replace(/[.;]+$/, '')
    if (line && line.split(/\s+/).length <= 20 && startsWithProgramme(line)) {
      return line
    }
  }
  for (const h of body.subheadings) {
    if (acceptable(h)) {
      return h
    }
  }
  return null
}

// What may follow a programme's name on its line: an abbreviation, a priority, a channel.
const PROGRAMME_TAIL = /^([(,./–-]|(inom|via|och|samt|genom|through|programme|program|programmet)\b)/i

/** True for "Europeiska regionala utvecklingsfonden (ERUF) inom …", not for "South Baltic Public Innovators Network aims to". */
function startsWithProgramme(line: string): boolean {
  const words = line.split(/\s+/)
  if (words.length <= 6 && !/:$/.test(line) && acceptable(line)) {
    return true
  }
  // the shortest opening that names a programme must be followed by nothing but qualifiers
  for (let k = 1; k <= Math.min(6, words.length); k++) {
    if (acceptable(words.slice(0, k).join(' '))) {
      const rest = words.slice(k).join(' ')
      return rest === '' || PROGRAMME_TAIL.test(rest)
    }
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// Money

interface MoneyRead {
  total: Money | null
  eu: Money | null
}

const AMOUNT = String.raw`\d[\d\s]*(?:[.,]\d+)?\s*(?:miljoner|milj\.?|mnkr|mkr|msek|tkr)?\s*(?:kr|kronor|sek|eur|euro|€)`
const LEADING_AMOUNT = new RegExp(String.raw`^(${AMOUNT})\b\s*(.*)$`, 'iu')

function readMoney(body: Body, issues: string[]): MoneyRead {
  const out: MoneyRead = { total: null, eu: null }
  const money = (text: string): Money | null => {
    const r = parseMoney(text)
    issues.push(...r.issues.map((s) => (s.startsWith('amount approximated') ? 'approximate amount' : s)))
    return r.value
  }
  for (const l of body.labelled) {
    if (l.kind === 'budget' && out.total === null) {
      out.total = money(l.value)
    } else if (l.kind === 'eu' && out.eu === null) {
      out.eu = money(l.value)
    }
  }
  for (const text of body.texts) {
    if (labelValue(text) !== null) {
      continue
    }
    const total =
      /\btotal(?:a)?\s*(?:budget(?:en)?|kostnad(?:en)?|omslutning)(?:\s+för\s+(?:projektet|förstudien))?(?:\s+(?:var|är|på|om|uppgick till|uppgår till|of|was|is|amounted to))?\s*(.+)$/iu.exec(
        text,
      )
    if (total?.[1] && out.total === null) {
      out.total = money(total[1].split(/,\s*varav\b/)[0] ?? total[1])
    }
    const eu =
      /\b(?:medfinansiering|eu-stöd|eu-bidrag|eu-medel|eu-finansiering|co-?financing|eu funding|eu contribution)\b(.+)$/iu.exec(
        text,
      )
    if (eu?.[1] && out.eu === null && new RegExp(AMOUNT, 'iu').test(eu[1])) {
      out.eu = money(eu[1])
    }
    const lead = LEADING_AMOUNT.exec(text)
    if (lead?.[1] && text.length < 200) {
      readLeadingAmounts(text, out, issues)
    }
  }
  // "varav 50 procent kom från …", "medfinansierades med 50 procent av …": a share of the total
  if (out.eu === null && out.total !== null) {
    for (const text of body.texts) {
      const m =
        /\b(?:varav|medfinansierades med|medfinansieras med|co-?financed (?:with|by))\s+(\d+(?:[.,]\d+)?)\s*(?:procent|%)/iu.exec(
          text,
        )
      if (m?.[1]) {
        const share = Number(m[1].replace(',', '.'))
        const amount = Math.round((out.total.amount * share) / 100)
        out.eu = { amount, currency: out.total.currency }
        issues.push(
          `euContribution derived from percentage: '${m[0]}' of ${out.total.amount} ${out.total.currency} = ${amount}`,
        )
        break
      }
    }
  }
  return out
}

/**
 * Lines that open with an amount: "2 700 000 kr" alone (a total whose heading the scrape lost),
 * "32 550 EUR Interreg South Baltic." (the EU share), "400 000 kr från ERUF och 400 000 kr från
 * Hässleholms kommun" (shares that add up to the total).
 */
function readLeadingAmounts(text: string, out: MoneyRead, issues: string[]): void {
  const parts = text.split(/\s+och\s+(?=\d)/u)
  const read: { value: Money; source: string }[] = []
  for (const part of parts) {
    const m = LEADING_AMOUNT.exec(part.trim())
    if (!m?.[1]) {
      return
    }
    const r = parseMoney(m[1])
    if (!r.value) {
      issues.push(...r.issues)
      return
    }
    read.push({
      value: r.value,
      source: (m[2] ?? '').replace(/^(från|from|ur)\s+/i, '').replace(/[.;]+$/, ''),
    })
  }
  const [only] = read
  if (read.length === 1 && only) {
    if (only.source === '') {
      if (out.total === null) {
        out.total = only.value
        issues.push(`amount '${text.trim()}' stands without a label; read as the total budget`)
      }
      return
    }
    if (canonicalProgramme(only.source).isEu && out.eu === null) {
      out.eu = only.value
    }
    return
  }
  const eu = read.find((r) => canonicalProgramme(r.source).isEu)
  if (eu && out.eu === null) {
    out.eu = eu.value
  }
  const currency = read[0]?.value.currency
  if (out.total === null && currency && read.every((r) => r.value.currency === currency)) {
    const amount = read.reduce((a, r) => a + r.value.amount, 0)
    out.total = { amount, currency }
    issues.push(`totalBudget derived from parts: '${text.trim()}'`)
  }
}

// ---------------------------------------------------------------------------------------------
// Website and areas

function readWebsite(body: Body, issues: string[]): string | null {
  for (const l of body.labelled) {
    if (l.kind !== 'website') {
      continue
    }
    const values = l.value
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
    if (values.length === 1 && values[0]) {
      const v = values[0]
      if (!/(https?:\/\/|www\.|\.[a-z]{2,4}(\/|$))/i.test(v)) {
        issues.push(`website given as link text only ('${v}'), no address`)
      }
      return v
    }
    if (values.length > 1) {
      issues.push(
        `'${l.label}:' gives several link texts (${values.join(', ')}), no address of the project itself; website left null`,
      )
    }
  }
  return null
}

function readAreas(body: Body): string[] {
  return body.labelled.filter((l) => l.kind === 'area').map((l) => l.value.replace(/\s+/g, ' ').trim())
}

// ---------------------------------------------------------------------------------------------
// Partners, lead partner and role

interface Parties {
  partners: RecordPartner[]
  leadPartner: string | null
  leadCountry: string | null
  /** partners from lists that make the organisation a partner (not "genomfördes av A, B och C") */
  listed: RecordPartner[]
  /** false when the organisation runs the project together with another ("driver tillsammans med") */
  soleLead: boolean
  /** the organisation ran the project jointly with others, owner not stated */
  jointlyCarriedOut: boolean
}

const DEFINITE_PLURAL = /^\p{Ll}[\p{L}-]*(erna|arna|orna|na)$/u

/**
 * Cleans a partner list before it is split: a semicolon used as a colon becomes a comma, and
 * entries that name kinds of actors rather than organisations ("inkubatorerna i Skåne", "samt de
 * kommuner som leden passerar igenom") are dropped, each with an issue.
 */
function cleanList(value: string, issues: string[]): string {
  const lines = value.split('\n')
  const out: string[] = []
  for (let line of lines) {
    if ((line.match(/;/g) ?? []).length === 1 && !/;\s*$/.test(line)) {
      line = line.replace(';', ',')
    }
    const segments = splitOutsideParens(line, ',')
    const kept: string[] = []
    for (const seg of segments) {
      const s = seg.trim()
      const firstWord = s.split(/\s+/)[0] ?? ''
      if (
        /^(samt|och|and)\s+(de|dem|alla|the)\b/i.test(s) ||
        (DEFINITE_PLURAL.test(firstWord) &&
          !/\s\p{Lu}/u.test(s.slice(firstWord.length, firstWord.length + 2)))
      ) {
        issues.push(`partner list names a group, not an organisation ('${s}'); not recorded as a partner`)
        continue
      }
      // "regionerna Schleswig-Holstein (Tyskland)": the descriptive word goes, the name stays
      kept.push(DEFINITE_PLURAL.test(firstWord) ? s.slice(firstWord.length).trim() : s)
    }
    out.push(kept.join(', '))
  }
  return out.join('\n')
}

function splitOutsideParens(text: string, sep: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of text) {
    if (ch === '(') {
      depth++
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1)
    }
    if (ch === sep && depth === 0) {
      out.push(cur)
      cur = ''
      continue
    }
    cur += ch
  }
  out.push(cur)
  return out.filter((s) => s.trim() !== '')
}

/**
 * In a list where every entry but the first names its country, an entry without one is the front
 * half of a name with a comma in it: "MITA – Agency for Science, Innovation and Technology (Litauen)".
 */
function joinCommaNames(list: ParsedPartner[], source: string): ParsedPartner[] {
  const untagged = list.map((p, i) => (i > 0 && p.country === null ? i : -1)).filter((i) => i > 0)
  const [only] = untagged
  if (untagged.length !== 1 || only === undefined || list.length < 4) {
    return list
  }
  const front = list[only]
  const back = list[only + 1]
  if (
    !front ||
    !back ||
    back.country === null ||
    !fold(source).includes(fold(`${front.name}, ${back.name}`))
  ) {
    return list
  }
  const joined = { ...back, name: `${front.name}, ${back.name}` }
  return [...list.slice(0, only), joined, ...list.slice(only + 2)]
}

/** True when most entries start in lower case: a list of kinds of actors ("Regioner, nationella myndigheter …"). */
function kindsOfActors(list: readonly ParsedPartner[]): boolean {
  if (list.length < 3) {
    return false
  }
  const lower = list.slice(1).filter((p) => /^\p{Ll}/u.test(p.name)).length
  return lower >= (list.length - 1) / 2
}

// "Berlin-Brandenburg är huvudansvarig", "drivet av Køge kommune", "led by X"
const LEAD_SENTENCE =
  /(?:^|[.!?]\s+)(\p{Lu}[^.!?]{1,80}?)\s+(?:är|var)\s+(?:huvudansvarig[a]?|projektägare|lead partner|ledande partner|koordinator)\b/u
const LED_BY =
  /(?<![\p{L}])(?:drivet|drivs|drevs|leds|leddes|ägs|ägdes|led|coordinated|run)\s+(?:av|by)\s+(\p{Lu}[^.,;]{1,80}?)(?=[.,;]|\s+(?:och|and|i samarbete|in cooperation)\b|$)/u
const OWNER_SITE = /(\p{Lu}[\p{L}-]+ (?:kommun|stad|region|kommune))s?\b[^.]{0,40}?,?\s+som projektägare\b/u

function readParties(body: Body, org: string | null, issues: string[]): Parties {
  const partners: RecordPartner[] = []
  const listed: RecordPartner[] = []
  let leadPartner: string | null = null
  let leadCountry: string | null = null
  let soleLead = true
  let jointlyCarriedOut = false
  const add = (p: RecordPartner, isListed: boolean): void => {
    if (!partners.some((q) => samePartner(q.name, p.name))) {
      partners.push({ name: p.name, country: p.country })
    }
    if (isListed) {
      listed.push(p)
    }
  }
  for (const l of body.labelled) {
    if (l.kind === 'lead' && leadPartner === null) {
      const p = parsePartner(l.value.split('\n')[0] ?? '')
      if (p) {
        leadPartner = p.name
        leadCountry = p.country
      }
    }
  }
  for (const l of body.labelled) {
    if (l.kind !== 'partners') {
      continue
    }
    // sentences inside the list that say who leads ("… Östersjön. Berlin-Brandenburg är huvudansvarig")
    let value = l.value
    const lead = LEAD_SENTENCE.exec(value.replace(/\n/g, ' '))
    if (lead?.[1]) {
      leadPartner ??= lead[1].trim()
      value = value
        .replace(/\n/g, ' ')
        .replace(lead[0], '.')
        .replace(/[.\s]+$/, '')
    }
    const adjective = countryCode(l.label.split(/\s+/)[0] ?? '')
    const cleaned = cleanList(value, issues)
    const list = joinCommaNames(parsePartnerList(cleaned, { defaultCountry: adjective }), cleaned)
    if (kindsOfActors(list)) {
      issues.push(`'${l.label}:' lists only kinds of actors, no organisations`)
      continue
    }
    for (const p of list) {
      if (p.isLead && leadPartner === null) {
        leadPartner = p.name
        leadCountry = p.country
      }
      add(p, true)
    }
  }
  for (const cl of body.countryLines) {
    for (const p of parsePartnerList(cl.value, { defaultCountry: cl.country })) {
      add(p, true)
    }
  }
  for (const text of body.texts) {
    if (labelValue(text) !== null) {
      continue
    }
    const withWhom = /\b(?:i samarbete med|in cooperation with|in partnership with)\s+(.+?)\.?$/iu.exec(text)
    if (withWhom?.[1] && /^proje\p{L}*\s+genomfördes|^the project was/iu.test(text)) {
      for (const p of parsePartnerList(cleanList(withWhom[1], issues))) {
        add(p, true)
      }
    }
    const by =
      /^(?:proje\p{L}*|förstudien|studien)\s+(?:genomfördes|genomförs|utfördes)\s+av\s+(.+?)\.?$/iu.exec(text)
    if (by?.[1]) {
      const list = distribute(by[1])
      if (list.length === 1 && org && list[0] && isOrganisationEntry(list[0].name, org)) {
        leadPartner ??= list[0].name
      } else if (list.length > 1) {
        jointlyCarriedOut = true
        if (org && list.some((p) => isOrganisationEntry(p.name, org))) {
          issues.push(`carried out jointly ('${by[1]}'); project owner not stated`)
        }
      }
      for (const p of list) {
        add(p, false)
      }
    }
    const were = /\bPartners?\s+(?:var|är|were|are)\s+(?:förutom\s+(.+?)\s+även\s+)?(.+?)\.?$/u.exec(text)
    if (were?.[2]) {
      for (const p of [...distribute(were[1] ?? ''), ...distribute(were[2])]) {
        add(p, true)
      }
    }
    const ledBy = LED_BY.exec(text)
    if (ledBy?.[1] && leadPartner === null && !/^(the|den|det)\b/i.test(ledBy[1])) {
      leadPartner = ledBy[1].trim()
    }
    const owner = OWNER_SITE.exec(text)
    if (owner?.[1] && leadPartner === null) {
      leadPartner = owner[1]
    }
    if (org && new RegExp(`${escapeRegExp(org)}\\s+\\p{L}+\\s+tillsammans med`, 'iu').test(text)) {
      soleLead = false
    }
  }
  // The lead partner is among the partners (the caller adds it, first, when no list names it).
  if (leadPartner !== null) {
    const lp = leadPartner
    const at = partners.findIndex((p) => samePartner(p.name, lp))
    const p = partners[at]
    if (p) {
      // the lead partner's own wording wins over a name built from "Køge och Hässleholms kommuner"
      partners[at] = { name: lp, country: p.country }
      leadCountry ??= p.country
    }
  }
  // The partner reader folds dashes to '-'; names keep the source's own ("ecoplus – The Business …").
  const source = body.texts.join('\n')
  const asWritten = (name: string): string => restoreDashes(name, source)
  return {
    partners: partners.map((p) => ({ ...p, name: asWritten(p.name) })),
    leadPartner: leadPartner === null ? null : asWritten(leadPartner),
    leadCountry,
    listed,
    soleLead,
    jointlyCarriedOut,
  }
}

/** The source's spelling of a name whose dashes a reader normalised, or the name unchanged. */
function restoreDashes(name: string, source: string): string {
  if (!name.includes('-')) {
    return name
  }
  const pattern = escapeRegExp(name).replace(/-/g, '[-‐‑‒–—]').replace(/ /g, '\\s+')
  return new RegExp(pattern, 'u').exec(source)?.[0] ?? name
}

/** "Hässleholms och Kristianstads kommuner" → two municipalities; other lists as partner lists. */
function distribute(text: string): ParsedPartner[] {
  const t = text.trim()
  if (t === '') {
    return []
  }
  const m = /^(\p{Lu}[\p{L}-]*) och (\p{Lu}[\p{L}-]*) (kommuner|städer|kommunerna)$/u.exec(t)
  if (m?.[1] && m[2]) {
    const noun = m[3] === 'städer' ? 'stad' : 'kommun'
    return [`${m[1]} ${noun}`, `${m[2]} ${noun}`].map((name) => ({ name, country: null, isLead: false }))
  }
  return parsePartnerList(t)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Partners are the same when their names fold alike or denote the same public body. */
function samePartner(a: string, b: string): boolean {
  return fold(a) === fold(b) || sameBody(a, b)
}

function readRole(body: Body, parties: Parties, block: Block, org: string | null): Role | null {
  if (!org) {
    return null
  }
  if (parties.leadPartner !== null && isOrganisationEntry(parties.leadPartner, org)) {
    return 'lead'
  }
  const prose = body.texts.filter((t) => labelValue(t) === null || /^aktörer|^partners/i.test(t)).join(' ')
  const stated = roleFromStatement(prose, org)
  if (stated !== null) {
    return stated
  }
  if (parties.listed.some((p) => isOrganisationEntry(p.name, org))) {
    return 'partner'
  }
  if (parties.jointlyCarriedOut) {
    return null
  }
  const mentioned = body.texts.some((t) => fold(t).includes(fold(org)))
  const weTakePart = block.headings.some((h) => /\b(deltar|medverkar|participate|take part)\b/i.test(h))
  if (parties.leadPartner !== null && (mentioned || weTakePart)) {
    return 'partner'
  }
  return null
}

/** An acronym the description gives in parentheses after the name: "Fiber till Alla i Blekinge och Skåne (FABS)". */
function acronymFromProse(name: string, paragraphs: readonly string[]): string | null {
  const key = fold(name)
  for (const p of paragraphs) {
    for (const m of p.matchAll(/\(([\p{Lu}\p{N}-]{2,10})\)/gu)) {
      const before = fold(p.slice(Math.max(0, m.index - name.length - 20), m.index))
      if (key !== '' && before.endsWith(key) && m[1]) {
        return m[1]
      }
    }
  }
  return null
}
