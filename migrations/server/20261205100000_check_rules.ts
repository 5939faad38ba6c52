/**
 * The province's check rules (issue #15 item 3): one row per rule it added, never edited (a county's stored outcomes
 * are judged by the definition it ran), disabled rather than deleted. Published to the PCs beside the period
 * calendar (dataset `periods`, told apart by their `rule` field). The built-in rules R001-R003 live in code.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_check_rules', (t) => {
    t.string('id', 60).primary();
    t.string('kind', 40).notNullable();
    t.string('severity', 12).notNullable();
    t.text('definition').notNullable();
    t.integer('enabled').notNullable();
    t.string('created_at').notNullable();
    t.string('created_by').notNullable();
    t.string('disabled_at');
    t.string('disabled_by');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_check_rules');
}
