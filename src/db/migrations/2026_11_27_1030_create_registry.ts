import { type CreateTableBuilder, type Kysely, sql } from 'kysely'

// Frozen in time: this file imports no application code and must never change once released.
// Written with the schema builder so one definition runs on both engines; the only dialect
// branch is the auto-incrementing id. The CHECK expressions are plain SQL both engines read alike.

type Dialect = 'sqlite' | 'postgres'
type Builder = CreateTableBuilder<string, string>

function id(dialect: Dialect) {
  return (t: Builder): Builder =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}

/** A money amount as two columns: minor units (bigint) and ISO 4217 currency, both set or both null. */
function money(name: string) {
  return (t: Builder): Builder =>
    t
      .addColumn(`${name}_minor`, 'bigint')
      .addColumn(`${name}_currency`, 'text')
      .addCheckConstraint(
        `${name}_pair`,
        sql`(${sql.ref(`${name}_minor`)} is null) = (${sql.ref(`${name}_currency`)} is null)`,
      )
}

/** The tenant column of a tenant-owned table, and (tenant_id, id) as a key children point at. */
function tenantOwned(table: string) {
  return (t: Builder): Builder =>
    t
      .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
      .addUniqueConstraint(`${table}_tenant_id_uq`, ['tenant_id', 'id'])
}

