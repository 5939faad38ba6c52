/**
 * The audit trail (issue #19 item 5): one table for every chain (the server's staff chain now, each
 * PC's chain when it travels by sync), each row carrying the hash of the one before; the head of each
 * chain (its last seq and hash) so a cut-off tail is seen too. The store itself refuses to change a
 * row and to delete one younger than 180 days (triggers), so rewriting history needs more than an
 * UPDATE, and `server-admin audit verify` finds what was done around them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.string('id').primary();
    t.string('chain', 64).notNullable();
    t.integer('seq').notNullable();
    t.string('at').notNullable();
    t.string('actor_kind', 16).notNullable(); // staff | admin | county | system
    t.string('actor', 64); // the staff name, the admin command, the PC operator
    t.string('actor_role', 16);
    t.string('county_code', 6);
    t.string('action', 48).notNullable();
    t.string('target', 200);
    t.string('outcome', 24).notNullable();
    t.text('detail').notNullable();
    t.string('address', 64);
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['chain', 'seq'], { indexName: 'audit_log_chain_seq' });
    t.index(['at'], 'audit_log_at');
    t.index(['action', 'at'], 'audit_log_action_at');
    t.index(['county_code', 'at'], 'audit_log_county_at');
    t.index(['actor', 'at'], 'audit_log_actor_at');
  });
  await knex.schema.createTable('audit_heads', (t) => {
    t.string('chain', 64).primary();
    t.integer('seq').notNullable();
    t.string('hash', 64).notNullable();
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION audit_log_guard() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit_log rows cannot be changed'; END IF;
        IF OLD.at > to_char((now() AT TIME ZONE 'UTC') - interval '180 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
          RAISE EXCEPTION 'audit_log rows are kept 180 days';
        END IF;
        RETURN OLD;
      END $$ LANGUAGE plpgsql`);
    await knex.raw('CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()');
  } else {
    await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log rows cannot be changed'); END`);
    await knex.raw(
      `CREATE TRIGGER audit_log_keep BEFORE DELETE ON audit_log WHEN OLD.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days') BEGIN SELECT RAISE(ABORT, 'audit_log rows are kept 180 days'); END`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP TRIGGER IF EXISTS audit_log_guard ON audit_log');
    await knex.raw('DROP FUNCTION IF EXISTS audit_log_guard()');
  }
  await knex.schema.dropTableIfExists('audit_heads');
  await knex.schema.dropTableIfExists('audit_log');
}
