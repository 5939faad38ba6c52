/**
 * A carried file may carry the PC's audit rows (issue #19): the export remembers the last row it carried, so
 * 数据同步 counts the file as waiting until the province confirms those rows (by its receipt or by online sync),
 * even when the file holds no data batch at all.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('carried_exports', (t) => {
    t.integer('audit_rows').notNullable().defaultTo(0);
    t.integer('audit_last_seq');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('carried_exports', (t) => {
    t.dropColumn('audit_rows');
    t.dropColumn('audit_last_seq');
  });
}
