import type { CreateTableBuilder, Kysely } from 'kysely'
import type { Dialect } from '../../config/config.js'

// Frozen in time: imports no application code (the Dialect type aside). The yearly report: the
// figures and part 1 answers printed in an imported report (kept for reconciliation), and the
// reporting round (one per tenant and year, a status per unit, the units' answers per participation).

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = (t: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  await db.schema
    .createTable('printed_figure')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('document_id', 'integer', (c) =>
      c.notNull().references('source_document.id').onDelete('cascade'),
    )
    // the year the report is for; figure_year is the year a figure speaks of (a total compares with last year)
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('figure_year', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // a count, or an amount in whole currency units (printed amounts are rounded; no minor units)
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('approximate', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('printed_figure_year_idx')
    .on('printed_figure')
    .columns(['tenant_id', 'report_year'])
    .execute()

  await db.schema
    .createTable('printed_narrative')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('document_id', 'integer', (c) =>
      c.notNull().references('source_document.id').onDelete('cascade'),
    )
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('printed_narrative_year_idx')
    .on('printed_narrative')
    .columns(['tenant_id', 'report_year'])
    .execute()

  await db.schema
    .createTable('report_round')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_round_year_uq', ['tenant_id', 'year'])
    .execute()

  await db.schema
    .createTable('report_round_unit')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('report_round.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id').onDelete('cascade'))
    // not_started | draft | submitted | returned | approved
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    // the answers to the round's part 1 questions, in question order
    .addColumn('narrative_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_round_unit_uq', ['round_id', 'unit_id'])
    .execute()

  await db.schema
    .createTable('report_round_entry')
    .$call(id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('round_unit_id', 'integer', (c) =>
      c.notNull().references('report_round_unit.id').onDelete('cascade'),
    )
    .addColumn('participation_id', 'integer', (c) =>
      c.notNull().references('participation.id').onDelete('cascade'),
    )
    // the amount as the editor typed it, kept so a draft with an unreadable amount is not lost
    .addColumn('paid_text', 'text')
    .addColumn('goal_ids_json', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addUniqueConstraint('report_round_entry_uq', ['round_unit_id', 'participation_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'report_round_entry',
    'report_round_unit',
    'report_round',
    'printed_narrative',
    'printed_figure',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
