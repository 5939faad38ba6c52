/**
 * Personal data sealed at rest (issue #19, docs/security.md "Personal data at rest"). ID numbers and phones are kept
 * sealed (AES-256-GCM) in their own columns; the clear search helpers (reversed numbers) give way to keyed blind
 * indexes; the one-registration-per-number rule moves to the index of the whole number. `data_key_wraps` holds the
 * store's data key wrapped by each way of opening it (the key file, Electron safeStorage, the recovery code).
 *
 * This migration changes the schema only: the rows are sealed right after it by the first open with a data key
 * (secrets/seal-personal-data.ts), which needs the key this migration cannot know. down() opens them again with the
 * key bound to the store (an older version reads clear values) and refuses, changing nothing, without it.
 */
import type { Knex } from 'knex';
import { unsealPersonalData } from '../../src-main/core/secrets/seal-personal-data';
import { reverse } from '../../src-main/core/db/trainee-search';

const INDEX_COLUMNS = ['id_tail4_hash', 'id_tail5_hash', 'id_tail6_hash', 'phone_hash', 'phone_tail4_hash'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('data_key_wraps', (t) => {
    // key-file | safe-storage | recovery
    t.string('kind').primary();
    t.text('wrapped').notNullable();
    t.string('created_at').notNullable();
  });
  await knex.raw('DROP INDEX IF EXISTS trainees_id_number_live');
  for (const index of ['trainees_id_number_rev_index', 'trainees_phone_index', 'trainees_phone_rev_index']) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  // Plain ALTER TABLE (SQLite >= 3.35): knex's dropColumn would rebuild the table, and with it its triggers and keys.
  await knex.raw('ALTER TABLE trainees DROP COLUMN id_number_rev');
  await knex.raw('ALTER TABLE trainees DROP COLUMN phone_rev');
  await knex.schema.alterTable('trainees', (t) => {
    t.string('id_hash');
    for (const column of INDEX_COLUMNS) t.string(column);
  });
  // NULL until the row is sealed (right after this migration); NULLs do not collide in a unique index.
  await knex.raw('CREATE UNIQUE INDEX trainees_id_hash_live ON trainees (id_hash) WHERE deleted_at IS NULL');
  for (const column of INDEX_COLUMNS) await knex.raw(`CREATE INDEX trainees_${column} ON trainees (${column})`);
}

export async function down(knex: Knex): Promise<void> {
  await unsealPersonalData(knex);
  for (const column of INDEX_COLUMNS) await knex.raw(`DROP INDEX IF EXISTS trainees_${column}`);
  await knex.raw('DROP INDEX IF EXISTS trainees_id_hash_live');
  for (const column of ['id_hash', ...INDEX_COLUMNS]) await knex.raw(`ALTER TABLE trainees DROP COLUMN ${column}`);
  await knex.schema.alterTable('trainees', (t) => {
    t.string('id_number_rev', 18).notNullable().defaultTo('');
    t.string('phone_rev').notNullable().defaultTo('');
  });
  const rows = await knex('trainees').select<Array<{ id: string; id_number: string; phone: string }>>('id', 'id_number', 'phone');
  for (const row of rows) await knex('trainees').where({ id: row.id }).update({ id_number_rev: reverse(row.id_number), phone_rev: reverse(row.phone) });
  await knex.raw('CREATE INDEX trainees_id_number_rev_index ON trainees (id_number_rev)');
  await knex.raw('CREATE INDEX trainees_phone_index ON trainees (phone)');
  await knex.raw('CREATE INDEX trainees_phone_rev_index ON trainees (phone_rev)');
  await knex.raw('CREATE UNIQUE INDEX trainees_id_number_live ON trainees (id_number) WHERE deleted_at IS NULL');
  await knex.schema.dropTable('data_key_wraps');
}
