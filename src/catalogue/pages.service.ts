import type { DataIssue } from '../registry/data-issue.js'
import type { Provenance } from '../registry/document.js'
import { getProvenance } from '../registry/document.service.js'
import type { ProjectEvent } from '../registry/event.js'
import { listEvents } from '../registry/event.service.js'
import { minorDigits } from '../registry/money.js'
import type { Organisation } from '../registry/organisation.js'
import { getOrganisation } from '../registry/organisation.service.js'
import { type ProjectRecordWithParticipations, toProjectRecord } from '../registry/project-record.service.js'
import { scopeOf } from '../registry/scope.js'
import { catalogueCounts, euFundingByFamily } from './catalogue.repository.js'
import { exportRecords } from './export.js'
import { ALL_FACET } from './facets.js'
import { type CatalogueDeps, getPublicProject } from './search.service.js'

/** Everything the public project page shows. */
export interface ProjectPageData {
  /** the tenant whose project it is (whose editors may see its data issues) */
  readonly tenantId: number
  readonly record: ProjectRecordWithParticipations
  /** where each field's value came from (field null: where the record starts) */
  readonly provenance: readonly Provenance[]
  readonly events: readonly ProjectEvent[]
  /** open data issues: the page shows them to editors only */
  readonly issues: readonly DataIssue[]
}

/**
 * A public project with its provenance, events and issues.
 * @throws {NotFoundError} when no public project has this id
 */
export async function projectPageData(deps: CatalogueDeps, id: number): Promise<ProjectPageData> {
  const detail = await getPublicProject(deps, id)
  const scope = scopeOf(detail.tenant.id, 'public')
  return {
    tenantId: detail.tenant.id,
    record: toProjectRecord(detail),
    provenance: await getProvenance(deps.db, scope, 'project', id),
    events: await listEvents(deps.db, scope, id),
    issues: detail.issues.filter((i) => i.status === 'open'),
  }
}

/** An organisation's public projects and its role in each. */
export interface OrganisationPageData {
  readonly organisation: Organisation
  readonly projects: ReadonlyArray<{
    readonly record: ProjectRecordWithParticipations
    readonly role: 'lead' | 'partner' | null
  }>
}

/**
 * An organisation (a tenant or a partner) with every public project it takes part in.
 * @throws {NotFoundError} when there is no such organisation
 */
export async function organisationPageData(deps: CatalogueDeps, id: number): Promise<OrganisationPageData> {
  const organisation = await getOrganisation(deps.db, id)
  const projects: Array<{ record: ProjectRecordWithParticipations; role: 'lead' | 'partner' | null }> = []
  for await (const record of exportRecords(deps, { filters: { participant: [String(id)] } })) {
    const own = record.participations.find((p) => p.organisationId === id)
    projects.push({ record, role: own?.role ?? null })
  }
  return { organisation, projects }
}

/** The statistics page's numbers. */
export interface StatisticsData {
  readonly total: number
  readonly byFamily: ReadonlyArray<{ readonly value: string; readonly count: number }>
  readonly byYear: ReadonlyArray<{ readonly value: string; readonly count: number }>
  readonly byCountry: ReadonlyArray<{ readonly value: string; readonly count: number }>
  /** EU funding per family and currency, in whole units */
  readonly fundingByFamily: ReadonlyArray<{
    readonly family: string | null
    readonly currency: string
    readonly amount: number
    readonly projects: number
  }>
}

/** Catalogue-wide statistics from the precomputed facet counts (O(values), whatever the size). */
export async function statisticsData(deps: CatalogueDeps): Promise<StatisticsData> {
  const counts = await catalogueCounts(deps.db)
  const pick = (facet: string) =>
    counts.filter((c) => c.facet === facet).map((c) => ({ value: c.value, count: c.n }))
  const funding = await euFundingByFamily(deps.db)
  return {
    total: counts.find((c) => c.facet === ALL_FACET)?.n ?? 0,
    byFamily: pick('family').sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    byYear: pick('year').sort((a, b) => a.value.localeCompare(b.value)),
    byCountry: pick('country').sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    fundingByFamily: funding
      .map((f) => ({
        family: f.family,
        currency: f.currency,
        amount: Math.round(f.minor / 10 ** minorDigits(f.currency)),
        projects: f.projects,
      }))
      .sort((a, b) => b.amount - a.amount),
  }
}
