/**
 * Carried files signed and encrypted (issue #16): each device's Ed25519 public key (registered at enrolment,
 * or on the next online sync for a PC enrolled before), and every carried file imported, by its id, with the
 * signed receipt it got, so a second import of the same file is refused as a replay and its receipt re-offered.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.text('signing_key');
    t.string('signing_key_id', 32);
    t.string('signing_key_at');
  });
  await knex.schema.createTable('carried_files', (t) => {
    t.string('file_id', 64).primary();
    t.string('file_hash', 64).notNullable();
    t.string('device_id').notNullable().index();
    t.string('county_code', 6).notNullable();
    t.integer('source_format').notNullable();
    t.string('imported_at').notNullable();
    // Who imported it: 'cli' or the staff user's name (the audit of who handled a county's file).
    t.string('imported_by').notNullable();
    t.text('receipt').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('carried_files');
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('signing_key_at');
    t.dropColumn('signing_key_id');
    t.dropColumn('signing_key');
  });
}
