/**
 * Correction requests (更正申请) of this county, one row per request: what changes and why (both written by the clerk),
 * for which period and report, and the decision when it comes back by sync (stage, who at which level, when, why).
 * The request itself travels as a `correction_request` op in the outbox; whether it is still unsent or was refused
 * by the server is read from the outbox and sync_rejections, not stored twice here.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('correction_requests', (t) => {
    t.string('id').primary();
    t.string('period_id').notNullable().references('periods.id');
    t.string('report_id').notNullable();
    t.string('cutoff_date').notNullable();
    t.text('what').notNullable();
    t.text('why').notNullable();
    t.string('requested_at').notNullable();
    t.string('requested_by');
    t.string('stage').notNullable().defaultTo('requested');
    t.string('decided_at');
    t.string('decided_by');
    t.string('decided_level');
    t.text('decision_comment');
    t.index(['period_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('correction_requests');
}
