/**
 * Short report codes received (issue #16 item 3): a county's five figures for a period as typed on the staff web
 * UI or posted by an SMS gateway, provisional (已收到（短码）) until the full report arrives by sync or USB file,
 * which reconciles it: the same figures (`reconciled`) or a difference flagged on the board (`differs`, with the
 * figures that differ). One row per county, period and revision: a replay or an older revision is refused.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_codes', (t) => {
    t.increments('id');
    t.string('county_code', 6).notNullable();
    t.string('cutoff_date', 10).notNullable();
    t.integer('revision').notNullable();
    t.string('code', 35).notNullable();
    t.text('figures').notNullable();
    t.string('device_id').notNullable();
    t.string('via', 8).notNullable();
    t.string('received_by').notNullable();
    t.string('received_at').notNullable();
    t.string('receipt', 9).notNullable();
    t.string('state', 12).notNullable();
    t.text('differences');
    t.string('reconciled_at');
    t.unique(['county_code', 'cutoff_date', 'revision'], { indexName: 'report_codes_one_per_revision' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_codes');
}
