import { setPublished } from '../accounts/publication.service.js'
import { addContact } from '../registry/contact.service.js'
import { toStoredMoney } from '../registry/money.js'
import {
  createOrganisation,
  createUnit,
  ensureTenant,
  listOrganisations,
} from '../registry/organisation.service.js'
import { addParticipation } from '../registry/participation.service.js'
import { createProject } from '../registry/project.service.js'
import { scopeOf } from '../registry/scope.js'
import { type Db, inTransaction } from '../registry/tx.js'
import {
  DEMO_ORGANISATIONS,
  DEMO_PROJECTS,
  DEMO_UNITS,
  type DemoOrgKey,
  demoPayments,
} from './demo-portfolio.js'

/** What loading the demo did. */
export type DemoOutcome =
  | {
      readonly status: 'loaded'
      readonly tenantId: number
      readonly organisations: number
      readonly projects: number
    }
  | { readonly status: 'skipped'; readonly reason: string }

/** The actor the audit log records for the demo's writes. */
export const DEMO_ACTOR = 'demo'

/**
 * Loads the invented demo portfolio, in one transaction, but only into an empty registry: it must
 * never mix with a municipality's real data.
 * @returns `skipped` (with the reason) when the registry already holds organisations
 */
export async function loadDemoPortfolio(db: Db): Promise<DemoOutcome> {
  return inTransaction(db, async (trx) => {
    if ((await listOrganisations(trx, { limit: 1 })).length > 0) {
      return { status: 'skipped', reason: 'the registry is not empty' } as const
    }
    const tenant = await ensureTenant(trx, DEMO_ACTOR, DEMO_ORGANISATIONS.tenant)
    const scope = scopeOf(tenant.id, DEMO_ACTOR)
    const orgIds = new Map<DemoOrgKey, number>([['tenant', tenant.id]])
    for (const [key, input] of Object.entries(DEMO_ORGANISATIONS) as [
      DemoOrgKey,
      (typeof DEMO_ORGANISATIONS)[DemoOrgKey],
    ][]) {
      if (key !== 'tenant') {
        orgIds.set(key, (await createOrganisation(trx, scope, input)).id)
      }
    }
    const unitIds = new Map<string, number>()
    for (const name of DEMO_UNITS) {
      unitIds.set(name, (await createUnit(trx, scope, { name })).id)
    }
    for (const demo of DEMO_PROJECTS) {
      const project = await createProject(trx, scope, demo.project)
      for (const p of demo.participations) {
        const organisationId = orgIds.get(p.org)
        if (organisationId === undefined) {
          throw new Error(`demo portfolio: unknown organisation key ${p.org}`)
        }
        const participation = await addParticipation(trx, scope, project.id, {
          organisationId,
          unitId: p.unit === undefined ? null : (unitIds.get(p.unit) ?? null),
          role: p.role,
          budget: p.budget ? toStoredMoney(...p.budget) : null,
          euCofinancing: p.euCofinancing ? toStoredMoney(...p.euCofinancing) : null,
          theme: p.theme ?? null,
          payments: demoPayments(p),
        })
        for (const contact of p.contacts ?? []) {
          await addContact(trx, scope, participation.id, contact)
        }
      }
      if (demo.published ?? true) {
        await setPublished(trx, scope, project.id, true)
      }
    }
    return {
      status: 'loaded',
      tenantId: tenant.id,
      organisations: orgIds.size,
      projects: DEMO_PROJECTS.length,
    } as const
  })
}
