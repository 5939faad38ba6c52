/**
 * Who is at the keyboard (issue #19 item 3): each operator's PIN as a scrypt hash, and the count of wrong tries
 * with the time a lock ends, kept in the store so a restart does not reset a lockout. A table of its own, not
 * columns of `operators`: `down()` then drops one table and never has to rebuild `operators`, which half the
 * store references by foreign key (SQLite rebuilds a table to drop a column).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operator_credentials', (t) => {
    t.string('operator_id').primary().references('operators.id').onDelete('CASCADE');
    t.string('pin_hash').notNullable();
    t.string('pin_set_at').notNullable();
    t.integer('failed_count').notNullable().defaultTo(0);
    t.string('locked_until');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('operator_credentials');
}
