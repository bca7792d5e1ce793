import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { setPublished } from '../../src/accounts/publication.service.js'
import type { Database } from '../../src/db/database.js'
import { readDocument } from '../../src/import/extract/read-document.js'
import { importDocument } from '../../src/import/import-document.js'
import { parseDocument } from '../../src/import/parse/parse-document.js'
import { ensureTenant } from '../../src/registry/organisation.service.js'
import type { ProjectRecord } from '../../src/registry/project-record.js'
import { scopeOf } from '../../src/registry/scope.js'
import { NEEDS_SHARED, SHARED_DIR as SHARED } from '../support/shared.js'

/** ../shared beside the repository (CI lays it out the same way). */
/** Why seed-based catalogue tests skip, or false when the seeds are there. */
export const SEEDS_SKIP = NEEDS_SHARED

/** Tenant of a document whose records name no reporting organisation (a publication). */
const PUBLISHER_FALLBACK = 'Importerade publikationer'

/**
 * Imports every seed document through the import service (extract → parse → importDocument), each
 * into the portfolio of the organisation its records name.
 * @returns the records stored, per document
 */
export async function importSeeds(db: Kysely<Database>): Promise<ProjectRecord[]> {
  const dir = join(SHARED, 'seeds')
  const all: ProjectRecord[] = []
  for (const file of readdirSync(dir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()) {
    const doc = await readDocument(join(dir, file), { import: { maxFileBytes: 50 * 1024 * 1024 } })
    const records = parseDocument(doc)
    if (records.length === 0) {
      continue
    }
    const name = records.find((r) => r.organisation)?.organisation ?? PUBLISHER_FALLBACK
    const tenant = await ensureTenant(db, 'test', { name, country: 'SE', kind: 'municipality' })
    const outcome = await importDocument(db, scopeOf(tenant.id, 'import'), { document: doc, records })
    if (outcome.status === 'rejected') {
      throw new Error(`${file}: ${outcome.issues.join('; ')}`)
    }
    // Imported projects are drafts until published; the catalogue shows published ones.
    if (outcome.status === 'imported') {
      for (const id of new Set(outcome.projectIds)) {
        await setPublished(db, scopeOf(tenant.id, 'test'), id, true)
      }
    }
    all.push(...records)
  }
  return all
}
