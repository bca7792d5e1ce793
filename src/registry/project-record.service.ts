import Type, { type Static } from 'typebox'
import { listContactsOfTenants } from './contact.service.js'
import type { CouncilGoal } from './council-goal.js'
import { getCouncilGoalsOfTenants } from './council-goal.service.js'
import type { DataIssue } from './data-issue.js'
import { listDataIssuesOfTenants } from './data-issue.service.js'
import type { Provenance } from './document.js'
import { getProvenanceOfTenants } from './document.service.js'
import { fromStoredMoney, type StoredMoney } from './money.js'
import type { Organisation } from './organisation.js'
import { getTenants } from './organisation.service.js'
import type { Contact, Participation } from './participation.js'
import { listParticipationsOfTenants } from './participation.service.js'
import type { Project, ProjectFilter } from './project.js'
import { getProject, getProjectsByIds, getProjectsOfTenants, listProjects } from './project.service.js'
import { Money, PaidInYear, ProjectRecord, RecordContact, Role } from './project-record.js'
import { Id, Nullable } from './schema-helpers.js'
import type { Scope } from './scope.js'
import type { Db } from './tx.js'

/** A project with everything the record format and detail views need, loaded in one go. */
export interface ProjectDetail {
  readonly project: Project
  /** the tenant whose portfolio this is: the record's reporting `organisation` */
  readonly tenant: Organisation
  readonly participations: readonly ParticipationDetail[]
  /** where the record starts in its source (provenance without a field), when it was imported */
  readonly source: Provenance | null
  readonly issues: readonly DataIssue[]
}

export interface ParticipationDetail {
  readonly participation: Participation
  readonly contacts: readonly Contact[]
  readonly councilGoals: readonly CouncilGoal[]
  /** the fields a source document gave for this participation (from provenance), e.g. "partners" */
  readonly sourceFields: readonly string[]
}

/** One participation as the record format prints it (amounts in whole units, like the rest of the record). */
export const RecordParticipation = Type.Object({
  id: Id,
  organisation: Type.String(),
  organisationId: Id,
  country: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  role: Nullable(Role),
  /** the organisation's OWN budget, not the project's */
  budget: Nullable(Money),
  /** the organisation's OWN EU co-financing */
  euCofinancing: Nullable(Money),
  theme: Nullable(Type.String()),
  payments: Type.Array(PaidInYear),
  goals: Type.Array(Type.String()),
  contacts: Type.Array(RecordContact),
})
export type RecordParticipation = Static<typeof RecordParticipation>

/** The project record format (../shared/spec/project-record.md) plus the registry id and participations. */
export const ProjectRecordWithParticipations = Type.Intersect([
  ProjectRecord,
  Type.Object({ id: Id, participations: Type.Array(RecordParticipation) }),
])
export type ProjectRecordWithParticipations = ProjectRecord & {
  id: number
  participations: RecordParticipation[]
}

function whole(money: StoredMoney | null): { amount: number; currency: string } | null {
  return money ? fromStoredMoney(money) : null
}

/** The document name a record cites when it was entered by hand rather than imported. */
export const REGISTRY_SOURCE = 'projektatlas'

/**
 * Maps a project with its participations to the project record format, keeping the project's
 * totals (totalBudget, euContribution) apart from each participant's own share (participations[]).
 * The tenant's own participation gives the record's role, unit, theme, paidInYear and goals;
 * the other participants become `partners`, and a lead among them the `leadPartner`.
 */
