/**
 * Cross-county duplicate notices no longer tell a county where else a number is registered until the
 * province has looked (issue #18): duplicate_reviews holds the numbers the province marked 已核查;
 * duplicate_notice_counts how many foreign-number notices each device was given per day, so a device
 * probing numbers gets no detail past the daily limit (src-server/sync/duplicate-notices.ts).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('duplicate_reviews', (t) => {
    t.string('id_number', 18).primary();
    t.string('reviewed_at').notNullable();
    t.string('reviewed_by').notNullable();
  });
  await knex.schema.createTable('duplicate_notice_counts', (t) => {
    t.string('device_id').notNullable();
    t.string('day', 10).notNullable();
    t.integer('notices').notNullable();
    t.primary(['device_id', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('duplicate_notice_counts');
  await knex.schema.dropTableIfExists('duplicate_reviews');
}
