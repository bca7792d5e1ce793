import { listMerges, splitMerge } from '../../curation/merge.service.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'
import { renderTable } from '../table.js'
import { parseId } from './projects.js'
import { type CurationOptions, curationScope } from './review.js'

/**
 * `projektatlas split [merge-id]`: undoes a merge, bringing the merged project back exactly as
 * it was; without an id, lists the merges.
 */
export async function split(
  mergeId: string | undefined,
  options: CurationOptions,
  io: CliIO,
): Promise<number> {
  return withRegistry(io, async (db) => {
    const scope = await curationScope(db, options.tenant)
    const records =
      mergeId === undefined
        ? await listMerges(db, scope)
        : [await splitMerge(db, scope, parseId(mergeId, 'merge'))]
    if (options.format === 'json') {
      io.out(`${JSON.stringify(mergeId === undefined ? records : records[0], null, 2)}\n`)
      return 0
    }
    io.out(
      renderTable(records, [
        { heading: 'ID', cell: (m) => m.id, align: 'right' },
        { heading: 'Behölls', cell: (m) => m.keptId, align: 'right' },
        { heading: 'Sammanslaget', cell: (m) => `${m.mergedId} ${m.mergedName}`, maxWidth: 48 },
        { heading: 'När', cell: (m) => m.mergedAt },
        { heading: 'Av', cell: (m) => m.mergedBy },
        { heading: 'Delat', cell: (m) => m.splitAt ?? '' },
      ]),
    )
    return 0
  })
}