export function toProjectRecord(detail: ProjectDetail): ProjectRecordWithParticipations {
  const { project, tenant } = detail
  const own = detail.participations.find((p) => p.participation.organisationId === tenant.id)
  const others = detail.participations.filter((p) => p !== own)
  // The reporting organisation appears among partners / as lead partner only where its source said so.
  const ownNamed = own?.sourceFields.includes('partners') ? [own] : []
  const ownLead = own?.sourceFields.includes('leadPartner') ? tenant.name : null
  const lastPayment = own?.participation.payments.at(-1)
  return {
    id: project.id,
    name: project.name,
    acronym: project.acronym,
    organisation: tenant.name,
    unit: own?.participation.unitName ?? null,
    theme: own?.participation.theme ?? null,
    role: own?.participation.role ?? null,
    status: project.status === 'ongoing' || project.status === 'completed' ? project.status : null,
    start: project.start,
    end: project.end,
    programme: project.programme,
    programmeRaw: project.programmeRaw,
    totalBudget: whole(project.totalBudget),
    euContribution: whole(project.euContribution),
    paidInYear: lastPayment ? { ...fromStoredMoney(lastPayment.amount), year: lastPayment.year } : null,
    leadPartner:
      others.find((p) => p.participation.role === 'lead')?.participation.organisationName ?? ownLead,
    partners: [...ownNamed, ...others].map((p) => ({
      name: p.participation.organisationName,
      country: p.participation.organisationCountry,
    })),
    contacts: detail.participations.flatMap((p) =>
      p.contacts.map((c) => ({ name: c.name, title: c.title, phone: c.phone, email: c.email })),
    ),
    website: project.website,
    goals: own ? own.councilGoals.map((g) => g.text) : [],
    areas: [...project.areas],
    summary: project.summary,
    source: detail.source
      ? { document: detail.source.documentName, page: detail.source.page, line: detail.source.lineStart ?? 1 }
      : { document: REGISTRY_SOURCE, page: null, line: 1 },
    issues: detail.issues.filter((i) => i.status === 'open').map((i) => i.message),
    participations: detail.participations.map(({ participation: p, contacts, councilGoals }) => ({
      id: p.id,
      organisation: p.organisationName,
      organisationId: p.organisationId,
      country: p.organisationCountry,
      unit: p.unitName,
      role: p.role,
      budget: whole(p.budget),
      euCofinancing: whole(p.euCofinancing),
      theme: p.theme,
      payments: p.payments.map((pay) => ({ ...fromStoredMoney(pay.amount), year: pay.year })),
      goals: councilGoals.map((g) => g.text),
      contacts: contacts.map((c) => ({ name: c.name, title: c.title, phone: c.phone, email: c.email })),
    })),
  }
}

/** A row's key within its tenant: ids are matched together with their tenant, never alone. */
function owned(tenantId: number, id: number): string {
  return `${tenantId}:${id}`
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) {
      group.push(item)
    } else {
      groups.set(key, [item])
    }
  }
  return groups
}

/**
 * Details of projects of one tenant or many, in a fixed number of queries whatever the number of
 * tenants: each query reads only the tenants of `projects`, and each row is matched to its project
 * by tenant and id together, so one tenant's rows never land on another's project.
 */
