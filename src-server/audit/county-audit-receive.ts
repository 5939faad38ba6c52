/**
 * A county PC's audit chain arriving by sync (issue #19 item 5; the PC's side is src-main/core/audit/audit-push.ts).
 * The rows are stored in audit_log under the chain the server names for the device (`county:<its client device id>`,
 * never the body's word), so `server-admin audit verify` and the 操作日志 cover them as they cover the staff chain.
 *
 * Each new row is checked on receipt: its hash recomputed (src-shared/county-audit.ts builds the record on both
 * sides), its prev_hash against the row the server already holds before it, its seq following on. A break never
 * refuses the sync, since the rows are the only copy of what happened: the rows are kept as they came (so verify
 * keeps reporting the chain as broken; nothing here ever marks it whole), and one staff audit row per page flags the
 * break (链条断裂) with the county, the device and the first bad row. A resent row (same seq, same hash) is counted
 * as a duplicate and changes nothing; a different row under a seq already held is not stored (the first one stays)
 * and is flagged with its hashes.
 *
 * A row is filed under the token's county as well as its device: a row naming another county is flagged and stored
 * with the device's county (its hash as sent, so verify reports it changed), so that no token can place rows in
 * another county's 操作日志.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH } from '../../src-shared/audit-chain';
import { countyAuditRecord, countyChainName, type CountyAuditPush, type CountyAuditReceipt, type CountyAuditWireRow } from '../../src-shared/county-audit';
import { auditRowHash } from '../../src-node/digest';
import type { Device } from '../repositories/device-repository';
import { appendAudit, auditRowOf, lockChainHead } from './audit-log';

const INSERT_CHUNK = 200;

interface Problem {
  seq: number;
  problem: string;
  /** The row's own hashes when it was not stored (a conflicting row). */
  rejected?: { hash: string; prevHash: string };
}

/** The chain a device writes: named by the id the PC gave at enrolment (a re-enrolled PC continues its chain). */
export async function chainOfDevice(db: Knex, device: Device): Promise<string> {
  const row = (await db('devices').where({ id: device.id }).first('client_device_id')) as { client_device_id: string | null } | undefined;
  return countyChainName(row?.client_device_id ?? device.id);
}

function problemOf(row: CountyAuditWireRow, chain: string, before: { hash: string } | undefined, countyCode: string): string | null {
  // Before its setup a PC has no county (its first rows carry none): only another county's code is a forgery.
  if (row.countyCode !== null && row.countyCode !== countyCode) return `names county ${row.countyCode}, but the device is enrolled for ${countyCode}`;
  if (auditRowHash(countyAuditRecord(chain, row)) !== row.hash) return 'its content does not match its hash (the row was changed on the PC)';
  if (row.seq === 1) return row.prevHash === AUDIT_GENESIS_HASH ? null : 'the first row does not start the chain';
  if (!before) return `row ${row.seq - 1} is missing (it never arrived)`;
  if (before.hash !== row.prevHash) return 'does not name the hash of the row before it (a row was removed, inserted or changed before it)';
  return null;
}

export async function receiveCountyAudit(db: Knex, device: Device, body: CountyAuditPush, now: Date): Promise<CountyAuditReceipt> {
  const chain = await chainOfDevice(db, device);
  const rows = [...body.rows].sort((a, b) => a.seq - b.seq);
  return db.transaction(async (trx) => {
    // One writer per chain at a time: two resends of the same page cannot both find a seq free.
    const head = await lockChainHead(trx, chain);
    const seqs = rows.map((r) => r.seq);
    const wanted = [...new Set([...seqs, ...seqs.map((s) => s - 1)])].filter((s) => s > 0);
    const held = new Map<number, string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const found = (await trx('audit_log').where({ chain }).whereIn('seq', wanted.slice(i, i + 500)).select('seq', 'hash')) as Array<{ seq: number | string; hash: string }>;
      for (const f of found) held.set(Number(f.seq), f.hash);
    }
    const problems: Problem[] = [];
    if (body.chain !== chain) problems.push({ seq: rows[0]!.seq, problem: `the PC names its chain ${body.chain.slice(0, 64)}` });
    const inserts: Array<ReturnType<typeof auditRowOf>> = [];
    let stored = 0;
    let duplicate = 0;
    let top = head;
    for (const row of rows) {
      const existing = held.get(row.seq);
      if (existing !== undefined) {
        if (existing === row.hash) duplicate++;
        else problems.push({ seq: row.seq, problem: `a different row ${row.seq} is already held (kept; this one was not stored)`, rejected: { hash: row.hash, prevHash: row.prevHash } });
        continue;
      }
      const before = held.has(row.seq - 1) ? { hash: held.get(row.seq - 1)! } : undefined;
      const problem = problemOf(row, chain, before, device.countyCode);
      if (problem) problems.push({ seq: row.seq, problem });
      const filed = row.countyCode === null ? row : { ...row, countyCode: device.countyCode };
      // The hash as the PC sent it: a changed row stays visibly changed to `audit verify`.
      inserts.push(auditRowOf(randomUUID(), countyAuditRecord(chain, filed), row.hash));
      held.set(row.seq, row.hash);
      stored++;
      if (row.seq > top.seq) top = { seq: row.seq, hash: row.hash };
    }
    // Multi-row inserts well under SQLite's compound-select and bound-variable limits (15 columns a row).
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) await trx('audit_log').insert(inserts.slice(i, i + INSERT_CHUNK));
    if (top !== head) await trx('audit_heads').where({ chain }).update(top);
    if (problems.length > 0) {
      const first = problems[0]!;
      await appendAudit(
        trx,
        {
          action: 'audit.chain_broken',
          actorKind: 'system',
          actor: null,
          countyCode: device.countyCode,
          target: chain,
          outcome: 'CHAIN_BROKEN',
          detail: { device: device.id, chain, seq: first.seq, problem: first.problem, badRows: problems.length, ...(first.rejected ? { rejected: first.rejected } : {}) },
          address: 'sync',
        },
        now,
      );
    }
    return { stored, duplicate, flagged: problems.length, through: top.seq };
  });
}
