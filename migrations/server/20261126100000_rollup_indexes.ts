/**
 * Indexes for the province roll-up, progress and duplicates at a million trainees (issue 8's
 * benchmark, test/bench/rollup-bench.ts). Every staff figure counts live rows only, so the indexes
 * are partial on `deleted_at IS NULL` and hold the columns the count reads: PostgreSQL answers from
 * the index alone (an index-only scan) instead of reading the wide synced rows. Records of deleted
 * trainees are found from the few deleted trainees (a partial index on them) and subtracted.
 *
 * Two indexes are replaced rather than added, so sync writes no more index entries per trainee than
 * before: the roll-up's (county_code, registered_at) becomes partial, and the ID number index becomes
 * (id_number, county_code) on live rows, which still serves every lookup sync makes (all of them are
 * for live rows) and lets the duplicates query group by number without touching the table.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  const live = knex.whereNull('deleted_at');
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['county_code', 'registered_at'], 'trainees_county_registered');
    t.index(['county_code', 'registered_at'], 'trainees_live_county_registered', { predicate: live });
    t.dropIndex(['id_number']);
    t.index(['id_number', 'county_code'], 'trainees_live_id_number_county', { predicate: live });
    t.index(['id'], 'trainees_deleted', { predicate: knex.whereNotNull('deleted_at') });
  });
  await knex.schema.alterTable('enrolments', (t) => {
    t.index(['county_code', 'start_date'], 'enrolments_live_county_start', { predicate: live });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('enrolments', (t) => {
    t.dropIndex(['county_code', 'start_date'], 'enrolments_live_county_start');
  });
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['id'], 'trainees_deleted');
    t.dropIndex(['id_number', 'county_code'], 'trainees_live_id_number_county');
    t.index(['id_number']);
    t.dropIndex(['county_code', 'registered_at'], 'trainees_live_county_registered');
    t.index(['county_code', 'registered_at'], 'trainees_county_registered');
  });
}
