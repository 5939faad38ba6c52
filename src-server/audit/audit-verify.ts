/**
 * Checks every chain of the audit trail (`server-admin audit verify`): each row's hash recomputed
 * from its fields, each row naming the hash of the one before, seq 1, 2, 3… without a gap, and the
 * chain's head naming its last row (a cut-off tail). Answers the first break of each chain. Reads in
 * pages, so a chain of millions of rows needs no more memory than a page.
 */
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH, type AuditDetail, type AuditRecord } from '../../src-shared/audit-chain';
import { auditRowHash } from '../../src-node/digest';

export interface ChainReport {
  chain: string;
  rows: number;
  /** The first break, or null when the chain holds. */
  breakAt: { seq: number; id: string | null; problem: string } | null;
}

interface StoredRow {
  id: string;
  chain: string;
  seq: number | string;
  at: string;
  actor_kind: AuditRecord['actorKind'];
  actor: string | null;
  actor_role: string | null;
  county_code: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string;
  address: string | null;
  prev_hash: string;
  hash: string;
}

const PAGE = 2000;

function recordOf(row: StoredRow): AuditRecord | null {
  let detail: AuditDetail;
  try {
    detail = JSON.parse(row.detail) as AuditDetail;
  } catch {
    return null;
  }
  return {
    chain: row.chain,
    seq: Number(row.seq),
    at: row.at,
    actorKind: row.actor_kind,
    actor: row.actor,
    actorRole: row.actor_role,
    countyCode: row.county_code,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    detail,
    address: row.address,
    prevHash: row.prev_hash,
  };
}

export async function verifyChain(db: Knex, chain: string): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let rows = 0;
  const broken = (seq: number, id: string | null, problem: string): ChainReport => ({ chain, rows, breakAt: { seq, id, problem } });
  for (;;) {
    const page = (await db('audit_log').where({ chain }).andWhere('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE)) as StoredRow[];
    for (const row of page) {
      rows += 1;
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq, null, `row ${expectedSeq} is missing (the next row is ${seq})`);
      if (row.prev_hash !== prevHash) return broken(seq, row.id, 'does not name the hash of the row before it (a row was removed, inserted or changed before it)');
      const record = recordOf(row);
      if (!record || auditRowHash(record) !== row.hash) return broken(seq, row.id, 'its content does not match its hash (the row was changed)');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < PAGE) break;
  }
  const head = (await db('audit_heads').where({ chain }).first('seq', 'hash')) as { seq: number | string; hash: string } | undefined;
  const last = expectedSeq - 1;
  if (head && (Number(head.seq) !== last || head.hash !== prevHash)) {
    return broken(last + 1, null, `the chain ends at row ${last} but its head names row ${Number(head.seq)} (rows were cut off the end)`);
  }
  return { chain, rows, breakAt: null };
}

/** Every chain the store knows (from its rows and its heads). */
export async function verifyAllChains(db: Knex): Promise<ChainReport[]> {
  const fromRows = (await db('audit_log').distinct('chain')) as Array<{ chain: string }>;
  const fromHeads = (await db('audit_heads').select('chain')) as Array<{ chain: string }>;
  const chains = [...new Set([...fromRows, ...fromHeads].map((r) => r.chain))].sort();
  const reports: ChainReport[] = [];
  for (const chain of chains) reports.push(await verifyChain(db, chain));
  return reports;
}
