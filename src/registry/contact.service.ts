import { NotFoundError } from '../shared/errors.js'
import type { AuditEvent } from './audit.js'
import { findAuditEventsPage, updateAuditPayloads } from './audit.repository.js'
import { auditEventRowToAuditEvent, forgetAuditTrail, recordAudit } from './audit.service.js'
import type { DataIssue } from './data-issue.js'
import { findDataIssuesPage, updateDataIssueTexts } from './data-issue.repository.js'
import { dataIssueRowToDataIssue, forgetDataIssues } from './data-issue.service.js'
import { findProvenancePage, setProvenanceRawText } from './document.repository.js'
import { forgetProvenance } from './document.service.js'
import type { Contact, ContactPatch, NewContact, Participation, PersonQuery } from './participation.js'
import {
  deleteContactRow,
  findContactById,
  findContactsByParticipations,
  findContactsByPerson,
  insertContact,
  updateContactRow,
} from './participation.repository.js'
import { getParticipation } from './participation.service.js'
import type { ContactRow } from './participation.table.js'
import type { Project } from './project.js'
import { findProjectsMentioning, getProject, updateProject } from './project.service.js'
import { now } from './schema-helpers.js'
import type { Scope } from './scope.js'
import { type Db, inTransaction } from './tx.js'

/** The one mapper from a contact row to the domain. */
export function contactRowToContact(row: ContactRow): Contact {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    participationId: row.participation_id,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
  }
}

/**
 * Adds a contact person to a participation.
 * @throws {NotFoundError} when the tenant has no such participation
 */
export async function addContact(
  db: Db,
  scope: Scope,
  participationId: number,
  input: NewContact,
): Promise<Contact> {
  return inTransaction(db, async (trx) => {
    await getParticipation(trx, scope, participationId)
    const row = await insertContact(trx, {
      tenant_id: scope.tenantId,
      participation_id: participationId,
      name: input.name ?? null,
      title: input.title ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      created_at: now(),
    })
    const contact = contactRowToContact(row)
    await recordAudit(trx, scope, 'contact', contact.id, 'create', null, contact)
    return contact
  })
}

/**
 * One contact of the tenant.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function getContact(db: Db, scope: Scope, id: number): Promise<Contact> {
  const row = await findContactById(db, scope.tenantId, id)
  if (!row) {
    throw new NotFoundError(`No contact with id ${id}`)
  }
  return contactRowToContact(row)
}

/** The contacts of one participation. */
export async function listContacts(db: Db, scope: Scope, participationId: number): Promise<Contact[]> {
  return listContactsOfTenants(db, [scope.tenantId], [participationId])
}

/**
 * The contacts of participations of several tenants at once (the public catalogue's pages span
 * many), in id order. Only rows of the given tenants are read; match each by `tenantId` and
 * `participationId`.
 */
export async function listContactsOfTenants(
  db: Db,
  tenantIds: readonly number[],
  participationIds: readonly number[],
): Promise<Contact[]> {
  return (await findContactsByParticipations(db, tenantIds, participationIds)).map(contactRowToContact)
}

/**
 * Changes a contact.
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function updateContact(db: Db, scope: Scope, id: number, patch: ContactPatch): Promise<Contact> {
  return inTransaction(db, async (trx) => {
    const before = await getContact(trx, scope, id)
    await updateContactRow(trx, scope.tenantId, id, patch)
    const after = await getContact(trx, scope, id)
    await recordAudit(trx, scope, 'contact', id, 'update', before, after)
    return after
  })
}

/**
 * Deletes a contact (an ordinary edit; for a data subject's request use erasePerson).
 * @throws {NotFoundError} when the tenant has none with this id
 */
export async function deleteContact(db: Db, scope: Scope, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getContact(trx, scope, id)
    await deleteContactRow(trx, scope.tenantId, id)
    await forgetProvenance(trx, scope, 'contact', [id])
    await recordAudit(trx, scope, 'contact', id, 'delete', before, null)
  })
}

