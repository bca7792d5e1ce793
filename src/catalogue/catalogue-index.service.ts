import type { Dialect } from '../config/config.js'
import { type Db, inTransaction } from '../registry/tx.js'
import {
  beginBulkIndex,
  claimDirty,
  dirtyCount,
  endBulkIndex,
  type IndexEntry,
  indexSources,
  markDirty,
  replaceEntries,
} from './catalogue.repository.js'
import { facetValues } from './facets.js'
import { indexStems, indexWords, sortKey } from './text.js'
import { isPublic } from './visibility.js'

/** Projects indexed per transaction: big enough to amortise, small enough to keep locks short. */
const BATCH = 200
/**
 * Per transaction when many wait (a bulk import, a migration, a first start on a loaded registry):
 * fewer, larger statements and count updates; a search waits for the build either way.
 */
const BULK_BATCH = 5_000

/**
 * Brings the search index up to date with every write committed so far. Writes to projects,
 * participations, organisations, units and programmes queue the project in the same transaction
 * (database triggers), so nothing can be missed; this rebuilds the queued entries. Called before
 * every search and public read, so an update is visible at once; cheap when nothing is queued
 * (one indexed probe).
 * @returns how many projects were reindexed
 */
export async function refreshCatalogue(db: Db, dialect: Dialect): Promise<number> {
  let done = 0
  let bulk = false
  try {
    for (;;) {
      const waiting = await dirtyCount(db, BULK_BATCH)
      if (waiting === 0) {
        break
      }
      if (waiting >= BULK_BATCH && !bulk) {
        bulk = true
        await beginBulkIndex(db, dialect)
      }
      const n = await inTransaction(db, async (trx) => {
        const ids = await claimDirty(trx, dialect, waiting >= BULK_BATCH ? BULK_BATCH : BATCH)
        await reindex(trx, dialect, ids)
        return ids.length
      })
      if (n === 0) {
        // Another server holds the remaining rows (PostgreSQL SKIP LOCKED): it is indexing them.
        break
      }
      done += n
    }
  } finally {
    if (bulk) {
      await endBulkIndex(db, dialect)
    }
  }
  return done
}

/** Queues every project and rebuilds the whole index (after a change to the visibility rule). */
export async function rebuildCatalogue(db: Db, dialect: Dialect): Promise<number> {
  await markDirty(db)
  return refreshCatalogue(db, dialect)
}

async function reindex(trx: Db, dialect: Dialect, ids: readonly number[]): Promise<void> {
  const entries: IndexEntry[] = []
  for (const p of await indexSources(trx, ids)) {
    // Drafts are indexed too (their tenant searches them through the API), marked not public.
    const visible = isPublic(p, p.publishedAt)
    const words = indexWords([
      p.name,
      p.acronym,
      p.summary,
      p.programme,
      p.programmeRaw,
      p.tenantName,
      ...p.participants.map((x) => x.name),
    ])
    entries.push({
      doc: {
        project_id: p.id,
        tenant_id: p.tenantId,
        name_key: sortKey(p.name),
        start_key: p.start,
        end_key: p.end,
        updated_at: p.updatedAt,
        words,
        title: indexStems(indexWords([p.name, p.acronym])),
      },
      stems: indexStems(words),
      facets: facetValues(p),
      public: visible,
    })
  }
  await replaceEntries(trx, dialect, ids, entries)
}

/**
 * Keeps the index current in the background, for servers whose catalogue reads go to a read
 * replica (which cannot index): `everyMs` after each round it indexes what writes have queued, so
 * a long round (a bulk build) delays the next instead of piling rounds up. Failures are reported
 * to `onError` and retried on the next round.
 * @returns stops the loop; resolves when a round in progress has finished
 */
export function startCatalogueIndexer(
  db: Db,
  dialect: Dialect,
  everyMs: number,
  onError: (err: unknown) => void,
): () => Promise<void> {
  let stopped = false
  let round: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout
  const next = () => {
    round = refreshCatalogue(db, dialect)
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(next, everyMs)
        }
      })
  }
  timer = setTimeout(next, everyMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await round
  }
}
