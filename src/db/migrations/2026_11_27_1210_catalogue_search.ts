import { type Kysely, sql } from 'kysely'

// Frozen in time: imports no application code. The public catalogue's search index.
//
// - catalogue_doc: one row per PUBLIC project: sort keys and the words it is found by (Swedish text
//   analysis done by the application; on PostgreSQL a generated tsvector with the `swedish`
//   configuration and a GIN index over it).
// - catalogue_fts (SQLite only): an FTS5 table whose rowid is the project id, holding the stems.
// - catalogue_facet: facet postings (facet, value, project): counting a facet over a bounded set of
//   matches is an index lookup per match, never a scan of every project.
// - catalogue_facet_count: precomputed counts per facet value over the whole catalogue, for the
//   landing page and empty queries (the commonest request) in O(values).
// - catalogue_dirty: projects whose index entry is out of date. Triggers on the registry's tables add
//   to it in the SAME transaction as the write, so no write can be missed; the search service brings
//   those entries up to date before it answers (see docs/search.md).

type Dialect = 'sqlite' | 'postgres'

const PROJECT_TABLES = ['project', 'participation'] as const

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('catalogue_doc')
    .addColumn('project_id', 'integer', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('start_key', 'text')
    .addColumn('end_key', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .execute()
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

  await db.schema
    .createTable('catalogue_dirty')
    .addColumn('project_id', 'integer', (c) => c.primaryKey())
    .execute()

  if (dialect === 'postgres') {
    await sql`alter table catalogue_doc add column tsv tsvector generated always as (to_tsvector('swedish', words)) stored`.execute(
      db,
    )
    await sql`create index catalogue_doc_tsv_idx on catalogue_doc using gin (tsv)`.execute(db)
    await sql`create function catalogue_mark_project() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          insert into catalogue_dirty (project_id) values (old.id) on conflict do nothing;
          return old;
        end if;
        insert into catalogue_dirty (project_id) values (new.id) on conflict do nothing;
        return new;
      end $$`.execute(db)
    await sql`create function catalogue_mark_participation() returns trigger language plpgsql as $$
      begin
        if tg_op in ('DELETE', 'UPDATE') then
          insert into catalogue_dirty (project_id) values (old.project_id) on conflict do nothing;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into catalogue_dirty (project_id) values (new.project_id) on conflict do nothing;
          return new;
        end if;
        return old;
      end $$`.execute(db)
    await sql`create function catalogue_mark_organisation() returns trigger language plpgsql as $$
      begin
        insert into catalogue_dirty (project_id)
          select project_id from participation where organisation_id = new.id
          on conflict do nothing;
        return new;
      end $$`.execute(db)
    await sql`create function catalogue_mark_unit() returns trigger language plpgsql as $$
      begin
        insert into catalogue_dirty (project_id)
          select project_id from participation where unit_id = new.id
          on conflict do nothing;
        return new;
      end $$`.execute(db)
    await sql`create function catalogue_mark_programme() returns trigger language plpgsql as $$
      begin
        insert into catalogue_dirty (project_id)
          select id from project where programme_id = new.id
          on conflict do nothing;
        return new;
      end $$`.execute(db)
    await sql`create trigger catalogue_project after insert or update or delete on project
      for each row execute function catalogue_mark_project()`.execute(db)
    await sql`create trigger catalogue_participation after insert or update or delete on participation
      for each row execute function catalogue_mark_participation()`.execute(db)
    await sql`create trigger catalogue_organisation after update on organisation
      for each row execute function catalogue_mark_organisation()`.execute(db)
    await sql`create trigger catalogue_unit after update on unit
      for each row execute function catalogue_mark_unit()`.execute(db)
    await sql`create trigger catalogue_programme after update on programme
      for each row execute function catalogue_mark_programme()`.execute(db)
  } else {
    // Stems only: the application stems (FTS5 has no Swedish stemmer), unicode61 keeps å/ä/ö as letters.
    await sql`create virtual table catalogue_fts using fts5(stems, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    )
    for (const table of PROJECT_TABLES) {
      const key = table === 'project' ? 'id' : 'project_id'
      for (const op of ['insert', 'update', 'delete'] as const) {
        const row = op === 'delete' ? 'old' : 'new'
        await sql
          .raw(`create trigger catalogue_${table}_${op} after ${op} on ${table} begin
            insert or ignore into catalogue_dirty (project_id) values (${row}.${key});
            ${op === 'update' ? `insert or ignore into catalogue_dirty (project_id) values (old.${key});` : ''}
          end`)
          .execute(db)
      }
    }
    await sql`create trigger catalogue_organisation_update after update on organisation begin
      insert or ignore into catalogue_dirty (project_id)
        select project_id from participation where organisation_id = new.id;
    end`.execute(db)
    await sql`create trigger catalogue_unit_update after update on unit begin
      insert or ignore into catalogue_dirty (project_id)
        select project_id from participation where unit_id = new.id;
    end`.execute(db)
    await sql`create trigger catalogue_programme_update after update on programme begin
      insert or ignore into catalogue_dirty (project_id)
        select id from project where programme_id = new.id;
    end`.execute(db)
  }
  // Projects that exist before this migration are indexed on the first search.
  await sql`insert into catalogue_dirty (project_id) select id from project`.execute(db)
}

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    for (const t of ['project', 'participation', 'organisation', 'unit', 'programme']) {
      await sql.raw(`drop trigger if exists catalogue_${t} on ${t}`).execute(db)
      await sql.raw(`drop function if exists catalogue_mark_${t}()`).execute(db)
    }
  } else {
    for (const table of PROJECT_TABLES) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql.raw(`drop trigger if exists catalogue_${table}_${op}`).execute(db)
      }
    }
    for (const t of ['organisation', 'unit', 'programme']) {
      await sql.raw(`drop trigger if exists catalogue_${t}_update`).execute(db)
    }
    await sql`drop table if exists catalogue_fts`.execute(db)
  }
  for (const t of ['catalogue_dirty', 'catalogue_facet_count', 'catalogue_facet', 'catalogue_doc']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
