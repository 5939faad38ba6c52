/**
 * Rule severities (issue #15 item 3). `check_rules` holds the province's rules as they arrived by sync beside the
 * period calendar: the definition verbatim, whether this version knows its kind (an unknown kind is kept and shown
 * as skipped, never run), and whether the province still has it in force. The built-in rules R001-R003 live in
 * code. `dispatch_reports.rule_outcomes` / `skipped_rules` keep what ran on a submission and how it came out.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('check_rules', (t) => {
    t.string('id').primary();
    t.string('kind').notNullable();
    t.text('definition').notNullable();
    t.integer('known').notNullable();
    t.integer('enabled').notNullable();
    t.string('updated_at').notNullable();
  });
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.text('rule_outcomes');
    t.text('skipped_rules');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.dropColumn('rule_outcomes');
    t.dropColumn('skipped_rules');
  });
  await knex.schema.dropTable('check_rules');
}
