/**
 * A notice about a sync conflict (two PCs of the county changed the same field) names the record, so the
 * 数据同步 page can open it for review. (Named after 20261125140000_trainee_list_indexes, which took that stamp.)
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notices', (t) => {
    t.string('entity');
    t.string('entity_id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notices', (t) => {
    t.dropColumn('entity');
    t.dropColumn('entity_id');
  });
}
