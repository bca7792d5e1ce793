import { Value } from 'typebox/value'
import {
  bestProjectMatch,
  findOrganisationMatch,
  type IndexedProject,
  loadProjectIndex,
  partnerKey,
  projectFacts,
} from '../curation/match.service.js'
import { matchOrganisations } from '../curation/organisation-match.js'
import { proposeMatch } from '../curation/review.service.js'
import { addContact } from '../registry/contact.service.js'
import type { CouncilGoal } from '../registry/council-goal.js'
import { createCouncilGoal, listCouncilGoals } from '../registry/council-goal.service.js'
import type { DataIssueKind, NewDataIssue } from '../registry/data-issue.js'
import { raiseDataIssues } from '../registry/data-issue.service.js'
import type { EntityKind, NewProvenance, StoredDocument } from '../registry/document.js'
import { addProvenance, storeDocument } from '../registry/document.service.js'
import type { ParticipantCount } from '../registry/event.js'
import { createEvent } from '../registry/event.service.js'
import { type StoredMoney, toStoredMoney } from '../registry/money.js'
import { createNetwork, listNetworks } from '../registry/network.service.js'
import type { Organisation } from '../registry/organisation.js'
import {
  findOrCreateOrganisation,
  findOrCreateUnit,
  getTenant,
  listOrganisations,
  updateOrganisation,
} from '../registry/organisation.service.js'
import { checkPartialDate, checkPeriod } from '../registry/partial-date.js'
import type { NewPayment, Participation } from '../registry/participation.js'
import {
  addParticipation,
  listParticipations,
  updateParticipation,
} from '../registry/participation.service.js'
import { addProgramme, findProgramme } from '../registry/programme.service.js'
import type { NewProject, Project, ProjectPatch } from '../registry/project.js'
import { createProject, updateProject } from '../registry/project.service.js'
import { type Money, type PaidInYear, ProjectRecord } from '../registry/project-record.js'
import { nameKey } from '../registry/schema-helpers.js'
import type { Scope } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import { ValidationError } from '../shared/errors.js'
import type { ListingEvent, ListingNetwork, ListingProjectEvents } from './parse/listing-page/index.js'
import type { SourceDocument, SourceLine } from './source-document.js'

/** One extracted document: its identity, its text (for line-level provenance) and its records. */
export interface ImportDocumentInput {
  /** the document as the extract stage produced it; `lines` may be empty when only records are at hand */
  readonly document: Pick<SourceDocument, 'name' | 'mediaType' | 'sha256' | 'bytes'> & {
    readonly lines?: readonly SourceLine[]
  }
  readonly records: readonly ProjectRecord[]
  /** events per project block (src/import/parse readDocumentExtras), paired with records by `source.line` */
  readonly events?: readonly ListingProjectEvents[]
  /** the tenant's networks the document names; one already kept under the same name is left alone */
  readonly networks?: readonly ListingNetwork[]
}

/** What became of one document (expected failures are values, never exceptions). */
export type ImportDocumentOutcome =
  | {
      readonly status: 'imported'
      readonly document: StoredDocument
      /** ids of the projects the records created or added to, in record order */
      readonly projectIds: readonly number[]
      readonly created: number
      /** records that matched a project already in the registry (src/curation matcher) and added to it */
      readonly merged: number
      /** data issues raised: the records' own plus those found while storing */
      readonly issues: number
    }
  /** the same bytes (sha-256) were imported before: nothing changed */
  | { readonly status: 'unchanged'; readonly document: StoredDocument }
  | { readonly status: 'rejected'; readonly file: string; readonly issues: readonly string[] }

/** Field names used in provenance and issues: the project record's, so users recognise them. */
type RecordField = keyof ProjectRecord

interface Block {
  readonly lines: readonly SourceLine[]
  readonly page: number | null
  readonly lineStart: number
  readonly lineEnd: number
}

/** Collects provenance and issues while one record is stored. */
class RecordLog {
  readonly provenance: NewProvenance[] = []
  readonly issues: NewDataIssue[] = []
  constructor(
    private readonly documentId: number,
    private readonly block: Block,
  ) {}