async function details(db: Db, projects: readonly Project[]): Promise<ProjectDetail[]> {
  if (projects.length === 0) {
    return []
  }
  const ids = projects.map((p) => p.id)
  const tenantIds = [...new Set(projects.map((p) => p.tenantId))]
  const [tenants, participations, issues, sources] = await Promise.all([
    getTenants(db, tenantIds),
    listParticipationsOfTenants(db, tenantIds, ids),
    listDataIssuesOfTenants(db, tenantIds, { entity: 'project', entityIds: ids }),
    getProvenanceOfTenants(db, tenantIds, 'project', ids),
  ])
  const participationIds = participations.map((p) => p.id)
  const [contacts, goals, participationSources] = await Promise.all([
    listContactsOfTenants(db, tenantIds, participationIds),
    getCouncilGoalsOfTenants(
      db,
      tenantIds,
      participations.flatMap((p) => p.councilGoalIds),
    ),
    getProvenanceOfTenants(db, tenantIds, 'participation', participationIds),
  ])
  const participationsOf = groupBy(participations, (p) => owned(p.tenantId, p.projectId))
  const contactsOf = groupBy(contacts, (c) => owned(c.tenantId, c.participationId))
  const goalById = new Map(goals.map((g) => [owned(g.tenantId, g.id), g]))
  const fieldsOf = groupBy(
    participationSources.filter((s) => s.field !== null),
    (s) => owned(s.tenantId, s.entityId),
  )
  const sourceOf = groupBy(
    sources.filter((s) => s.field === null),
    (s) => owned(s.tenantId, s.entityId),
  )
  const issuesOf = groupBy(issues, (i) => owned(i.tenantId, i.entityId))
  return projects.map((project) => {
    const key = owned(project.tenantId, project.id)
    return {
      project,
      // getTenants throws unless every tenant of `projects` was found
      tenant: tenants.get(project.tenantId) as Organisation,
      participations: (participationsOf.get(key) ?? []).map((participation) => ({
        participation,
        contacts: contactsOf.get(owned(participation.tenantId, participation.id)) ?? [],
        councilGoals: participation.councilGoalIds
          .map((id) => goalById.get(owned(participation.tenantId, id)))
          .filter((g): g is CouncilGoal => g !== undefined),
        sourceFields: [
          ...new Set(
            (fieldsOf.get(owned(participation.tenantId, participation.id)) ?? []).map((s) => s.field),
          ),
        ] as string[],
      })),
      source: sourceOf.get(key)?.[0] ?? null,
      issues: issuesOf.get(key) ?? [],
    }
  })
}

/**
 * One project with its participations, contacts, goals, source and issues.
 * @throws {NotFoundError} when the tenant has no project with this id
 */
export async function getProjectDetail(db: Db, scope: Scope, id: number): Promise<ProjectDetail> {
  const [detail] = await details(db, [await getProject(db, scope, id)])
  return detail as ProjectDetail
}

/** Several of the tenant's projects with details, loaded set-wise, ordered by id (other tenants' ids skipped). */
export async function getProjectDetails(
  db: Db,
  scope: Scope,
  ids: readonly number[],
): Promise<ProjectDetail[]> {
  return details(db, await getProjectsByIds(db, scope, ids))
}

/**
 * Projects of several tenants with details, in a fixed number of queries whatever the number of
 * tenants (a catalogue page or export batch spans many). Each tenant's ids are read in that
 * tenant's portfolio only, as getProjectDetails reads them (ids it does not own are skipped), and
 * every query filters on both the tenants and the ids asked for.
 * @param byTenant for each tenant id, the ids of its projects to load
 * @returns the details getProjectDetails gives per tenant, all ordered by project id
 * @throws {NotFoundError} when a tenant with projects found is not a tenant organisation
 */
export async function getProjectDetailsOfTenants(
  db: Db,
  byTenant: ReadonlyMap<number, readonly number[]>,
): Promise<ProjectDetail[]> {
  return details(db, await getProjectsOfTenants(db, byTenant))
}

/** The tenant's projects with details, filtered like listProjects. */
export async function listProjectDetails(
  db: Db,
  scope: Scope,
  filter: ProjectFilter = {},
): Promise<ProjectDetail[]> {
  return details(db, await listProjects(db, scope, filter))
}

/**
 * One project as a project record with a `participations` array (`projects <id> --format json`).
 * @throws {NotFoundError} when the tenant has no project with this id
 */
export async function getProjectRecord(
  db: Db,
  scope: Scope,
  id: number,
): Promise<ProjectRecordWithParticipations> {
  return toProjectRecord(await getProjectDetail(db, scope, id))
}

/** The tenant's projects as project records with `participations` (`projects --format json`, open-data export). */
export async function listProjectRecords(
  db: Db,
  scope: Scope,
  filter: ProjectFilter = {},
): Promise<ProjectRecordWithParticipations[]> {
  return (await listProjectDetails(db, scope, filter)).map(toProjectRecord)
}
