/**
 * Indexes for the province roll-up, progress and duplicates at a million trainees (issue 8's
 * benchmark, test/bench/rollup-bench.ts). Every staff figure counts live rows only, so the indexes
 * are partial on `deleted_at IS NULL` and hold every column the count reads: PostgreSQL answers from
 * the index alone (an index-only scan) instead of reading the wide synced rows (field stamps make a
 * trainee row several hundred bytes). Records of deleted trainees are found from the few deleted
 * trainees (a small partial index) and subtracted (see src-server/staff/computed-figures.ts).
 *
 * The new indexes replace old ones, so sync maintains as many index entries per row as before (the
 * deleted-trainee index holds only the few deleted ones):
 * - trainees (county_code) and (county_code, registered_at) become one partial index that also holds
 *   categories (progress). No query reads a county's deleted trainees, and sync finds rows by id
 *   and ID number;
 * - trainees (id_number) becomes (id_number, county_code) on live rows: every lookup sync makes by
 *   number is for live rows, and the duplicates query groups by number without touching the table;
 * - enrolments (county_code) becomes (county_code, start_date, occupation_id) on live rows, and
 *   (trainee_id) the partial index the deleted-trainee subtraction probes. Sync finds records by id.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  const live = knex.whereNull('deleted_at');
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['county_code']);
    t.dropIndex(['county_code', 'registered_at'], 'trainees_county_registered');
    t.index(['county_code', 'registered_at', 'categories'], 'trainees_live_county_registered', { predicate: live });
    t.dropIndex(['id_number']);
    t.index(['id_number', 'county_code'], 'trainees_live_id_number_county', { predicate: live });
    t.index(['id'], 'trainees_deleted', { predicate: knex.whereNotNull('deleted_at') });
  });
  await knex.schema.alterTable('enrolments', (t) => {
    t.dropIndex(['county_code']);
    t.index(['county_code', 'start_date', 'occupation_id'], 'enrolments_live_county_start', { predicate: live });
    t.dropIndex(['trainee_id']);
    t.index(['trainee_id', 'county_code', 'start_date', 'occupation_id'], 'enrolments_live_trainee', { predicate: live });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('enrolments', (t) => {
    t.dropIndex(['trainee_id', 'county_code', 'start_date', 'occupation_id'], 'enrolments_live_trainee');
    t.index(['trainee_id']);
    t.dropIndex(['county_code', 'start_date', 'occupation_id'], 'enrolments_live_county_start');
    t.index(['county_code']);
  });
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['id'], 'trainees_deleted');
    t.dropIndex(['id_number', 'county_code'], 'trainees_live_id_number_county');
    t.index(['id_number']);
    t.dropIndex(['county_code', 'registered_at', 'categories'], 'trainees_live_county_registered');
    t.index(['county_code', 'registered_at'], 'trainees_county_registered');
    t.index(['county_code']);
  });
}
