import { purgeFreedPages } from '../../db/maintenance.js'
import { erasePerson, exportPersonalData } from '../../registry/contact.service.js'
import { getTenant } from '../../registry/organisation.service.js'
import type { PersonQuery } from '../../registry/participation.js'
import { scopeOf } from '../../registry/scope.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'

/** Options of `projektatlas personal-data export|erase`. */
export interface PersonalDataOptions {
  readonly action: 'export' | 'erase'
  /** the tenant whose registry is searched (text from the command line) */
  readonly tenant: string
  readonly email?: string
  readonly name?: string
}

function personOf(options: PersonalDataOptions): PersonQuery {
  if (options.email !== undefined && options.name === undefined) {
    return { email: options.email }
  }
  if (options.name !== undefined && options.email === undefined) {
    return { name: options.name }
  }
  throw new ValidationError('Name the person with exactly one of --email or --name', 'email')
}

/**
 * `projektatlas personal-data export|erase --tenant <id> (--email <e> | --name <n>)`: a data
 * subject's access request (prints JSON) or erasure request (prints how many contact entries went).
 * @throws {ValidationError} for a bad tenant id or person
 * @throws {NotFoundError} for an unknown tenant
 */
export async function personalData(options: PersonalDataOptions, io: CliIO): Promise<number> {
  if (!/^[1-9][0-9]{0,9}$/.test(options.tenant)) {
    throw new ValidationError(`--tenant must be an id, not "${options.tenant}"`, 'tenant')
  }
  const person = personOf(options)
  return withRegistry(io, async (db, config) => {
    const tenant = await getTenant(db, Number(options.tenant))
    const scope = scopeOf(tenant.id, 'cli')
    if (options.action === 'export') {
      io.out(`${JSON.stringify(await exportPersonalData(db, scope, person), null, 2)}\n`)
      return 0
    }
    const n = await erasePerson(db, scope, person)
    await purgeFreedPages(db, config.db.dialect)
    io.out(`Erased ${n} contact entr${n === 1 ? 'y' : 'ies'} and every mention in texts and history.\n`)
    return 0
  })
}
