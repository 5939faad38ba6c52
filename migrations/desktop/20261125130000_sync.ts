/**
 * What the PC keeps of sync beyond the initial tables: the receipt of every acknowledged batch (counts
 * and the server's hash of what it stored, for the clerk and for support), and on a rejected op the op
 * itself, so that fixing or discarding it later has everything it needs.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_receipts', (t) => {
    t.string('batch_id').primary();
    t.integer('first_seq').notNullable();
    t.integer('last_seq').notNullable();
    t.integer('applied').notNullable();
    t.integer('rejected').notNullable();
    t.integer('duplicate').notNullable();
    t.string('stored_hash').notNullable();
    t.string('server_time').notNullable();
    t.string('received_at').notNullable();
  });
  await knex.schema.alterTable('sync_rejections', (t) => {
    t.string('op');
    t.text('payload');
    t.string('hlc');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_receipts');
  await knex.schema.alterTable('sync_rejections', (t) => {
    t.dropColumn('op');
    t.dropColumn('payload');
    t.dropColumn('hlc');
  });
}
