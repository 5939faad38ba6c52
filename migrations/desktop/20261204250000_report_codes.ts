/**
 * The short report code (issue #16): which submission of a period this is (`submit_revision`, 1 for the first
 * 上报, one more after each return and resubmission; the code carries it so the province refuses an older one),
 * and the receipt code the clerk typed back from the province (`code_receipt`, when and for which revision).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.integer('submit_revision').notNullable().defaultTo(0);
    t.string('code_receipt');
    t.integer('code_receipt_revision');
    t.string('code_receipt_at');
  });
  // A report submitted before this migration went up at least once.
  await knex('dispatch_reports').whereNotNull('submitted_at').update({ submit_revision: 1 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispatch_reports', (t) => {
    t.dropColumn('submit_revision');
    t.dropColumn('code_receipt');
    t.dropColumn('code_receipt_revision');
    t.dropColumn('code_receipt_at');
  });
}
