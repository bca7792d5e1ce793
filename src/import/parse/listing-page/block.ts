import { canonicalProgramme } from '../../../registry/programmes.js'
import type { ProjectRecord, ProjectStatus, Role } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import { type Body, sortBody } from './body.js'
import { eventIssues } from './events.js'
import { readMoney, readProgrammeRaw } from './funding.js'
import type { PageLine } from './lines.js'
import { nameFromFirstSentence, nameFromProse, nameFromTopic, splitTitle } from './names.js'
import { readParties, readRole, samePartner } from './parties.js'
import { readContacts } from './people.js'
import { readPeriod, statusFromLabel, statusFromText } from './period.js'
import type { Block, PageShape } from './segment.js'

/** What the reader knows about the page when it reads one block. */
export interface PageContext {
  readonly document: string
  /** the publishing body ("Region Skåne"), null when the page names none */
  readonly organisation: string | null
  /** status the page's introduction gives all its projects ("Här listar vi pågående projekt") */
  readonly pageStatus: ProjectStatus | null
  /** the page's introduction says its body takes part in the projects ("Region Skåne deltar i …") */
  readonly takesPart: boolean
  readonly shape: PageShape
}

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
  const role = readRole(body, parties, block, org, ctx.takesPart)
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
