import { getMerge, mergeProjects } from '../../curation/merge.service.js'
import { mergeOrganisations } from '../../curation/organisation-merge.service.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'
import { parseId } from './projects.js'
import { type CurationOptions, curationScope } from './review.js'

/** Options of `projektatlas merge`. */
export interface MergeOptions extends CurationOptions {
  readonly note?: string
  /** the ids are organisations, not projects */
  readonly organisations?: boolean
}

/**
 * `projektatlas merge <kept> <merged>`: makes two projects one, keeping every participation,
 * payment, contact, provenance link and data issue; prints the merge id that `split` undoes.
 */
export async function merge(kept: string, merged: string, options: MergeOptions, io: CliIO): Promise<number> {
  return withRegistry(io, async (db) => {
    const scope = await curationScope(db, options.tenant)
    const keptId = parseId(kept, 'kept')
    const mergedId = parseId(merged, 'merged')
    const note = options.note ?? null
    const record = options.organisations
      ? await getMerge(db, scope, await mergeOrganisations(db, scope, keptId, mergedId, note))
      : await mergeProjects(db, scope, keptId, mergedId, note)
    if (options.format === 'json') {
      io.out(`${JSON.stringify(record, null, 2)}\n`)
    } else {
      io.out(
        `${options.organisations ? 'Organisation' : 'Projekt'} ${record.mergedId} ("${record.mergedName}") slogs ihop med ${record.keptId}. Ångra med: projektatlas split ${record.id}\n`,
      )
    }
    return 0
  })
}