  /** Where a value came from: the line that contains it when it can be found, else the record's block. */
  source(entity: EntityKind, entityId: number, field: string | null, needle?: string | null): void {
    const line = needle ? locate(this.block.lines, needle) : undefined
    this.provenance.push({
      documentId: this.documentId,
      entity,
      entityId,
      field,
      page: line?.page ?? this.block.page,
      lineStart: line?.line ?? this.block.lineStart,
      lineEnd: line?.line ?? this.block.lineEnd,
      rawText: line?.text ?? null,
    })
  }

  issue(
    entity: EntityKind,
    entityId: number,
    kind: DataIssueKind,
    message: string,
    field: string | null = null,
  ): void {
    this.issues.push({ entity, entityId, kind, message, field })
  }
}

function squash(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim()
}

/** The first line of a block that contains the value as written (case and spacing aside). */
function locate(lines: readonly SourceLine[], needle: string): SourceLine | undefined {
  const n = squash(needle)
  if (n.length === 0) {
    return undefined
  }
  return lines.find((l) => squash(l.text).includes(n))
}

/** How an amount appears in text once spaces and separators are gone: 11971565 for "11 971 565 kr". */
function amountNeedle(money: Money): string | null {
  return Number.isInteger(money.amount) && money.amount >= 1000 ? String(money.amount) : null
}

function locateAmount(lines: readonly SourceLine[], money: Money): SourceLine | undefined {
  const digits = amountNeedle(money)
  return digits ? lines.find((l) => l.text.replace(/[\s.\u00a0\u202f]/g, '').includes(digits)) : undefined
}

/** Each record's block: from its start line to the line before the next record starts. */
function blocks(records: readonly ProjectRecord[], lines: readonly SourceLine[]): Block[] {
  const starts = [...new Set(records.map((r) => r.source.line))].sort((a, b) => a - b)
  const last = lines.at(-1)?.line ?? 0
  return records.map((r) => {
    const start = r.source.line
    const next = starts.find((s) => s > start)
    const end = Math.max(start, next === undefined ? last : next - 1)
    return {
      lines: lines.filter((l) => l.line >= start && l.line <= end),
      page: r.source.page,
      lineStart: start,
      lineEnd: end,
    }
  })
}

type Problem = { kind: DataIssueKind; field: RecordField; message: string }

function tryMoney(problems: Problem[], money: Money | null, field: RecordField): StoredMoney | null {
  if (!money) {
    return null
  }
  try {
    return toStoredMoney(money.amount, money.currency, field)
  } catch (e) {
    const reason = e instanceof ValidationError ? e.message : String(e)
    problems.push({ kind: 'amount', field, message: `${reason}; not stored` })
    return null
  }
}

function validDate(value: string | null, field: 'start' | 'end'): string | null {
  try {
    checkPartialDate(value, field)
    return value
  } catch {
    return null
  }
}

/** Project fields a record states, cleaned: impossible dates and unknown programmes become issues. */
async function projectFields(
  db: Db,
  record: ProjectRecord,
): Promise<{ fields: NewProject; problems: Problem[] }> {
  const problems: Problem[] = []
  let start = validDate(record.start, 'start')
  let end = validDate(record.end, 'end')
  if (record.start && !start) {
    problems.push({
      kind: 'date',
      field: 'start',
      message: `impossible start date "${record.start}"; not stored`,
    })
  }
  if (record.end && !end) {
    problems.push({ kind: 'date', field: 'end', message: `impossible end date "${record.end}"; not stored` })
  }
  try {
    checkPeriod(start, end, 'end')
  } catch {
    problems.push({
      kind: 'date',
      field: 'end',
      message: `ends ${end} before it starts ${start}; period not stored`,
    })
    start = null
    end = null
  }
  let programme: string | null = null
  if (record.programme) {
    programme = (await findProgramme(db, record.programme))?.canonical ?? null
    if (!programme) {
      // Programmes outside the list keep their own name (programmes.md); a person confirms it.
      programme = (
        await addProgramme(db, {
          canonical: record.programme,
          family: 'Other',
          fromYear: null,
          toYear: null,
          aliases: [],
          isEu: false,
        })
      ).canonical
      problems.push({
        kind: 'programme',
        field: 'programme',
        message: `programme "${record.programme}" was not in the programme list; added as a non-EU programme, to be checked`,
      })
    }
  }
  return {
    fields: {
      name: record.name,
      acronym: record.acronym,
      summary: record.summary,
      programme,
      programmeRaw: record.programmeRaw,
      start,
      end,
      status: record.status,
      totalBudget: tryMoney(problems, record.totalBudget, 'totalBudget'),
      euContribution: tryMoney(problems, record.euContribution, 'euContribution'),
      website: record.website,
      areas: record.areas,
    },
    problems,
  }
}