// A child row carries its parent's tenant and points at (tenant_id, id), so the database itself
// refuses a participation of tenant A in a project of tenant B.
function childOf(table: string, column: string, parent: string) {
  return (t: Builder): Builder =>
    t.addForeignKeyConstraint(
      `${table}_${column}_fk`,
      ['tenant_id', column],
      parent,
      ['tenant_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('organisation')
    .$call(id(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('kind', 'text')
    .addColumn('org_number', 'text', (c) => c.unique())
    .addColumn('eu_pic', 'text', (c) => c.unique())
    .addColumn('is_tenant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('organisation_is_tenant_bool', sql`is_tenant in (0, 1)`)
    .execute()
  await db.schema.createIndex('organisation_name_key_idx').on('organisation').column('name_key').execute()

  await db.schema
    .createTable('organisation_alias')
    .$call(id(dialect))
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisation.id').onDelete('cascade'),
    )
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('organisation_alias_uq', ['organisation_id', 'alias_key'])
    .execute()
  await db.schema
    .createIndex('organisation_alias_key_idx')
    .on('organisation_alias')
    .column('alias_key')
    .execute()

  await db.schema
    .createTable('unit')
    .$call(id(dialect))
    .$call(tenantOwned('unit'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_name_uq', ['tenant_id', 'name_key'])
    .execute()

  await db.schema
    .createTable('programme')
    .$call(id(dialect))
    .addColumn('canonical', 'text', (c) => c.notNull().unique())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer')
    .addColumn('to_year', 'integer')
    .addColumn('is_eu', 'integer', (c) => c.notNull())
    .addCheckConstraint('programme_is_eu_bool', sql`is_eu in (0, 1)`)
    .execute()

  await db.schema
    .createTable('programme_alias')
    .$call(id(dialect))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('programme_alias_uq', ['programme_id', 'alias_key'])
    .execute()
  await db.schema.createIndex('programme_alias_key_idx').on('programme_alias').column('alias_key').execute()

  await db.schema
    .createTable('project')
    .$call(id(dialect))
    .$call(tenantOwned('project'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text')
    .addColumn('summary', 'text')
    .addColumn('programme_id', 'integer', (c) => c.references('programme.id').onDelete('set null'))
    .addColumn('programme_raw', 'text')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('status', 'text')
    .$call(money('total_budget'))
    .$call(money('eu_contribution'))
    .addColumn('website', 'text')
    .addColumn('areas_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('project_status_known', sql`status in ('planned', 'ongoing', 'completed')`)
    .execute()
  await db.schema
    .createIndex('project_tenant_name_idx')
    .on('project')
    .columns(['tenant_id', 'name'])
    .execute()

  await db.schema
    .createTable('project_external_id')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .$call(childOf('project_external_id', 'project_id', 'project'))
    .addUniqueConstraint('project_external_id_uq', ['tenant_id', 'scheme', 'value'])
    .execute()

  await db.schema
    .createTable('council_goal')
    .$call(id(dialect))
    .$call(tenantOwned('council_goal'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('council_goal_number_uq', ['tenant_id', 'period', 'number'])
    .execute()

  await db.schema
    .createTable('participation')
    .$call(id(dialect))
    .$call(tenantOwned('participation'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('unit.id').onDelete('set null'))
    // null when the source does not say whether the organisation leads or partners
    .addColumn('role', 'text')
    .$call(money('budget'))
    .$call(money('eu_cofinancing'))
    .addColumn('theme', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .$call(childOf('participation', 'project_id', 'project'))
    .addCheckConstraint('participation_role_known', sql`role in ('lead', 'partner')`)
    .execute()
  await db.schema
    .createIndex('participation_project_idx')
    .on('participation')
    .columns(['tenant_id', 'project_id'])
    .execute()
  await db.schema
    .createIndex('participation_organisation_idx')
    .on('participation')
    .column('organisation_id')
    .execute()

  await db.schema
    .createTable('payment')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('participation_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .$call(childOf('payment', 'participation_id', 'participation'))
    .addUniqueConstraint('payment_year_uq', ['participation_id', 'year'])
    .execute()

  await db.schema
    .createTable('participation_goal')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('participation_id', 'integer', (c) => c.notNull())
    .addColumn('council_goal_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_goal_pk', ['participation_id', 'council_goal_id'])
    .$call(childOf('participation_goal', 'participation_id', 'participation'))
    .$call(childOf('participation_goal', 'council_goal_id', 'council_goal'))
    .execute()

  await db.schema
    .createTable('contact')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('participation_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(childOf('contact', 'participation_id', 'participation'))
    .execute()
  await db.schema
    .createIndex('contact_participation_idx')
    .on('contact')
    .columns(['tenant_id', 'participation_id'])
    .execute()

  await db.schema
    .createTable('project_event')
    .$call(id(dialect))
    .$call(tenantOwned('project_event'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('country', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(childOf('project_event', 'project_id', 'project'))
    .execute()

  await db.schema
    .createTable('event_participant')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_participant_pk', ['event_id', 'country'])
    .$call(childOf('event_participant', 'event_id', 'project_event'))
    .execute()

  await db.schema
    .createTable('network')
    .$call(id(dialect))
    .$call(tenantOwned('network'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('until', 'text')
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('source_document')
    .$call(id(dialect))
    .$call(tenantOwned('source_document'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('source_document_sha256_uq', ['tenant_id', 'sha256'])
    .execute()

  await db.schema
    .createTable('provenance')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('page', 'integer')
    .addColumn('line_start', 'integer')
    .addColumn('line_end', 'integer')
    .addColumn('raw_text', 'text')
    .$call(childOf('provenance', 'document_id', 'source_document'))
    .execute()
  await db.schema
    .createIndex('provenance_entity_idx')
    .on('provenance')
    .columns(['tenant_id', 'entity', 'entity_id'])
    .execute()

  await db.schema
    .createTable('data_issue')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addCheckConstraint('data_issue_status_known', sql`status in ('open', 'resolved')`)
    .execute()
  await db.schema
    .createIndex('data_issue_entity_idx')
    .on('data_issue')
    .columns(['tenant_id', 'entity', 'entity_id'])
    .execute()

  // No foreign keys: the audit log outlives what it describes.
  await db.schema
    .createTable('audit_event')
    .$call(id(dialect))
    .addColumn('tenant_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute()
  await db.schema
    .createIndex('audit_event_entity_idx')
    .on('audit_event')
    .columns(['tenant_id', 'entity', 'entity_id'])
    .execute()
}

const TABLES = [
  'audit_event',
  'data_issue',
  'provenance',
  'source_document',
  'network',
  'event_participant',
  'project_event',
  'contact',
  'participation_goal',
  'payment',
  'participation',
  'council_goal',
  'project_external_id',
  'project',
  'programme_alias',
  'programme',
  'unit',
  'organisation_alias',
  'organisation',
]

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
