import { type Kysely, sql } from 'kysely'

// Frozen in time: imports no application code. The catalogue's facets move from a postings table
// (catalogue_facet: ~17 rows per project, two B-trees, 34M rows at 2M projects) into the index
// entry itself, so a search reads one row per match and indexing writes one row per project:
//
// - catalogue_value: the facet values with a number each (a few thousand even nationally: names of
//   reporting organisations, units, programmes, years, countries); never deleted, so numbers last.
// - catalogue_doc.facets: the project's shown values as tokens ("v12 v40"), which searches count
//   over their bounded match set; `hidden`: the tokens only filters use (tenant "t5", participants
//   "p123"); `visible`: 1 for public projects; `title`: the stems of name and acronym,
//   which relevance compares (FTS5's bm25 reads every match's doclist for its idf).
// - SQLite: catalogue_fts gets a second column `tags` holding those tokens, so a filter is an FTS5
//   doclist intersection; the table becomes contentless (the stems were stored twice).
// - PostgreSQL: the same tokens as a generated text[] with a GIN index, for filters.
// - catalogue_facet_count is keyed by value number.
// - Indexes per sort order over visible projects serve the landing page; the old per-key ones go.
// Every project is queued: the next search rebuilds the entries (docs/search.md).

type Dialect = 'sqlite' | 'postgres'

const OLD_INDEXES = [
  'catalogue_doc_name_idx',
  'catalogue_doc_start_idx',
  'catalogue_doc_end_idx',
  'catalogue_doc_updated_idx',
]

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`delete from catalogue_doc`.execute(db)
  await db.schema.dropTable('catalogue_facet').execute()
  await db.schema.dropTable('catalogue_facet_count').execute()
  for (const name of OLD_INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute()
  }
  await db.schema
    .createTable('catalogue_value')
    .addColumn('id', 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalogue_value_facet_value_key', ['facet', 'value'])
    .execute()
  await db.schema
    .createTable('catalogue_facet_count')
    .addColumn('value_id', 'integer', (c) => c.primaryKey().references('catalogue_value.id'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .alterTable('catalogue_doc')
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  for (const column of ['facets', 'hidden', 'title']) {
    await db.schema
      .alterTable('catalogue_doc')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
  if (dialect === 'postgres') {
    await sql`drop index if exists catalogue_doc_name_c_idx`.execute(db)
    await sql`alter table catalogue_doc add column tags text[]
      generated always as (array_remove(string_to_array(facets || ' ' || hidden, ' '), '')) stored`.execute(
      db,
    )
    await sql`create index catalogue_doc_tags_idx on catalogue_doc using gin (tags)`.execute(db)
    await sql`create index catalogue_doc_visible_name_idx
      on catalogue_doc (visible, name_key collate "C", project_id)`.execute(db)
    await sql`create index catalogue_doc_visible_start_idx
      on catalogue_doc (visible, start_key desc nulls last, project_id desc)`.execute(db)
    await sql`create index catalogue_doc_visible_end_idx
      on catalogue_doc (visible, end_key desc nulls last, project_id desc)`.execute(db)
    await sql`create index catalogue_doc_visible_updated_idx
      on catalogue_doc (visible, updated_at desc, project_id desc)`.execute(db)
  } else {
    await sql`drop table catalogue_fts`.execute(db)
    await sql`create virtual table catalogue_fts using fts5(stems, tags, content = '',
      contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(db)
    // SQLite sorts NULL first ascending, so a backward scan gives "desc nulls last".
    for (const [name, key] of [
      ['name', 'name_key'],
      ['start', 'start_key'],
      ['end', 'end_key'],
      ['updated', 'updated_at'],
    ]) {
      await sql
        .raw(`create index catalogue_doc_visible_${name}_idx on catalogue_doc (visible, ${key}, project_id)`)
        .execute(db)
    }
  }
  await sql`insert into catalogue_dirty (project_id) select id from project
    where id not in (select project_id from catalogue_dirty)`.execute(db)
}

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const key of ['name', 'start', 'end', 'updated']) {
    await sql.raw(`drop index if exists catalogue_doc_visible_${key}_idx`).execute(db)
  }
  await sql`delete from catalogue_doc`.execute(db)
  await db.schema.dropTable('catalogue_facet_count').execute()
  await db.schema.dropTable('catalogue_value').execute()
  if (dialect === 'postgres') {
    await sql`drop index if exists catalogue_doc_tags_idx`.execute(db)
    await sql`alter table catalogue_doc drop column tags`.execute(db)
    await sql`create index catalogue_doc_name_c_idx on catalogue_doc (name_key collate "C")`.execute(db)
  } else {
    await sql`drop table catalogue_fts`.execute(db)
    await sql`create virtual table catalogue_fts using fts5(stems, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    )
  }
  for (const column of ['title', 'hidden', 'facets', 'visible']) {
    await db.schema.alterTable('catalogue_doc').dropColumn(column).execute()
  }
  await db.schema.createIndex('catalogue_doc_name_idx').on('catalogue_doc').columns(['name_key']).execute()
  await db.schema.createIndex('catalogue_doc_start_idx').on('catalogue_doc').columns(['start_key']).execute()
  await db.schema.createIndex('catalogue_doc_end_idx').on('catalogue_doc').columns(['end_key']).execute()
  await db.schema
    .createIndex('catalogue_doc_updated_idx')
    .on('catalogue_doc')
    .columns(['updated_at'])
    .execute()
  await db.schema
    .createTable('catalogue_facet')
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalogue_facet_pk', ['facet', 'value', 'project_id'])
    .execute()
  await db.schema
    .createIndex('catalogue_facet_project_idx')
    .on('catalogue_facet')
    .columns(['project_id', 'facet', 'value'])
    .execute()
  await db.schema
    .createTable('catalogue_facet_count')
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalogue_facet_count_pk', ['facet', 'value'])
    .execute()
  await sql`insert into catalogue_dirty (project_id) select id from project
    where id not in (select project_id from catalogue_dirty)`.execute(db)
}
