/**
 * Where each unsent change is, for 数据同步 (issue #16): only on this PC; on a USB file this PC wrote that the
 * province has not acknowledged; or confirmed (an online receipt or an imported one). A change in a frozen batch
 * that went into a file counts as "in a file" until its receipt commits, whichever way the receipt comes.
 */
import type { Knex } from 'knex';
import type { CarriedStatus } from '../../../src-shared/schemas/sync';
import { provinceKeys, signingKey } from './device-keys';
import { getSyncState } from './sync-state';
import { AUDIT_SENT_STATE } from '../audit/audit-push';

const FILES_SHOWN = 10;

export async function carriedStatus(db: Knex, pendingOps: number): Promise<CarriedStatus> {
  const open = new Map((await db('sync_batches').select<Array<{ batch_id: string; op_count: number }>>('batch_id', 'op_count')).map((r) => [r.batch_id, Number(r.op_count)]));
  const exports = await db('carried_exports')
    .whereNull('acknowledged_at')
    .orderBy('created_at', 'desc')
    .select<Array<{ file_id: string; created_at: string; format: number; batches: number; ops: number; batch_ids: string; audit_rows: number; audit_last_seq: number | null }>>();
  const auditSent = (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0;
  const inAnyFile = new Set<string>();
  const files: CarriedStatus['files'] = [];
  for (const row of exports) {
    const waiting = (JSON.parse(row.batch_ids) as string[]).filter((id) => open.has(id));
    const auditWaiting = row.audit_last_seq !== null && Number(row.audit_last_seq) > auditSent;
    if (waiting.length === 0 && !auditWaiting) continue;
    for (const id of waiting) inAnyFile.add(id);
    files.push({
      fileId: row.file_id,
      createdAt: row.created_at,
      format: row.format,
      batches: row.batches,
      ops: row.ops,
      waitingOps: waiting.reduce((n, id) => n + open.get(id)!, 0),
      // Rows the file carried that nothing has confirmed yet (online sync may have confirmed the first of them).
      auditRows: auditWaiting ? Math.min(Number(row.audit_rows), Number(row.audit_last_seq) - auditSent) : 0,
    });
  }
  const inFiles = [...inAnyFile].reduce((n, id) => n + open.get(id)!, 0);
  const [confirmed] = await db('sync_receipts').select<Array<{ n: number | null; last: string | null }>>(db.raw('sum(applied + rejected + duplicate) as n'), db.raw('max(received_at) as last'));
  const [keys, pair] = await Promise.all([provinceKeys(db), signingKey(db).catch(() => null)]);
  const [unsentAudit] = await db('audit_log').where('chain_seq', '>', auditSent).count<Array<{ n: number | string }>>({ n: '*' });
  return {
    onlyHere: Math.max(0, pendingOps - inFiles),
    inFiles,
    files: files.slice(0, FILES_SHOWN),
    confirmed: Number(confirmed?.n ?? 0),
    lastConfirmedAt: confirmed?.last ?? null,
    canEncrypt: keys.length > 0 && pair !== null,
    auditUnsent: Number(unsentAudit?.n ?? 0),
  };
}
