import { type Kysely, sql } from 'kysely'

// Frozen in time: imports no application code. The catalogue's name sort key becomes a byte-order
// key (Å, Ä, Ö after Z, accents folded), compared byte-wise on both engines: PostgreSQL's locale
// collations would otherwise order names differently from SQLite. PostgreSQL gets an index in the
// "C" collation for the key; every project is queued so its key is recomputed on the next search.

type Dialect = 'sqlite' | 'postgres'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create index catalogue_doc_name_c_idx on catalogue_doc (name_key collate "C")`.execute(db)
  }
  await sql`insert into catalogue_dirty (project_id) select id from project
    where id not in (select project_id from catalogue_dirty)`.execute(db)
}

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop index if exists catalogue_doc_name_c_idx`.execute(db)
  }
}
