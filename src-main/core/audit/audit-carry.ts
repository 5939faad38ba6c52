/**
 * The PC's unconfirmed audit rows as a carried file's audit section (issue #19; the file: src-node/carried-file.ts):
 * an office with no line sends its 操作日志 on the USB stick with its data. The rows after the last one the
 * province confirmed (sync_state `auditSentSeq`, the cursor online sync moves too), in seq order, as many as fit in
 * the room the batches leave in the file. The JSON is measured before gzip, so the section is never larger than
 * that room and the province's inflate limit holds. The rows that do not fit go with the next file or online sync.
 * Each row is checked against the wire schema the province applies: a row it would refuse (one the PC could not
 * have written, such as a store edited by hand) ends the section before it, so that it never blocks the data the
 * file carries; the clerk is told.
 */
import { gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { CARRIED_LIMITS } from '../../../src-shared/carried-file';
import { countyAuditWireRow } from '../../../src-shared/county-audit';
import { auditRowsAfter, AUDIT_SENT_STATE } from './audit-push';
import { localChainName } from './audit-chain';
import { getSyncState } from '../sync/sync-state';

const READ_PAGE = 2000;

export interface CarriedAuditSection {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  rows: number;
  body: Buffer;
}

export interface CarriedAuditPlan {
  /** Null when no unconfirmed row goes in this file. */
  section: CarriedAuditSection | null;
  /** Unconfirmed rows left out of this file (for want of room, or after a row the province would refuse). */
  left: number;
  /** The seq of a row the province's schema refuses, which ends the section (null when none). */
  refusedSeq: number | null;
}

/** `room`: the bytes the section may take. */
export async function carriedAuditSection(db: Knex, room: number): Promise<CarriedAuditPlan> {
  const chain = await localChainName(db);
  if (!chain) return { section: null, left: 0, refusedSeq: null };
  const budget = Math.min(room, CARRIED_LIMITS.auditTextBytes);
  const parts: string[] = [];
  let bytes = 2;
  let firstSeq = 0;
  let lastSeq = (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0;
  let full = false;
  let refusedSeq: number | null = null;
  while (!full && parts.length < CARRIED_LIMITS.auditRows) {
    const page = await auditRowsAfter(db, lastSeq, Math.min(READ_PAGE, CARRIED_LIMITS.auditRows - parts.length));
    if (page.length === 0) break;
    for (const row of page) {
      if (!countyAuditWireRow.safeParse(row).success) {
        refusedSeq = row.seq;
        full = true;
        break;
      }
      const json = JSON.stringify(row);
      const size = Buffer.byteLength(json, 'utf8') + (parts.length > 0 ? 1 : 0);
      if (bytes + size > budget) {
        full = true;
        break;
      }
      parts.push(json);
      bytes += size;
      if (firstSeq === 0) firstSeq = row.seq;
      lastSeq = row.seq;
    }
  }
  const [rest] = await db('audit_log').where('chain_seq', '>', lastSeq).count<Array<{ n: number | string }>>({ n: '*' });
  const left = Number(rest?.n ?? 0);
  if (parts.length === 0) return { section: null, left, refusedSeq };
  return { section: { chain, firstSeq, lastSeq, rows: parts.length, body: gzipSync(`[${parts.join(',')}]`) }, left, refusedSeq };
}
