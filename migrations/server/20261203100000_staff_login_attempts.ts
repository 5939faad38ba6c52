/**
 * Login attempts per submitted user name, known or not (issue #18): the lockout moves here from
 * staff_users so that an unknown name is counted and locked exactly like a real one, and each attempt
 * is claimed in one conditional statement before the password is checked. The key is the sha-256 of
 * the normalised name, so names typed by mistake (a password in the name field) are not stored.
 * staff_users.failed_attempts and locked_until are no longer read or written; a lock running at the
 * upgrade is carried over.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** A frozen copy of loginNameKey (src-server/staff/login-attempts.ts) as it was when this migration was written. */
function nameKey(name: string): string {
  return createHash('sha256').update(name.trim().normalize('NFKC').toLowerCase()).digest('hex');
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_login_attempts', (t) => {
    t.string('name_key', 64).primary();
    // Attempts claimed since the last success or lock, each counted as failed until proven right.
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.string('locked_until');
    t.string('updated_at').notNullable().index('staff_login_attempts_updated');
  });
  const now = new Date().toISOString();
  const running = await knex('staff_users').where('locked_until', '>', now).select<Array<{ name: string; locked_until: string }>>('name', 'locked_until');
  const rows = running.map((r) => ({ name_key: nameKey(r.name), failed_attempts: 5, locked_until: r.locked_until, updated_at: now }));
  if (rows.length) await knex('staff_login_attempts').insert(rows).onConflict('name_key').ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('staff_login_attempts');
}
