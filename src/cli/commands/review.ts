import type { Kysely } from 'kysely'
import type { CandidateStatus, MatchCandidate } from '../../curation/curation.js'
import { acceptCandidate, listCandidates, rejectCandidate } from '../../curation/review.service.js'
import type { Database } from '../../db/database.js'
import { getTenant, listTenants } from '../../registry/organisation.service.js'
import { type Scope, scopeOf } from '../../registry/scope.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'
import { renderTable } from '../table.js'
import { parseId } from './projects.js'

/** Options every curation command shares. */
export interface CurationOptions {
  /** the portfolio to work in; may be left out when there is only one */
  readonly tenant?: string
  readonly format?: 'table' | 'json'
}

/** Options of `projektatlas review`. */
export interface ReviewOptions extends CurationOptions {
  readonly status?: CandidateStatus
}

/**
 * The portfolio a curation command works in: `--tenant`, or the only one there is.
 * @throws {ValidationError} when several portfolios exist and none is named
 */
export async function curationScope(db: Kysely<Database>, tenant: string | undefined): Promise<Scope> {
  if (tenant !== undefined) {
    return scopeOf((await getTenant(db, parseId(tenant, 'tenant'))).id, 'cli')
  }
  const tenants = await listTenants(db)
  const [only] = tenants
  if (tenants.length !== 1 || !only) {
    throw new ValidationError(`--tenant is needed: the registry has ${tenants.length} portfolios`, 'tenant')
  }
  return scopeOf(only.id, 'cli')
}

function printCandidates(candidates: readonly MatchCandidate[], options: CurationOptions, io: CliIO): void {
  if (options.format === 'json') {
    io.out(`${JSON.stringify(candidates, null, 2)}\n`)
    return
  }
  io.out(
    renderTable(candidates, [
      { heading: 'ID', cell: (c) => c.id, align: 'right' },
      { heading: 'Poäng', cell: (c) => c.score.toFixed(2), align: 'right' },
      { heading: 'Behålls', cell: (c) => `${c.leftId} ${c.leftName ?? ''}`, maxWidth: 36 },
      { heading: 'Slås ihop', cell: (c) => `${c.rightId} ${c.rightName ?? ''}`, maxWidth: 36 },
      { heading: 'Skäl', cell: (c) => c.reasons.join('; '), maxWidth: 60 },
      { heading: 'Status', cell: (c) => c.status },
    ]),
  )
}

/**
 * `projektatlas review [list|accept|reject] [id]`: the review queue of likely duplicates; accept
 * merges the pair (reversible with `split`), reject keeps them apart. Decisions stay listed.
 */
export async function review(
  action: 'list' | 'accept' | 'reject',
  id: string | undefined,
  options: ReviewOptions,
  io: CliIO,
): Promise<number> {
  return withRegistry(io, async (db) => {
    const scope = await curationScope(db, options.tenant)
    if (action === 'list') {
      printCandidates(await listCandidates(db, scope, { status: options.status ?? 'open' }), options, io)
      return 0
    }
    if (id === undefined) {
      throw new ValidationError(`review ${action} needs the candidate's id`, 'id')
    }
    const candidateId = parseId(id, 'id')
    const decided =
      action === 'accept'
        ? await acceptCandidate(db, scope, candidateId)
        : await rejectCandidate(db, scope, candidateId)
    printCandidates([decided], options, io)
    if (decided.mergeId !== null && options.format !== 'json') {
      io.out(`Sammanslagning ${decided.mergeId}; ångra med: projektatlas split ${decided.mergeId}\n`)
    }
    return 0
  })
}
