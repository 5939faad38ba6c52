/**
 * Checks this PC's audit chain (audit-chain.ts) from the rows as stored: seq 1, 2, 3… without a gap, each row naming
 * the hash of the one before, each hash recomputed from the row. A row changed, removed or inserted with a tool
 * that edits the SQLite file is found here, as the server finds it in the rows that reached it.
 */
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH } from '../../../src-shared/audit-chain';
import { countyAuditRecord } from '../../../src-shared/county-audit';
import { auditRowHash } from '../../../src-node/digest';
import { countyRowOf, localChainName, type ChainedAuditRow } from './audit-chain';

export interface LocalChainReport {
  chain: string | null;
  rows: number;
  /** The first break (the row's local id too, to find it), or null when the chain holds. */
  breakAt: { seq: number; id: number | null; problem: string } | null;
}

const PAGE = 2000;

export async function verifyLocalAuditChain(db: Knex): Promise<LocalChainReport> {
  const chain = await localChainName(db);
  let rows = 0;
  const broken = (seq: number, id: number | null, problem: string): LocalChainReport => ({ chain, rows, breakAt: { seq, id, problem } });
  const unlinked = (await db('audit_log').whereNull('chain_seq').orderBy('id').first('id')) as { id: number } | undefined;
  if (unlinked) return broken(0, unlinked.id, 'has no place in the chain (written around the app)');
  if (!chain) return { chain, rows, breakAt: null };
  let expected = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  for (;;) {
    const page = (await db('audit_log').where('chain_seq', '>=', expected).orderBy('chain_seq').limit(PAGE)) as Array<ChainedAuditRow & { id: number }>;
    for (const row of page) {
      rows++;
      const seq = Number(row.chain_seq);
      if (seq !== expected) return broken(expected, null, `row ${expected} is missing (the next row is ${seq})`);
      if (row.prev_hash !== prevHash) return broken(seq, row.id, 'does not name the hash of the row before it (a row was removed, inserted or changed before it)');
      if (auditRowHash(countyAuditRecord(chain, countyRowOf(row))) !== row.hash) return broken(seq, row.id, 'its content does not match its hash (the row was changed)');
      prevHash = row.hash;
      expected++;
    }
    if (page.length < PAGE) return { chain, rows, breakAt: null };
  }
}
