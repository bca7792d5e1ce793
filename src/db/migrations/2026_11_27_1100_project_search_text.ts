import type { Kysely } from 'kysely'

// Frozen in time: imports no application code. Adds project.search_text: name, acronym and summary
// folded to lower case by the application. Case-insensitive search then needs no lower() or ILIKE,
// whose treatment of Å, Ä and Ö depends on the engine and, in PostgreSQL, on the cluster's locale.

interface ProjectSearchDb {
  project: { id: number; name: string; acronym: string | null; summary: string | null; search_text: string }
}

/** The same folding the application applies (src/registry/schema-helpers.ts searchKey), copied on purpose. */
function fold(parts: readonly (string | null)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join('\n')
    .normalize('NFKC')
    .toLocaleLowerCase('sv')
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('project')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  const typed = db as unknown as Kysely<ProjectSearchDb>
  const rows = await typed.selectFrom('project').select(['id', 'name', 'acronym', 'summary']).execute()
  for (const r of rows) {
    await typed
      .updateTable('project')
      .set({ search_text: fold([r.name, r.acronym, r.summary]) })
      .where('id', '=', r.id)
      .execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project').dropColumn('search_text').execute()
}