/** Everything the registry holds about one person (GDPR art. 15 access / art. 20 portability). */
export interface PersonalDataExport {
  readonly query: PersonQuery
  readonly contacts: readonly {
    readonly contact: Contact
    readonly participation: Participation
    readonly project: Project
  }[]
  /** audit events whose before/after mention the person */
  readonly auditEvents: readonly AuditEvent[]
  /** source text (provenance) that mentions the person */
  readonly sourceExcerpts: readonly {
    readonly document: string
    readonly page: number | null
    readonly text: string
  }[]
  /** projects whose name, acronym or summary mention the person */
  readonly projectMentions: readonly Project[]
  /** data-quality notes that mention the person */
  readonly dataIssues: readonly DataIssue[]
}

function identifying(contacts: readonly Contact[]): string[] {
  const terms = new Set<string>()
  for (const c of contacts) {
    for (const v of [c.name, c.email, c.phone]) {
      // Very short values would match unrelated text; a name or address is always longer.
      if (v && v.trim().length >= 4) {
        terms.add(v.trim())
      }
    }
  }
  return [...terms]
}

function mentions(value: unknown, terms: readonly string[]): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null)
  const lower = text.toLocaleLowerCase('sv')
  return terms.some((t) => lower.includes(t.toLocaleLowerCase('sv')))
}

async function contactsOf(db: Db, scope: Scope, query: PersonQuery): Promise<Contact[]> {
  const rows = await findContactsByPerson(
    db,
    scope.tenantId,
    'email' in query ? { email: query.email } : { name: query.name },
  )
  return rows.map(contactRowToContact)
}

const PAGE = 500

/**
 * Every row of a paged scan. Personal-data searches scan in code rather than with LIKE, whose case
 * rules differ between the engines; erasure and access requests are rare, so thoroughness wins.
 */
async function* scan<T extends { id: number }>(page: (afterId: number) => Promise<T[]>): AsyncGenerator<T> {
  let afterId = 0
  for (;;) {
    const rows = await page(afterId)
    yield* rows
    const last = rows.at(-1)
    if (rows.length < PAGE || last === undefined) {
      return
    }
    afterId = last.id
  }
}

/**
 * Collects everything the tenant's registry holds about a person: contact entries with their
 * projects, audit events, source excerpts, project texts and data-quality notes that mention them.
 */
export async function exportPersonalData(
  db: Db,
  scope: Scope,
  query: PersonQuery,
): Promise<PersonalDataExport> {
  const contacts = await contactsOf(db, scope, query)
  const terms = identifying(contacts)
  const entries = []
  for (const contact of contacts) {
    const participation = await getParticipation(db, scope, contact.participationId)
    const project = await getProject(db, scope, participation.projectId)
    entries.push({ contact, participation, project })
  }
  if (terms.length === 0) {
    return {
      query,
      contacts: entries,
      auditEvents: [],
      sourceExcerpts: [],
      projectMentions: [],
      dataIssues: [],
    }
  }
  const auditEvents: AuditEvent[] = []
  for await (const row of scan((after) => findAuditEventsPage(db, scope.tenantId, after, PAGE))) {
    if (mentions([row.before_json, row.after_json], terms)) {
      auditEvents.push(auditEventRowToAuditEvent(row))
    }
  }
  const sourceExcerpts: { document: string; page: number | null; text: string }[] = []
  for await (const row of scan((after) => findProvenancePage(db, scope.tenantId, after, PAGE))) {
    if (row.raw_text && mentions(row.raw_text, terms)) {
      sourceExcerpts.push({ document: row.document_name, page: row.page, text: row.raw_text })
    }
  }
  const dataIssues: DataIssue[] = []
  for await (const row of scan((after) => findDataIssuesPage(db, scope.tenantId, after, PAGE))) {
    if (mentions([row.message, row.resolution], terms)) {
      dataIssues.push(dataIssueRowToDataIssue(row))
    }
  }
  const projectMentions = new Map<number, Project>()
  for (const term of terms) {
    for (const project of await findProjectsMentioning(db, scope, term)) {
      projectMentions.set(project.id, project)
    }
  }
  return {
    query,
    contacts: entries,
    auditEvents,
    sourceExcerpts,
    projectMentions: [...projectMentions.values()],
    dataIssues,
  }
}