const SIMPLE_FIELDS = [
  'acronym',
  'summary',
  'programme',
  'programmeRaw',
  'start',
  'end',
  'status',
  'website',
] as const

/** Fills the gaps of a project already in the registry; a value that differs becomes an issue, never an overwrite. */
function mergePatch(
  existing: Project,
  incoming: NewProject,
  log: RecordLog,
  documentName: string,
): { patch: ProjectPatch; filled: string[] } {
  const patch: Record<string, unknown> = {}
  const filled: string[] = []
  const consider = (field: string, current: unknown, next: unknown, show: (v: unknown) => string) => {
    if (next === null || next === undefined) {
      return
    }
    if (current === null || current === undefined) {
      patch[field] = next
      filled.push(field)
    } else if (JSON.stringify(current) !== JSON.stringify(next)) {
      log.issue(
        'project',
        existing.id,
        'duplicate',
        `${documentName} states ${field} ${show(next)}; the registry keeps ${show(current)}`,
        field,
      )
    }
  }
  const text = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v))
  for (const field of SIMPLE_FIELDS) {
    consider(field, existing[field], incoming[field], text)
  }
  const money = (v: unknown) => {
    const m = v as StoredMoney
    return `${m.amountMinor} minor units ${m.currency}`
  }
  consider('totalBudget', existing.totalBudget, incoming.totalBudget, money)
  consider('euContribution', existing.euContribution, incoming.euContribution, money)
  if (incoming.areas && incoming.areas.length > 0 && existing.areas.length === 0) {
    patch.areas = incoming.areas
    filled.push('areas')
  }
  return { patch: patch as ProjectPatch, filled }
}

async function goalIds(
  db: Db,
  scope: Scope,
  texts: readonly string[],
  cache: CouncilGoal[],
): Promise<number[]> {
  const ids: number[] = []
  for (const text of texts) {
    let goal = cache.find((g) => squash(g.text) === squash(text))
    if (!goal) {
      // A document names goals by text only; the period and number are for a person to set later.
      const period = 'unspecified'
      const number = Math.max(0, ...cache.filter((g) => g.period === period).map((g) => g.number)) + 1
      goal = await createCouncilGoal(db, scope, { period, number, text })
      cache.push(goal)
    }
    ids.push(goal.id)
  }
  return [...new Set(ids)]
}

function payment(paid: PaidInYear, log: RecordLog, projectId: number): NewPayment | null {
  try {
    return { year: paid.year, amount: toStoredMoney(paid.amount, paid.currency, 'paidInYear') }
  } catch (e) {
    log.issue(
      'project',
      projectId,
      'amount',
      `${e instanceof Error ? e.message : String(e)}; not stored`,
      'paidInYear',
    )
    return null
  }
}

function isTenant(tenant: Organisation, name: string): boolean {
  const key = nameKey(name)
  if (nameKey(tenant.name) === key || tenant.aliases.some((a) => nameKey(a) === key)) {
    return true
  }
  // "Hässleholm Municipality" in a partner list of Hässleholms kommun's own page
  return [tenant.name, ...tenant.aliases].some(
    (form) => matchOrganisations({ name: form, country: tenant.country }, { name }).verdict === 'same',
  )
}

