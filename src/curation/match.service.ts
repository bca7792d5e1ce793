import type { Organisation } from '../registry/organisation.js'
import { listOrganisations } from '../registry/organisation.service.js'
import { listParticipationsByProjects } from '../registry/participation.service.js'
import type { Project } from '../registry/project.js'
import { listProjects } from '../registry/project.service.js'
import type { Scope } from '../registry/scope.js'
import type { Db } from '../registry/tx.js'
import { type MatchResult, matchOrganisations, nameForm } from './organisation-match.js'
import { matchProjects, type ProjectFacts } from './project-match.js'

/** A project beside the facts the matcher reads from it. */
export interface IndexedProject {
  readonly project: Project
  readonly facts: ProjectFacts
}

/**
 * A partner's key for overlap: its kind and identifying words, so "Lunds universitet" and
 * "Lund University" count as one partner.
 */
export function partnerKey(name: string): string {
  const form = nameForm(name)
  return `${form.kind ?? ''}:${form.core.join(' ')}`
}

/** The facts of a stored project; `partners` are the names of the organisations taking part. */
export function projectFacts(project: Project, partners: readonly string[] = []): ProjectFacts {
  return {
    name: project.name,
    acronym: project.acronym,
    programme: project.programme,
    start: project.start,
    end: project.end,
    partners: [...new Set(partners.map(partnerKey))],
  }
}

/**
 * The tenant's projects, ready to be matched against. An import loads it once and adds each
 * project it creates, so records later in the same document find earlier ones.
 */
export async function loadProjectIndex(db: Db, scope: Scope): Promise<IndexedProject[]> {
  const projects = await listProjects(db, scope)
  const parts = await listParticipationsByProjects(
    db,
    scope,
    projects.map((p) => p.id),
  )
  return projects.map((project) => ({
    project,
    facts: projectFacts(
      project,
      (parts.get(project.id) ?? [])
        .filter((x) => x.organisationId !== scope.tenantId)
        .map((x) => x.organisationName),
    ),
  }))
}

/** The best match of `facts` in the index: a `same` one first, else the highest `likely` one. */
export function bestProjectMatch(
  index: readonly IndexedProject[],
  facts: ProjectFacts,
): { readonly project: Project; readonly result: MatchResult } | undefined {
  let best: { project: Project; result: MatchResult } | undefined
  for (const entry of index) {
    const result = matchProjects(entry.facts, facts)
    if (result.verdict === 'different') {
      continue
    }
    const rank = (r: MatchResult) => (r.verdict === 'same' ? 1 : 0) + r.score
    if (!best || rank(result) > rank(best.result)) {
      best = { project: entry.project, result }
    }
  }
  return best
}

/**
 * The registry's organisation that is the same body as `name` (Swedish/English forms, genitive,
 * bracketed acronyms), or the most likely one for a person to confirm.
 */
export async function findOrganisationMatch(
  db: Db,
  name: string,
  country: string | null,
  candidates?: readonly Organisation[],
): Promise<{ readonly organisation: Organisation; readonly result: MatchResult } | undefined> {
  const all = candidates ?? (await listOrganisations(db))
  let best: { organisation: Organisation; result: MatchResult } | undefined
  for (const organisation of all) {
    for (const form of [organisation.name, ...organisation.aliases]) {
      const result = matchOrganisations({ name: form, country: organisation.country }, { name, country })
      if (result.verdict !== 'different' && (!best || result.score > best.result.score)) {
        best = { organisation, result }
      }
    }
  }
  return best
}
