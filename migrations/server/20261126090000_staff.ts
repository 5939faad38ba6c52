/**
 * Province and city staff: accounts (scrypt password hashes, lockout counters), sessions (only the
 * token's sha-256 is stored), the province's period calendar as the server knows it, and the review
 * decision on each county report. Reports themselves stay where sync puts them (county_records,
 * entity dispatch_report): a review refers to the submission it judged by its submittedAt.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_users', (t) => {
    t.string('id').primary();
    t.string('name', 64).notNullable().unique();
    t.string('role').notNullable(); // province | city
    t.string('city_code', 6); // set for a city account only
    t.string('password_hash').notNullable();
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.string('locked_until');
    t.string('disabled_at');
    t.string('created_at').notNullable();
    t.string('updated_at').notNullable();
  });

  await knex.schema.createTable('staff_sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.string('user_id').notNullable().index();
    t.string('created_at').notNullable();
    t.string('last_used_at').notNullable();
    t.string('ended_at');
  });

  await knex.schema.createTable('staff_periods', (t) => {
    t.string('id').primary(); // the id published in the periods dataset
    t.integer('seq').notNullable();
    t.string('start_date', 10).notNullable();
    t.string('cutoff_date', 10).notNullable().unique();
    t.string('due_date', 10).notNullable();
    t.string('updated_at').notNullable();
  });

  await knex.schema.createTable('report_reviews', (t) => {
    t.string('county_code', 6).notNullable();
    t.string('cutoff_date', 10).notNullable();
    t.string('report_id').notNullable();
    t.string('status').notNullable(); // accepted | returned
    t.text('comment');
    // The submission judged: a county that resubmits after a return has a new submittedAt.
    t.string('submitted_at').notNullable();
    t.string('reviewed_at').notNullable();
    t.string('reviewed_by').notNullable();
    t.primary(['county_code', 'cutoff_date']);
  });

  // Roll-ups count a period's figures per county straight from the synced rows.
  await knex.schema.alterTable('trainees', (t) => {
    t.index(['county_code', 'registered_at'], 'trainees_county_registered');
  });
  await knex.schema.alterTable('county_records', (t) => {
    t.index(['entity', 'county_code'], 'county_records_entity_county');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('county_records', (t) => {
    t.dropIndex(['entity', 'county_code'], 'county_records_entity_county');
  });
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['county_code', 'registered_at'], 'trainees_county_registered');
  });
  for (const table of ['report_reviews', 'staff_periods', 'staff_sessions', 'staff_users']) await knex.schema.dropTableIfExists(table);
}
