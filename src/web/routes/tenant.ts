import { getTenant, listTenants } from '../../registry/organisation.service.js'
import { type Scope, scopeOf } from '../../registry/scope.js'
import type { Db } from '../../registry/tx.js'
import { ValidationError } from '../../shared/errors.js'

/**
 * The portfolio a public request (no account, e.g. the catalogue's exports) reads: the caller names
 * the tenant with `?tenant=<id>`; an installation with exactly one tenant (one municipality, the
 * usual case) needs no parameter. Signed-in requests take their scope from the auth plugin instead.
 * @throws {NotFoundError} when `tenant` is not a tenant's id
 * @throws {ValidationError} naming `tenant` when it is needed and missing
 */
export async function resolveScope(db: Db, tenant: number | undefined, actor = 'api'): Promise<Scope> {
  if (tenant !== undefined) {
    return scopeOf((await getTenant(db, tenant)).id, actor)
  }
  const tenants = await listTenants(db)
  const [only] = tenants
  if (tenants.length === 1 && only) {
    return scopeOf(only.id, actor)
  }
  if (tenants.length === 0) {
    throw new ValidationError(
      'No organisation keeps a portfolio here yet: create one with "isTenant": true first',
      'tenant',
    )
  }
  throw new ValidationError(
    `Several organisations keep portfolios here (${tenants.map((t) => t.id).join(', ')}): choose one with ?tenant=<id>`,
    'tenant',
  )
}