interface StoreContext {
  readonly scope: Scope
  readonly tenant: Organisation
  readonly document: StoredDocument
  readonly goals: CouncilGoal[]
  /** the tenant's projects, for matching; projects this import creates are added */
  readonly projects: IndexedProject[]
  /** every organisation, for matching partner names; organisations this import creates are added */
  readonly organisations: Organisation[]
}

/**
 * The organisation a partner name stands for: one the matcher finds to be the same body (its
 * Swedish or English form, genitive, bracketed acronym; the name is added as an alias), else one
 * found by identifier or exact name, else a new one.
 */
async function partnerOrganisation(
  trx: Db,
  ctx: StoreContext,
  partner: { name: string; country: string | null },
): Promise<Organisation> {
  const match = await findOrganisationMatch(trx, partner.name, partner.country, ctx.organisations)
  if (match?.result.verdict === 'same') {
    const o = match.organisation
    const key = nameKey(partner.name)
    if (nameKey(o.name) === key || o.aliases.some((a) => nameKey(a) === key)) {
      return o
    }
    const updated = await updateOrganisation(trx, ctx.scope, o.id, {
      aliases: [...o.aliases, partner.name.trim()],
    })
    ctx.organisations.splice(ctx.organisations.indexOf(o), 1, updated)
    return updated
  }
  const organisation = await findOrCreateOrganisation(trx, ctx.scope, {
    name: partner.name,
    country: partner.country,
  })
  if (!ctx.organisations.some((o) => o.id === organisation.id)) {
    ctx.organisations.push(organisation)
    // A likely match ("Lund" and "Lunds kommun") waits for a person in the review queue.
    if (match && match.organisation.id !== organisation.id) {
      await proposeMatch(trx, ctx.scope, {
        entity: 'organisation',
        leftId: match.organisation.id,
        rightId: organisation.id,
        result: match.result,
        note: `${ctx.document.name}: partner "${partner.name}"`,
      })
    }
  }
  return organisation
}

