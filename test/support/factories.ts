import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import type { NewOrganisation, Organisation } from '../../src/registry/organisation.js'
import { createOrganisation, ensureTenant } from '../../src/registry/organisation.service.js'
import type { NewProject, Project } from '../../src/registry/project.js'
import { createProject } from '../../src/registry/project.service.js'
import { type Scope, scopeOf } from '../../src/registry/scope.js'

let counter = 0
const unique = (prefix: string) => `${prefix} ${++counter}`

/** A new tenant organisation and a Scope acting for it. */
export async function buildTenant(
  db: Kysely<Database>,
  overrides: Partial<NewOrganisation> = {},
): Promise<{ tenant: Organisation; scope: Scope }> {
  const tenant = await ensureTenant(db, 'test', {
    name: unique('Testkommun'),
    country: 'SE',
    kind: 'municipality',
    ...overrides,
  })
  return { tenant, scope: scopeOf(tenant.id, 'test') }
}

/** A new (non-tenant) organisation. */
export async function buildOrganisation(
  db: Kysely<Database>,
  overrides: Partial<NewOrganisation> = {},
): Promise<Organisation> {
  return createOrganisation(db, { tenantId: null, actor: 'test' }, { name: unique('Partner'), ...overrides })
}

/** A new project of the scope's tenant. */
export async function buildProject(
  db: Kysely<Database>,
  scope: Scope,
  overrides: Partial<NewProject> = {},
): Promise<Project> {
  return createProject(db, scope, { name: unique('Projekt'), ...overrides })
}
