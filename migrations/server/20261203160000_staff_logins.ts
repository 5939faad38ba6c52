/**
 * Staff logins to 等保 level 3 (issue #19): the security settings (one JSON value per key, shared by
 * every worker), when each password was set (expiry), the TOTP second factor (secret sealed with the
 * server key; a pending one during enrolment; the last time step used, so a code is never accepted
 * twice), the stage of each session (a password alone opens only the second-factor step), and the
 * one-time recovery codes, kept as keyed digests only.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
    t.string('updated_at').notNullable();
    t.string('updated_by', 64).notNullable();
  });
  await knex.schema.alterTable('staff_users', (t) => {
    t.string('password_changed_at');
    t.text('totp_secret');
    t.text('totp_pending');
    t.string('totp_enrolled_at');
    t.bigInteger('totp_last_step').notNullable().defaultTo(0);
  });
  // Passwords set before this release count from the upgrade: nobody is locked out by it at once.
  await knex('staff_users').update({ password_changed_at: new Date().toISOString() });
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.string('stage', 24).notNullable().defaultTo('full');
  });
  await knex.schema.createTable('staff_recovery_codes', (t) => {
    t.string('code_mac', 64).primary();
    t.string('user_id').notNullable().index('staff_recovery_codes_user');
    t.string('created_at').notNullable();
    t.string('used_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('staff_recovery_codes');
  await knex.schema.alterTable('staff_sessions', (t) => t.dropColumn('stage'));
  await knex.schema.alterTable('staff_users', (t) => {
    for (const column of ['password_changed_at', 'totp_secret', 'totp_pending', 'totp_enrolled_at', 'totp_last_step']) t.dropColumn(column);
  });
  await knex.schema.dropTableIfExists('staff_settings');
}