/** Stores one record: the project (new or matched), participations, payments, contacts, provenance, issues. */
async function storeRecord(
  trx: Db,
  ctx: StoreContext,
  record: ProjectRecord,
  block: Block,
): Promise<{ projectId: number; merged: boolean; log: RecordLog }> {
  const { scope, tenant, document } = ctx
  const log = new RecordLog(document.id, block)
  const { fields, problems } = await projectFields(trx, record)

  // Curation: the same project reported again (another unit, another year, a second listing on
  // the same page) is matched by name, acronym, programme and period. A sure match adds to the
  // project with a note in the review history; a likely one becomes a new project and a review
  // candidate, so a person decides.
  const partnerNames = [
    ...record.partners.map((p) => p.name),
    ...(record.leadPartner ? [record.leadPartner] : []),
  ].filter((n) => !isTenant(tenant, n))
  const match = bestProjectMatch(ctx.projects, {
    name: fields.name,
    acronym: fields.acronym ?? null,
    programme: fields.programme ?? null,
    start: fields.start ?? null,
    end: fields.end ?? null,
    partners: partnerNames.map(partnerKey),
  })
  const existing = match?.result.verdict === 'same' ? match.project : undefined
  const project = existing ?? (await createProject(trx, scope, fields))
  let stored: string[]
  if (existing && match) {
    const { patch, filled } = mergePatch(existing, fields, log, document.name)
    const entry = ctx.projects.find((p) => p.project.id === existing.id)
    const updated = filled.length > 0 ? await updateProject(trx, scope, existing.id, patch) : existing
    if (entry) {
      // The record's partners join the project's, for the next record's partner overlap.
      const partners = [...(entry.facts.partners ?? []), ...partnerNames.map(partnerKey)]
      ctx.projects.splice(ctx.projects.indexOf(entry), 1, {
        project: updated,
        facts: { ...projectFacts(updated), partners: [...new Set(partners)] },
      })
    }
    stored = filled
    await proposeMatch(trx, scope, {
      entity: 'project',
      leftId: existing.id,
      rightId: existing.id,
      result: match.result,
      status: 'auto',
      note: `${document.name} line ${record.source.line}: "${record.name}"${record.unit ? ` (${record.unit})` : ''} merged automatically into "${existing.name}"`,
    })
  } else {
    ctx.projects.push({ project, facts: projectFacts(project, partnerNames) })
    if (match) {
      await proposeMatch(trx, scope, {
        entity: 'project',
        leftId: match.project.id,
        rightId: project.id,
        result: match.result,
        note: `${document.name} line ${record.source.line}`,
      })
    }
    stored = Object.entries(fields)
      .filter(
        ([k, v]) => k !== 'name' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
      )
      .map(([k]) => k)
  }
  for (const p of problems) {
    log.issue('project', project.id, p.kind, p.message, p.field)
  }

  // Provenance: the record as a whole, then each value it gave.
  log.source('project', project.id, null)
  if (!existing) {
    log.source('project', project.id, 'name', record.name)
  }
  for (const field of stored) {
    const value = (record as Record<string, unknown>)[field]
    if (field === 'totalBudget' || field === 'euContribution') {
      const line = locateAmount(block.lines, value as Money)
      log.source('project', project.id, field, line?.text)
    } else if (field === 'areas') {
      log.source('project', project.id, field, record.areas[0])
    } else {
      log.source('project', project.id, field, typeof value === 'string' ? value.slice(0, 60) : null)
    }
  }

  const participations = await listParticipations(trx, scope, project.id)
  const byOrganisation = new Map(participations.map((p) => [p.organisationId, p]))

  // The reporting organisation's own part: the tenant's participation.
  let own: Participation | undefined
  if (record.organisation) {
    if (!isTenant(tenant, record.organisation)) {
      log.issue(
        'project',
        project.id,
        'source',
        `the document reports for "${record.organisation}" but was imported into ${tenant.name}`,
        'organisation',
      )
    }
    const unit = record.unit ? await findOrCreateUnit(trx, scope, record.unit) : null
    const paid = record.paidInYear ? payment(record.paidInYear, log, project.id) : null
    const councilGoalIds = await goalIds(trx, scope, record.goals, ctx.goals)
    // One participation per reporting unit: two committees reporting the same project are two
    // parts in it, not one.
    const tenantParts = participations.filter((p) => p.organisationId === tenant.id)
    own =
      tenantParts.find((p) => p.unitId === (unit?.id ?? null)) ??
      tenantParts.find((p) => p.unitId === null || unit === null)
    if (!own) {
      own = await addParticipation(trx, scope, project.id, {
        organisationId: tenant.id,
        unitId: unit?.id ?? null,
        role: record.role,
        theme: record.theme,
        payments: paid ? [paid] : [],
        councilGoalIds,
      })
      byOrganisation.set(tenant.id, own)
    } else {
      const known = own.payments.find((p) => p.year === paid?.year)
      if (paid && known && known.amount.amountMinor !== paid.amount.amountMinor) {
        log.issue(
          'participation',
          own.id,
          'duplicate',
          `${document.name} states another payment for ${paid.year}`,
          'paidInYear',
        )
      }
      own = await updateParticipation(trx, scope, own.id, {
        ...(own.unitId === null && unit && { unitId: unit.id }),
        ...(own.role === null && record.role && { role: record.role }),
        ...(own.theme === null && record.theme && { theme: record.theme }),
        ...(paid &&
          !known && {
            payments: [...own.payments.map((p) => ({ year: p.year, amount: p.amount })), paid].sort(
              (a, b) => a.year - b.year,
            ),
          }),
        councilGoalIds: [...new Set([...own.councilGoalIds, ...councilGoalIds])],
      })
    }
    log.source('participation', own.id, 'organisation', record.organisation)
    for (const [field, needle] of [
      ['role', null],
      ['unit', record.unit],
      ['theme', record.theme],
    ] as const) {
      if (record[field]) {
        log.source('participation', own.id, field, needle)
      }
    }
    if (record.paidInYear) {
      log.source('participation', own.id, 'paidInYear', locateAmount(block.lines, record.paidInYear)?.text)
    }
    for (const goal of record.goals) {
      log.source('participation', own.id, 'goals', goal)
    }
  }

  // The other organisations named: partners, and the lead partner among them.
  const named = [...record.partners]
  if (record.leadPartner && !named.some((p) => nameKey(p.name) === nameKey(record.leadPartner ?? ''))) {
    named.unshift({ name: record.leadPartner, country: null })
  }
  for (const partner of named) {
    if (isTenant(tenant, partner.name)) {
      // The source names the reporting organisation among the partners (or as lead partner):
      // provenance remembers it, so the record can be written back as the source gave it.
      if (own) {
        log.source('participation', own.id, 'partners', partner.name)
        if (record.leadPartner && isTenant(tenant, record.leadPartner)) {
          log.source('participation', own.id, 'leadPartner', record.leadPartner)
        }
      }
      continue
    }
    const organisation = await partnerOrganisation(trx, ctx, partner)
    const isLead = record.leadPartner !== null && nameKey(record.leadPartner) === nameKey(partner.name)
    let participation = byOrganisation.get(organisation.id)
    if (!participation) {
      participation = await addParticipation(trx, scope, project.id, {
        organisationId: organisation.id,
        // Named partners are partners by the record's definition, unless the lead is unknown.
        role: isLead ? 'lead' : record.leadPartner !== null || record.role === 'lead' ? 'partner' : null,
      })
      byOrganisation.set(organisation.id, participation)
    }
    log.source('participation', participation.id, 'organisation', partner.name)
  }

  // Contacts belong to the reporting organisation's participation, else to the first one there is.
  const holder = own ?? byOrganisation.values().next().value
  if (record.contacts.length > 0 && !holder) {
    log.issue(
      'project',
      project.id,
      'missing',
      `${record.contacts.length} contact(s) not stored: no organisation is named`,
    )
  }
  if (holder) {
    for (const c of record.contacts) {
      const contact = await addContact(trx, scope, holder.id, c)
      log.source('contact', contact.id, null, c.email ?? c.name)
    }
  }

  for (const message of record.issues) {
    log.issue('project', project.id, 'source', message)
  }
  return { projectId: project.id, merged: existing !== undefined, log }
}

