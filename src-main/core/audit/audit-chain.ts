/**
 * The PC's audit trail as a hash chain (issue #19 item 5, src-shared/county-audit.ts): every audit row carries its
 * place in the chain (`chain_seq`), the hash of the row before it and its own. A row is linked when it is written,
 * in the writer's transaction: the store has one connection (db/connection.ts, pool max 1), so transactions queue
 * and the head read here cannot move before the commit; the unique index on `chain_seq` makes a fork fail instead
 * of forming, should that ever change.
 */
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH } from '../../../src-shared/audit-chain';
import { countyAuditRecord, countyChainName, fitCountyAuditRow, type CountyAuditRow } from '../../../src-shared/county-audit';
import { auditRowHash } from '../../../src-node/digest';
import { insertChunked } from '../db/chunked-insert';

/** An audit row as a service writes it, before it is linked. */
export interface PlainAuditRow {
  at: string;
  operator_id: string | null;
  operator_name: string | null;
  entity: string;
  entity_id: string;
  action: string;
  changes: string | null;
}

/** The stored row: the plain one and its link. */
export interface ChainedAuditRow extends PlainAuditRow {
  chain_seq: number;
  county_code: string | null;
  prev_hash: string;
  hash: string;
}

async function setting(db: Knex, key: string): Promise<string | null> {
  const row = (await db('settings').where({ key }).first('value')) as { value: string | null } | undefined;
  if (!row?.value) return null;
  const value: unknown = JSON.parse(row.value);
  return typeof value === 'string' ? value : null;
}

/** The chain's name on this PC; null before the store's first open gave it a device id. */
export async function localChainName(db: Knex): Promise<string | null> {
  const deviceId = await setting(db, 'deviceId');
  return deviceId ? countyChainName(deviceId) : null;
}

/** The row as the shared record builder reads it. */
export function countyRowOf(row: ChainedAuditRow): CountyAuditRow {
  return {
    seq: row.chain_seq,
    at: row.at,
    operatorId: row.operator_id,
    operatorName: row.operator_name,
    countyCode: row.county_code,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    changes: row.changes,
    prevHash: row.prev_hash,
  };
}

/**
 * Links rows onto the chain's head in memory: the import builds its chunks without the database while it writes the
 * one before, so it takes one linker at its start (in its transaction) and links each chunk as it is built.
 */
export class AuditLinker {
  constructor(
    private readonly chain: string,
    private readonly countyCode: string | null,
    private seq: number,
    private hash: string,
  ) {}

  link(rows: readonly PlainAuditRow[]): ChainedAuditRow[] {
    return rows.map((plain) => {
      const fitted = fitCountyAuditRow({
        at: plain.at,
        operatorId: plain.operator_id,
        operatorName: plain.operator_name,
        countyCode: this.countyCode,
        entity: plain.entity,
        entityId: plain.entity_id,
        action: plain.action,
        changes: plain.changes,
      });
      const row: ChainedAuditRow = {
        at: fitted.at,
        operator_id: fitted.operatorId,
        operator_name: fitted.operatorName,
        entity: fitted.entity,
        entity_id: fitted.entityId,
        action: fitted.action,
        changes: fitted.changes,
        county_code: fitted.countyCode,
        chain_seq: this.seq + 1,
        prev_hash: this.hash,
        hash: '',
      };
      row.hash = auditRowHash(countyAuditRecord(this.chain, countyRowOf(row)));
      this.seq = row.chain_seq;
      this.hash = row.hash;
      return row;
    });
  }
}

/** The chain's last row (seq and hash), or the genesis. */
export async function chainHead(db: Knex): Promise<{ seq: number; hash: string }> {
  const last = (await db('audit_log').whereNotNull('chain_seq').orderBy('chain_seq', 'desc').first('chain_seq', 'hash')) as { chain_seq: number; hash: string } | undefined;
  return last ? { seq: Number(last.chain_seq), hash: last.hash } : { seq: 0, hash: AUDIT_GENESIS_HASH };
}

/** A linker from the chain's current head; `trx` must be the transaction that writes the rows. */
export async function openAuditLinker(trx: Knex): Promise<AuditLinker> {
  const chain = await localChainName(trx);
  // Every open makes the device id before any service runs (app-context.ts), so this is a broken store.
  if (!chain) throw new Error('the store has no device id: its audit chain cannot be named');
  const head = await chainHead(trx);
  return new AuditLinker(chain, await setting(trx, 'countyCode'), head.seq, head.hash);
}

/** Links and writes rows in `trx`, after the chain's last row. */
export async function appendAuditRows(trx: Knex.Transaction, rows: readonly PlainAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const linker = await openAuditLinker(trx);
  await insertChunked(trx, 'audit_log', linker.link(rows));
}

/**
 * Links again every row from `fromSeq` on, in place, keeping each row's seq (or every row when the chain is new).
 * Only for rows that never left the PC: the migration that chains an older store, and the first sealing of its
 * personal data (which rewrites the values the hashes cover).
 */
export async function relinkFrom(trx: Knex, fromSeq: number): Promise<number> {
  const chain = await localChainName(trx);
  if (!chain) return 0;
  const before = fromSeq > 1 ? ((await trx('audit_log').where({ chain_seq: fromSeq - 1 }).first('hash')) as { hash: string } | undefined) : undefined;
  let prevHash = before?.hash ?? AUDIT_GENESIS_HASH;
  let relinked = 0;
  for (;;) {
    const rows = (await trx('audit_log').where('chain_seq', '>=', fromSeq + relinked).orderBy('chain_seq').limit(1000)) as ChainedAuditRow[];
    if (rows.length === 0) return relinked;
    for (const row of rows) {
      const hash = auditRowHash(countyAuditRecord(chain, countyRowOf({ ...row, prev_hash: prevHash })));
      await trx('audit_log').where({ chain_seq: row.chain_seq }).update({ prev_hash: prevHash, hash });
      prevHash = hash;
      relinked++;
    }
  }
}
