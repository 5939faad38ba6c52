/**
 * The carried files this PC wrote (issue #16), so 数据同步 can tell the clerk which changes are only here,
 * which are on a USB file not yet acknowledged, and which the province confirmed. Batch ids are a JSON array:
 * the batches are frozen in sync_batches, and their ops leave the outbox only when a receipt commits.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('carried_exports', (t) => {
    t.string('file_id', 64).primary();
    t.integer('format').notNullable();
    t.string('created_at').notNullable();
    t.text('batch_ids').notNullable();
    t.integer('batches').notNullable();
    t.integer('ops').notNullable();
    t.string('key_id', 32);
    // Set when a receipt for this file was imported (or every batch was confirmed online).
    t.string('acknowledged_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('carried_exports');
}
