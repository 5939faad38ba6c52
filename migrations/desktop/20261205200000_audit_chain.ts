/**
 * The PC's audit trail becomes a hash chain (issue #19 item 5, src-main/core/audit/audit-chain.ts): each row gets
 * its place in the chain, the county it was written in, the hash of the row before and its own. The rows already
 * there are linked in the order they were written (id order), with the county the store is set up for. A store
 * whose first open has not yet made a device id gets it here, as that open would: the id names the chain.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH } from '../../src-shared/audit-chain';
import { AuditLinker, type PlainAuditRow } from '../../src-main/core/audit/audit-chain';
import { countyChainName } from '../../src-shared/county-audit';

const PAGE = 1000;
const COLUMNS = ['chain_seq', 'county_code', 'prev_hash', 'hash'] as const;

async function jsonSetting(knex: Knex, key: string): Promise<string | null> {
  const row = (await knex('settings').where({ key }).first('value')) as { value: string | null } | undefined;
  const value: unknown = row?.value ? JSON.parse(row.value) : null;
  return typeof value === 'string' ? value : null;
}

async function deviceIdOf(knex: Knex): Promise<string> {
  const existing = await jsonSetting(knex, 'deviceId');
  if (existing) return existing;
  const created = randomUUID();
  await knex('settings').insert({ key: 'deviceId', value: JSON.stringify(created) });
  return created;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.integer('chain_seq');
    t.string('county_code');
    t.string('prev_hash');
    t.string('hash');
    t.unique(['chain_seq'], { indexName: 'audit_log_chain_seq' });
  });
  if (!(await knex('audit_log').first('id'))) return;
  const linker = new AuditLinker(countyChainName(await deviceIdOf(knex)), await jsonSetting(knex, 'countyCode'), 0, AUDIT_GENESIS_HASH);
  let after = 0;
  for (;;) {
    const rows = (await knex('audit_log').where('id', '>', after).orderBy('id').limit(PAGE)) as Array<PlainAuditRow & { id: number }>;
    if (rows.length === 0) return;
    const linked = linker.link(rows);
    for (let i = 0; i < rows.length; i++) {
      const row = linked[i]!;
      // The linker cuts text to the server's widths: what is kept is what was hashed.
      await knex('audit_log').where({ id: rows[i]!.id }).update({ ...row });
    }
    after = rows[rows.length - 1]!.id;
  }
}

export async function down(knex: Knex): Promise<void> {
  // SQLite drops a column in place (3.35+) once no index names it; no table is rebuilt, so no foreign key is touched.
  await knex.raw('DROP INDEX IF EXISTS audit_log_chain_seq');
  for (const column of COLUMNS) await knex.raw(`ALTER TABLE audit_log DROP COLUMN ${column}`);
}