/**
 * Stores one extracted document's records with full provenance, in ONE transaction: the document
 * (by sha-256: importing the same bytes twice changes nothing), organisations found by the
 * curation matcher (Swedish/English forms; likely ones queued for review), identifier or name, or
 * created, projects (a record that src/curation matches to a project of the tenant adds to it and
 * fills its gaps, differing values become issues, never overwrites; a likely match is queued for
 * review), one tenant participation per reporting unit, participations, payments,
 * contacts, where each value came from (page, line range, raw text), and data issues from each
 * record's `issues` and from values that could not be stored.
 * @returns `rejected` when a record does not match the project record schema (nothing is stored)
 */
export async function importDocument(
  db: Db,
  scope: Scope,
  input: ImportDocumentInput,
): Promise<ImportDocumentOutcome> {
  const problems = input.records.flatMap((r, i) =>
    [...Value.Errors(ProjectRecord, r)]
      .slice(0, 3)
      .map((e) => `record ${i + 1}: ${e.instancePath || '/'} ${e.message}`),
  )
  if (problems.length > 0) {
    return { status: 'rejected', file: input.document.name, issues: problems }
  }
  return inTransaction(db, async (trx) => {
    const tenant = await getTenant(trx, scope.tenantId)
    const { document, created } = await storeDocument(trx, scope, {
      name: input.document.name,
      mediaType: input.document.mediaType,
      sha256: input.document.sha256,
      bytes: input.document.bytes,
    })
    if (!created) {
      return { status: 'unchanged', document }
    }
    const ctx: StoreContext = {
      scope,
      tenant,
      document,
      goals: await listCouncilGoals(trx, scope),
      projects: await loadProjectIndex(trx, scope),
      organisations: await listOrganisations(trx),
    }
    const recordBlocks = blocks(input.records, input.document.lines ?? [])
    const projectIds: number[] = []
    let merged = 0
    let issues = 0
    for (const [i, record] of input.records.entries()) {
      const block = recordBlocks[i] as Block
      const result = await storeRecord(trx, ctx, record, block)
      await addProvenance(trx, scope, result.log.provenance)
      await raiseDataIssues(trx, scope, result.log.issues)
      projectIds.push(result.projectId)
      merged += result.merged ? 1 : 0
      issues += result.log.issues.length
    }
    issues += await storeEvents(trx, ctx, input, projectIds)
    await storeNetworks(trx, ctx, input.networks ?? [])
    return {
      status: 'imported',
      document,
      projectIds,
      created: input.records.length - merged,
      merged,
      issues,
    }
  })
}

