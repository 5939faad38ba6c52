/**
 * The provincial server's schema, portable between SQLite (a small province, tests) and PostgreSQL.
 * Booleans are integers, timestamps ISO 8601 UTC strings, JSON as text: the same rows on both.
 * County-owned rows always carry county_code, taken from the device token that wrote them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One-time enrolment codes: only their hash is stored; a code works once, within its validity.
  await knex.schema.createTable('enrol_codes', (t) => {
    t.string('code_hash', 64).primary();
    t.string('county_code', 6).notNullable();
    t.string('label');
    t.string('created_at').notNullable();
    t.string('expires_at').notNullable();
    t.string('used_at');
    t.string('device_id');
  });

  // A PC of a county. The token is stored only as its sha-256 (tokens are 256-bit random).
  await knex.schema.createTable('devices', (t) => {
    t.string('id').primary();
    t.string('county_code', 6).notNullable().index();
    t.string('token_hash', 64).notNullable().unique();
    t.string('client_device_id');
    t.string('label');
    t.string('created_at').notNullable();
    t.string('last_seen_at');
    t.string('revoked_at');
    // The last outbox seq of this PC the server applied: the gap check of the next batch.
    t.integer('last_seq');
  });

  // Every batch applied, with its body hash and the response that is replayed for a repeated key.
  await knex.schema.createTable('push_batches', (t) => {
    t.string('device_id').notNullable();
    t.string('idempotency_key').notNullable();
    t.string('county_code', 6).notNullable();
    t.string('body_hash', 64).notNullable();
    t.integer('first_seq').notNullable();
    t.integer('last_seq').notNullable();
    t.integer('op_count').notNullable();
    t.text('response').notNullable();
    t.string('created_at').notNullable();
    t.primary(['device_id', 'idempotency_key']);
  });

  // Every op ever seen, by its globally unique id: an op is applied at most once, whatever batch carries it.
  await knex.schema.createTable('op_log', (t) => {
    t.string('op_id').primary();
    t.string('device_id').notNullable();
    t.string('county_code', 6).notNullable();
    t.string('batch_key').notNullable();
    t.integer('seq').notNullable();
    t.string('entity').notNullable();
    t.string('entity_id').notNullable();
    t.string('op').notNullable();
    t.string('hlc').notNullable();
    t.string('status').notNullable(); // applied | rejected
    t.string('code');
    t.string('at').notNullable();
    t.index(['county_code', 'entity']);
  });

  await knex.schema.createTable('platforms', (t) => {
    t.string('id').primary();
    t.string('name').notNullable();
    t.string('url');
    t.string('level').notNullable(); // national | province | city
    t.string('source').notNullable(); // national | province | county
    t.string('county_code', 6).index(); // set for a county's own platforms
    t.string('city_code', 6);
    t.integer('is_demo').notNullable().defaultTo(0);
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('deleted_at');
    t.string('hlc');
  });

  await knex.schema.createTable('platform_adoptions', (t) => {
    t.string('county_code', 6).notNullable();
    t.string('platform_id').notNullable();
    t.integer('adopted').notNullable();
    t.integer('in_local_directory').notNullable();
    t.string('updated_at').notNullable();
    t.string('hlc').notNullable();
    t.primary(['county_code', 'platform_id']);
  });

  await knex.schema.createTable('trainees', (t) => {
    t.string('id').primary();
    t.string('county_code', 6).notNullable().index();
    t.string('id_number', 18).notNullable().index();
    t.string('name').notNullable();
    t.string('phone').notNullable();
    t.text('categories').notNullable(); // JSON array of category codes
    t.integer('rural_hukou').notNullable();
    t.string('registered_at', 10).notNullable();
    t.string('platform_id');
    t.text('note');
    t.string('birth_date', 10).notNullable();
    t.string('sex', 1).notNullable();
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('deleted_at');
    t.string('delete_reason');
    t.string('hlc').notNullable();
    t.string('device_id').notNullable();
  });
  // One live registration per ID number and county; across counties a repeat is flagged, not refused.
  await knex.raw('CREATE UNIQUE INDEX trainees_county_id_number_live ON trainees (county_code, id_number) WHERE deleted_at IS NULL');

  await knex.schema.createTable('enrolments', (t) => {
    t.string('id').primary();
    t.string('county_code', 6).notNullable().index();
    t.string('trainee_id').notNullable().index();
    t.string('platform_id').notNullable();
    t.string('occupation_id');
    t.string('course_name').notNullable();
    t.string('start_date', 10).notNullable();
    t.string('end_date', 10);
    t.float('hours').notNullable();
    t.integer('signed_in').notNullable();
    t.text('learning_record');
    t.string('test_result');
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
    t.string('deleted_at');
    t.string('hlc').notNullable();
  });

  // County-owned records the server stores without interpreting yet (dispatch reports, newer entities):
  // nothing a PC sends is lost while the server learns to read it.
  await knex.schema.createTable('county_records', (t) => {
    t.string('entity').notNullable();
    t.string('id').notNullable();
    t.string('county_code', 6).notNullable();
    t.text('payload').notNullable();
    t.string('hlc').notNullable();
    t.string('updated_at').notNullable();
    t.string('deleted_at');
    t.primary(['entity', 'id']);
  });

  // What PCs pull: one server sequence over all datasets; county_code null = for every county.
  await knex.schema.createTable('feed', (t) => {
    t.increments('seq').primary();
    t.string('dataset').notNullable();
    t.string('county_code', 6);
    t.string('item_id').notNullable();
    t.integer('deleted').notNullable().defaultTo(0);
    t.text('payload');
    t.string('created_at').notNullable();
    t.index(['dataset', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  const tables = ['feed', 'county_records', 'enrolments', 'trainees', 'platform_adoptions', 'platforms', 'op_log', 'push_batches', 'devices', 'enrol_codes'];
  for (const table of tables) await knex.schema.dropTableIfExists(table);
}
