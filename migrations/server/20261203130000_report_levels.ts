/**
 * Reporting level by level (issue #15): the city report each city submits to the province, the one
 * history of every step on every report (who, when, why: all levels read it), correction requests
 * (更正申请) as they reach the server from the counties and the decision on each, and the province's
 * settings (whether counties of a city without a city account report straight to the province).
 * The county decision itself stays in report_reviews (src-server/staff/review-service.ts).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('city_reports', (t) => {
    t.string('city_code', 6).notNullable();
    t.string('cutoff_date', 10).notNullable();
    t.string('stage').notNullable(); // open | submitted | returned | accepted | withdrawn
    t.text('note');
    t.text('force_reason');
    t.text('missing_counties'); // JSON array of county codes left out by 强制上报
    t.text('rows'); // JSON: the roll-up rows as submitted (one per county, figures of accepted reports)
    t.string('submitted_at');
    t.string('submitted_by');
    t.string('submitted_by_name');
    t.string('decided_at');
    t.string('decided_by');
    t.text('decision_comment');
    t.string('updated_at').notNullable();
    t.primary(['city_code', 'cutoff_date']);
  });

  await knex.schema.createTable('level_events', (t) => {
    t.increments('id').primary();
    t.string('cutoff_date', 10).notNullable();
    t.string('city_code', 6).notNullable();
    t.string('county_code', 6); // null: an event of the city report
    t.string('action').notNullable(); // a LevelActionKind
    t.string('stage').notNullable(); // the stage the report is in afterwards
    t.string('actor_role').notNullable(); // county | city | province
    t.string('actor_id');
    t.string('actor_name').notNullable();
    t.text('reason');
    t.string('at').notNullable();
    t.index(['cutoff_date', 'city_code'], 'level_events_period_city');
  });

  await knex.schema.createTable('correction_requests', (t) => {
    t.string('id').primary(); // the PC's id of the request
    t.string('county_code', 6).notNullable();
    t.string('cutoff_date', 10).notNullable();
    t.string('report_id').notNullable();
    t.text('what').notNullable();
    t.text('why').notNullable();
    t.string('requested_at').notNullable();
    t.string('requested_by_name');
    t.string('stage').notNullable(); // requested | granted | refused
    t.string('decided_at');
    t.string('decided_by');
    t.string('decided_by_name');
    t.text('decision_comment');
    t.index(['county_code', 'cutoff_date'], 'correction_requests_county_period');
  });

  await knex.schema.createTable('server_settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
    t.string('updated_at').notNullable();
    t.string('updated_by');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['server_settings', 'correction_requests', 'level_events', 'city_reports']) await knex.schema.dropTableIfExists(table);
}
