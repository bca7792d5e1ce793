import type { Organisation } from '../../registry/organisation.js'
import { listOrganisations } from '../../registry/organisation.service.js'
import type { CliIO } from '../io.js'
import { pages, withRegistry } from '../registry.js'
import { renderTable } from '../table.js'

/** Options of `projektatlas organisations`. */
export interface OrganisationsOptions {
  readonly format: 'table' | 'json'
}

/**
 * `projektatlas organisations`: every organisation, ordered by name, as a table or a JSON array.
 */
export async function organisations(options: OrganisationsOptions, io: CliIO): Promise<number> {
  return withRegistry(io, async (db) => {
    const all: Organisation[] = []
    for await (const page of pages((limit, offset) => listOrganisations(db, { limit, offset }))) {
      all.push(...page)
    }
    if (options.format === 'json') {
      io.out(`${JSON.stringify(all, null, 2)}\n`)
      return 0
    }
    io.out(
      renderTable(all, [
        { heading: 'ID', cell: (o) => o.id, align: 'right' },
        { heading: 'Namn', cell: (o) => o.name, maxWidth: 48 },
        { heading: 'Land', cell: (o) => o.country },
        { heading: 'Typ', cell: (o) => o.kind },
        { heading: 'Org.nr', cell: (o) => o.orgNumber },
        { heading: 'PIC', cell: (o) => o.euPic },
        { heading: 'Portfölj', cell: (o) => (o.isTenant ? 'ja' : '') },
      ]),
    )
    return 0
  })
}