const ERASED = '[erased]'

/** Replaces each mention of the terms in a text, keeping the rest of it. */
function cutOut(text: string, terms: readonly string[]): string {
  let out = text
  for (const term of terms) {
    out = out.replace(new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), ERASED)
  }
  return out
}

function scrub(value: unknown, terms: readonly string[]): unknown {
  if (typeof value === 'string') {
    return mentions(value, terms) ? cutOut(value, terms) : value
  }
  if (Array.isArray(value)) {
    return value.map((v) => scrub(v, terms))
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, terms)]))
  }
  return value
}

/**
 * Erases a person (GDPR art. 17) in one transaction: deletes their contact entries with the
 * entries' provenance, issues and audit trail; cuts their name, e-mail and phone out of project
 * summaries, data-issue texts, source excerpts and audit payloads. Records one audit event per
 * erased entry, without personal data. A project NAME that contains the person's name is left for a
 * person to judge (exportPersonalData lists it).
 *
 * On SQLite, the adapter should call `purgeFreedPages(db, dialect)` (src/db/maintenance.ts)
 * afterwards so no copy survives in the WAL file; backups taken earlier still hold the data.
 * @returns how many contact entries were erased
 */
export async function erasePerson(db: Db, scope: Scope, query: PersonQuery): Promise<number> {
  return inTransaction(db, async (trx) => {
    const contacts = await contactsOf(trx, scope, query)
    const terms = identifying(contacts)
    for (const contact of contacts) {
      await deleteContactRow(trx, scope.tenantId, contact.id)
      await forgetProvenance(trx, scope, 'contact', [contact.id])
      await forgetDataIssues(trx, scope, 'contact', [contact.id])
      await forgetAuditTrail(trx, scope.tenantId, 'contact', contact.id)
    }
    if (terms.length > 0) {
      for (const term of terms) {
        for (const project of await findProjectsMentioning(trx, scope, term)) {
          if (project.summary && mentions(project.summary, terms)) {
            await updateProject(trx, scope, project.id, { summary: cutOut(project.summary, terms) })
          }
        }
      }
      for await (const row of scan((after) => findDataIssuesPage(trx, scope.tenantId, after, PAGE))) {
        if (mentions([row.message, row.resolution], terms)) {
          const resolution = row.resolution === null ? null : cutOut(row.resolution, terms)
          await updateDataIssueTexts(trx, row.id, cutOut(row.message, terms), resolution)
        }
      }
      for await (const row of scan((after) => findProvenancePage(trx, scope.tenantId, after, PAGE))) {
        if (row.raw_text && mentions(row.raw_text, terms)) {
          await setProvenanceRawText(trx, row.id, cutOut(row.raw_text, terms))
        }
      }
      // Last, so the audit events of the edits above are scrubbed too.
      for await (const row of scan((after) => findAuditEventsPage(trx, scope.tenantId, after, PAGE))) {
        if (mentions([row.before_json, row.after_json], terms)) {
          const event = auditEventRowToAuditEvent(row)
          const before = event.before === null ? null : JSON.stringify(scrub(event.before, terms))
          const after = event.after === null ? null : JSON.stringify(scrub(event.after, terms))
          await updateAuditPayloads(trx, event.id, before, after)
        }
      }
    }
    for (const contact of contacts) {
      await recordAudit(trx, scope, 'contact', contact.id, 'erase', null, null)
    }
    return contacts.length
  })
}
