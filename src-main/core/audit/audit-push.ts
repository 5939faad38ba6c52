/**
 * Sends this PC's audit chain to the provincial server with each sync (issue #19 item 5), after the data batches:
 * the rows after the last one the server confirmed (sync_state `auditSentSeq`), a page at a time, in seq order.
 * Resending a page is harmless: the server keeps each (chain, seq) once and counts a repeat as a duplicate. The
 * cursor moves only after the server's answer, so a lost answer means the same rows again next time.
 */
import type { Knex } from 'knex';
import { COUNTY_AUDIT_PAGE, type CountyAuditWireRow } from '../../../src-shared/county-audit';
import { countyRowOf, localChainName, type ChainedAuditRow } from './audit-chain';
import { getSyncState, setSyncState } from '../sync/sync-state';
import type { Answer } from '../sync/sync-http';
import type { CountyAuditReceipt } from '../../../src-shared/county-audit';

export const AUDIT_SENT_STATE = 'auditSentSeq';

export type AuditPushOutcome = { kind: 'done'; sent: number; flagged: number } | Exclude<Answer<unknown>, { kind: 'ok' }>;

export async function unsentAuditRows(db: Knex, limit = COUNTY_AUDIT_PAGE): Promise<CountyAuditWireRow[]> {
  return auditRowsAfter(db, (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0, limit);
}

/** The chain's rows after `after`, in seq order, as they travel (online, and in a carried file's audit section). */
export async function auditRowsAfter(db: Knex, after: number, limit: number): Promise<CountyAuditWireRow[]> {
  const rows = (await db('audit_log').where('chain_seq', '>', after).orderBy('chain_seq').limit(limit)) as ChainedAuditRow[];
  return rows.map((row) => ({ ...countyRowOf(row), hash: row.hash }));
}

export type SendAuditPage = (chain: string, rows: CountyAuditWireRow[]) => Promise<Answer<CountyAuditReceipt>>;

/** Sends every unsent row; `send` is the engine's call of the server (with its retry policy). */
export async function pushAuditChain(db: Knex, send: SendAuditPage): Promise<AuditPushOutcome> {
  const chain = await localChainName(db);
  let sent = 0;
  let flagged = 0;
  if (!chain) return { kind: 'done', sent, flagged };
  for (;;) {
    const rows = await unsentAuditRows(db);
    if (rows.length === 0) return { kind: 'done', sent, flagged };
    const answer = await send(chain, rows);
    if (answer.kind !== 'ok') return answer;
    const last = rows[rows.length - 1]!.seq;
    await setSyncState(db, AUDIT_SENT_STATE, last);
    sent += rows.length;
    flagged += answer.data.flagged;
  }
}
