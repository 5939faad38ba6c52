/**
 * Field-level merge: each synced row keeps, per field, the HLC stamp of the op that wrote it (JSON text
 * `field_hlc`, absent fields fall back to the row's `hlc`), so two PCs editing different fields of one
 * trainee both keep their edit. The value that lost a same-field race is kept in `sync_conflicts`
 * (personal data stays in the database, never in logs) and told to the county as a notice.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('trainees', (t) => {
    t.text('field_hlc');
  });
  await knex.schema.alterTable('enrolments', (t) => {
    t.text('field_hlc');
  });
  await knex.schema.createTable('sync_conflicts', (t) => {
    t.string('id').primary();
    t.string('county_code', 6).notNullable();
    t.string('entity').notNullable();
    t.string('entity_id').notNullable();
    t.string('field').notNullable();
    // JSON text of the value that is now on the server, and of the one that lost, with their stamps.
    t.text('kept_value');
    t.string('kept_hlc').notNullable();
    t.text('lost_value');
    t.string('lost_hlc').notNullable();
    // The op whose value lost when it arrived, or null when a stored value was overwritten.
    t.string('lost_op_id');
    t.string('at').notNullable();
    t.index(['county_code', 'entity', 'entity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sync_conflicts');
  await knex.schema.alterTable('enrolments', (t) => {
    t.dropColumn('field_hlc');
  });
  await knex.schema.alterTable('trainees', (t) => {
    t.dropColumn('field_hlc');
  });
}
