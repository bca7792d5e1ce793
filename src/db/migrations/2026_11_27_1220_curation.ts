import type { CreateTableBuilder, Kysely } from 'kysely'
import type { Dialect } from '../../config/config.js'

// Frozen in time: imports no application code (the Dialect type aside). Curation's tables: the
// review queue of likely matches, and the merges of projects with what is needed to undo them.

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = (t: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  await db.schema
    .createTable('match_candidate')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    // 'project' or 'organisation'; the ids point at rows of that table, without a foreign key,
    // so a decision stays on record after a merge removes one side
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('left_id', 'integer', (c) => c.notNull())
    .addColumn('right_id', 'integer', (c) => c.notNull())
    // score in thousandths: exact on both engines
    .addColumn('score_permille', 'integer', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('merge_id', 'integer')
    .execute()
  await db.schema
    .createIndex('match_candidate_status_idx')
    .on('match_candidate')
    .columns(['tenant_id', 'status'])
    .execute()

  await db.schema
    .createTable('merge_record')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('kept_id', 'integer', (c) => c.notNull())
    .addColumn('merged_id', 'integer', (c) => c.notNull())
    // everything a split needs to put the merged record back as it was
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('split_at', 'text')
    .addColumn('split_by', 'text')
    .execute()
  await db.schema
    .createIndex('merge_record_kept_idx')
    .on('merge_record')
    .columns(['tenant_id', 'kept_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('merge_record').ifExists().execute()
  await db.schema.dropTable('match_candidate').ifExists().execute()
}
