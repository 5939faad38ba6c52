/**
 * The whole local domain in one first migration, so that later features add little schema.
 * Booleans are integers (SQLite), dates are ISO strings ('YYYY-MM-DD'), timestamps ISO 8601 UTC.
 * Rows have client-generated UUIDs so they keep their identity on the provincial server.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('settings', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });

  await knex.schema.createTable('operators', (t) => {
    t.string('id').primary();
    t.string('name').notNullable().unique();
    t.string('created_at').notNullable();
    t.string('disabled_at');
  });

  await knex.schema.createTable('units', (t) => {
    t.string('code', 6).primary();
    t.string('name').notNullable();
    t.string('level').notNullable();
    t.string('parent_code', 6).index();
  });

  await knex.schema.createTable('person_categories', (t) => {
    t.string('code').primary();
    t.string('name').notNullable();
    t.integer('sort').notNullable();
  });

  await knex.schema.createTable('platforms', (t) => {
    t.string('id').primary();
    t.string('name').notNullable();
    t.string('url');
    t.string('level').notNullable(); // national | province | city
    t.string('source').notNullable(); // national | province | local | demo
    t.integer('is_demo').notNullable().defaultTo(0);
    t.string('city_code', 6);
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('deleted_at');
    t.string('hlc');
    t.index(['level', 'name']);
  });

  // County-owned facts about a (possibly province-owned) platform: kept apart so a directory pull
  // never overwrites the county's own choices.
  await knex.schema.createTable('platform_adoptions', (t) => {
    t.string('platform_id').primary().references('platforms.id');
    t.integer('adopted').notNullable().defaultTo(0);
    t.integer('in_local_directory').notNullable().defaultTo(0);
    t.string('updated_at').notNullable();
    t.string('updated_by');
    t.string('hlc');
  });

  await knex.schema.createTable('occupations', (t) => {
    t.string('id').primary();
    t.string('name').notNullable().unique();
    t.string('kind').notNullable(); // occupation | general
    t.integer('sort').notNullable();
    t.string('source').notNullable(); // seed | province | local
  });

  await knex.schema.createTable('trainees', (t) => {
    t.string('id').primary();
    t.string('county_code', 6).notNullable();
    t.string('id_number', 18).notNullable();
    // Reversed ID number: "last 4-6 characters" becomes an indexable prefix range.
    t.string('id_number_rev', 18).notNullable();
    t.string('name').notNullable();
    t.string('phone').notNullable();
    t.string('phone_rev').notNullable();
    t.integer('rural_hukou').notNullable();
    t.string('registered_at', 10).notNullable();
    t.string('platform_id').references('platforms.id');
    t.string('note');
    t.string('birth_date', 10).notNullable();
    t.string('sex', 1).notNullable();
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('created_by').references('operators.id');
    t.string('updated_by').references('operators.id');
    t.string('deleted_at');
    t.string('delete_reason');
    t.string('hlc');
    t.index(['id_number_rev']);
    t.index(['name']);
    t.index(['phone']);
    t.index(['phone_rev']);
    t.index(['registered_at']);
    t.index(['created_at']);
    t.index(['platform_id']);
  });
  // One live registration per ID number in this county's store; a deleted one may be registered again.
  await knex.raw('CREATE UNIQUE INDEX trainees_id_number_live ON trainees (id_number) WHERE deleted_at IS NULL');

  // WITHOUT ROWID: the primary key is the table, one B-tree instead of two for a row per category.
  await knex.raw(`CREATE TABLE trainee_categories (
    trainee_id varchar(255) NOT NULL REFERENCES trainees (id) ON DELETE CASCADE,
    category varchar(255) NOT NULL REFERENCES person_categories (code),
    PRIMARY KEY (trainee_id, category)
  ) WITHOUT ROWID`);
  await knex.raw('CREATE INDEX trainee_categories_category_index ON trainee_categories (category)');

  await knex.schema.createTable('enrolments', (t) => {
    t.string('id').primary();
    t.string('trainee_id').notNullable().references('trainees.id');
    t.string('platform_id').notNullable().references('platforms.id');
    t.string('occupation_id').references('occupations.id');
    t.string('course_name').notNullable();
    t.string('start_date', 10).notNullable();
    t.string('end_date', 10);
    t.float('hours').notNullable();
    t.integer('signed_in').notNullable();
    t.text('learning_record');
    t.string('test_result');
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('created_by').references('operators.id');
    t.string('updated_by').references('operators.id');
    t.string('deleted_at');
    t.string('delete_reason');
    t.string('hlc');
    t.index(['trainee_id']);
    t.index(['start_date']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('periods', (t) => {
    t.string('id').primary();
    t.integer('seq').notNullable();
    t.string('start_date', 10).notNullable();
    t.string('cutoff_date', 10).notNullable().unique();
    t.string('due_date', 10).notNullable();
    t.string('source').notNullable(); // local | province
    t.string('updated_at').notNullable();
  });

  await knex.schema.createTable('dispatch_reports', (t) => {
    t.string('id').primary();
    t.string('period_id').notNullable().unique().references('periods.id');
    t.string('status').notNullable(); // draft | submitted | accepted | returned
    t.text('computed').notNullable(); // JSON: figures computed from the records
    t.text('adjustments').notNullable(); // JSON: [{figure, value, reason, operatorId, at}]
    t.string('force_reason');
    t.string('submitted_at');
    t.string('submitted_by').references('operators.id');
    t.text('review_comment');
    t.string('reviewed_at');
    t.string('updated_at').notNullable();
    t.string('hlc');
  });

  // The outbox: every local change, in local order, waiting to reach the provincial server.
  await knex.schema.createTable('outbox', (t) => {
    t.increments('seq').primary();
    // Unique by construction (time-ordered UUIDs); the server deduplicates by it. No local index:
    // it would cost every write and no local query looks ops up by id.
    t.string('op_id').notNullable();
    t.string('entity').notNullable();
    t.string('entity_id').notNullable();
    t.string('op').notNullable(); // put | patch | delete
    t.text('payload').notNullable();
    t.string('hlc').notNullable();
    t.string('operator_id');
    t.string('created_at').notNullable();
    // Ops of a frozen batch are found by its seq range (sync_batches.first_seq..last_seq).
    t.string('batch_id');
  });

  // A batch is frozen once formed: the same id and the same bytes on every retry.
  await knex.schema.createTable('sync_batches', (t) => {
    t.string('batch_id').primary();
    t.integer('first_seq').notNullable();
    t.integer('last_seq').notNullable();
    t.integer('op_count').notNullable();
    t.binary('body').notNullable();
    t.string('created_at').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('last_attempt_at');
  });

  await knex.schema.createTable('sync_state', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });

  await knex.schema.createTable('sync_rejections', (t) => {
    t.string('op_id').primary();
    t.string('entity').notNullable();
    t.string('entity_id').notNullable();
    t.string('code').notNullable();
    t.text('message').notNullable();
    t.string('at').notNullable();
    t.string('resolved_at');
  });

  await knex.schema.createTable('notices', (t) => {
    t.string('id').primary();
    t.string('kind').notNullable();
    t.string('title').notNullable();
    t.text('body').notNullable();
    t.string('created_at').notNullable();
    t.string('read_at');
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.string('at').notNullable();
    t.string('operator_id');
    t.string('operator_name');
    t.string('entity').notNullable();
    t.string('entity_id').notNullable();
    t.string('action').notNullable(); // create | update | delete | reveal | ...
    t.text('changes'); // JSON {field: [before, after]} for updates
    t.index(['entity', 'entity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  const tables = [
    'audit_log', 'notices', 'sync_rejections', 'sync_state', 'sync_batches', 'outbox', 'dispatch_reports',
    'periods', 'enrolments', 'trainee_categories', 'trainees', 'occupations', 'platform_adoptions', 'platforms',
    'person_categories', 'units', 'operators', 'settings',
  ];
  for (const table of tables) await knex.schema.dropTableIfExists(table);
}
