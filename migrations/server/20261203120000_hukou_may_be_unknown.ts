/**
 * Issue #14: a county may register a trainee whose 户籍 is not known yet (待补充, a roster without that column):
 * trainees.rural_hukou may be NULL, and the sync payload carries null for it.
 */
import type { Knex } from 'knex';
import { dropSqliteNotNull, restoreSqliteNotNull } from '../../src-node/sqlite-not-null';

function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw('ALTER TABLE trainees ALTER COLUMN rural_hukou DROP NOT NULL');
  else await dropSqliteNotNull(knex, 'trainees', 'rural_hukou');
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw('ALTER TABLE trainees ALTER COLUMN rural_hukou SET NOT NULL');
  else await restoreSqliteNotNull(knex, 'trainees', 'rural_hukou');
}