/** Stores each event group on the project its block's record became; returns the issues raised. */
async function storeEvents(
  trx: Db,
  ctx: StoreContext,
  input: ImportDocumentInput,
  projectIds: readonly number[],
): Promise<number> {
  const provenance: NewProvenance[] = []
  const found: NewDataIssue[] = []
  for (const group of input.events ?? []) {
    const index = input.records.findIndex((r) => r.source.line === group.source.line)
    const projectId = projectIds[index]
    if (projectId === undefined) {
      continue
    }
    // The record may already carry an event's issue ("event 3: …"); it was raised with the record's.
    const raised = input.records[index]?.issues ?? []
    for (const event of group.events) {
      const messages = event.issues.filter((m) => !raised.some((r) => r.endsWith(m)))
      const dates = eventDates(event, messages)
      const stored = await createEvent(trx, ctx.scope, projectId, {
        title: event.title,
        place: event.place,
        country: event.country,
        ...dates,
        participants: participantCounts(event),
      })
      const raw = input.document.lines?.find((l) => l.line === event.line)
      provenance.push({
        documentId: ctx.document.id,
        entity: 'event',
        entityId: stored.id,
        field: null,
        page: raw?.page ?? group.source.page,
        lineStart: event.line,
        lineEnd: event.line,
        rawText: raw?.text ?? null,
      })
      for (const message of messages) {
        found.push({
          entity: 'project',
          entityId: projectId,
          kind: 'source',
          message: `${event.title}: ${message}`,
          field: null,
        })
      }
    }
  }
  await addProvenance(trx, ctx.scope, provenance)
  await raiseDataIssues(trx, ctx.scope, found)
  return found.length
}

/** The event's dates when the registry accepts them; otherwise none, and an issue saying why. */
function eventDates(event: ListingEvent, messages: string[]): { start: string | null; end: string | null } {
  try {
    checkPartialDate(event.start, 'start')
    checkPartialDate(event.end, 'end')
    checkPeriod(event.start, event.end, 'end')
    return { start: event.start, end: event.end }
  } catch (e) {
    if (!(e instanceof ValidationError)) {
      throw e
    }
    messages.push(`dates not stored: ${e.message}`)
    return { start: null, end: null }
  }
}

/** Counts per country; placeholders ("xx") are left out (the reader reports them), repeats summed. */
function participantCounts(event: ListingEvent): ParticipantCount[] {
  const byCountry = new Map<string, number>()
  for (const p of event.participants) {
    if (p.country !== null && p.count !== null) {
      byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + p.count)
    }
  }
  return [...byCountry].map(([country, count]) => ({ country, count }))
}

/** Creates the tenant's networks it does not have under that name yet. */
async function storeNetworks(trx: Db, ctx: StoreContext, networks: readonly ListingNetwork[]): Promise<void> {
  const known = new Set((await listNetworks(trx, ctx.scope)).map((n) => nameKey(n.name)))
  const provenance: NewProvenance[] = []
  for (const n of networks) {
    if (n.name.trim() === '' || known.has(nameKey(n.name))) {
      continue
    }
    known.add(nameKey(n.name))
    const network = await createNetwork(trx, ctx.scope, { name: n.name, since: n.since, summary: n.summary })
    provenance.push({
      documentId: ctx.document.id,
      entity: 'network',
      entityId: network.id,
      field: null,
      page: n.source.page,
      lineStart: n.source.line,
      lineEnd: n.source.line,
      rawText: n.name,
    })
  }
  await addProvenance(trx, ctx.scope, provenance)
}
