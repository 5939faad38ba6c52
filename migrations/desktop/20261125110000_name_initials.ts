/**
 * Pinyin initials of each trainee's name, indexed, so '张三' is found by typing 'zs'. Existing rows
 * are filled in batches inside the migration.
 */
import type { Knex } from 'knex';
import { nameInitials } from '../../src-main/core/name-initials';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('trainees', (t) => {
    t.string('name_initials').notNullable().defaultTo('');
    t.index(['name_initials']);
  });
  let lastId = '';
  for (;;) {
    const rows = await knex('trainees').where('id', '>', lastId).orderBy('id').limit(1000).select<Array<{ id: string; name: string }>>('id', 'name');
    if (rows.length === 0) break;
    for (const row of rows) await knex('trainees').where({ id: row.id }).update({ name_initials: nameInitials(row.name) });
    lastId = rows[rows.length - 1]!.id;
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('trainees', (t) => {
    t.dropIndex(['name_initials']);
    t.dropColumn('name_initials');
  });
}
