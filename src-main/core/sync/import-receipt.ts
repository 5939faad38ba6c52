/**
 * 数据同步 → 导入回执: the province's signed receipt for a carried file clears the outbox exactly as online
 * receipts do (commitReceipt, batch by batch, each checked against our own frozen bytes). Checked before any
 * change: the signature against a province key this PC got at enrolment or sync, that it is this PC's and this
 * county's, and every applied batch's receipt against our copy of the batch; one mismatch and nothing changes.
 * Refused batches stay frozen in the outbox: the next online sync (or another file) sends the same bytes.
 * A receipt that confirms the file's audit rows moves the audit cursor up to the last row the file carried (never
 * back, never past this PC's own chain), so online sync does not send them again.
 */
import type { Knex } from 'knex';
import { readReceipt } from '../../../src-node/carried-receipt';
import { AppError } from '../../../src-shared/errors';
import type { BatchOutcome } from '../../../src-shared/carried-file';
import type { PushReceipt } from '../../../src-shared/sync-protocol';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { toFrozen, type BatchRow, type FrozenBatch } from './batcher';
import { commitReceipt, ReceiptMismatch, verifyReceipt } from './receipt';
import { provinceKeys } from './device-keys';
import { getSyncState, setSyncState } from './sync-state';
import { AUDIT_SENT_STATE } from '../audit/audit-push';

export interface ReceiptImport {
  /** Batches confirmed by this receipt now. */
  confirmed: number;
  /** Ops of those batches that left the outbox (applied, rejected with a reason, or duplicates). */
  ops: number;
  /** Batches confirmed before (by online sync or an earlier receipt): nothing to do. */
  alreadyConfirmed: number;
  refused: Array<{ batchId: string; message: string }>;
  /** Ops the province rejected, now listed under 未被接收的修改 with their reasons. */
  rejectedOps: number;
  /** Audit rows the province confirmed by this receipt (0 when it had none, or online sync had sent them). */
  auditRows: number;
  /** Problems the province found checking the file's rows against the chain (it keeps the rows; its staff see the flag). */
  auditFlagged: number;
  /** Chinese, for the clerk. */
  message: string;
}

export async function importReceipt(db: Knex, bytes: Buffer, now = new Date()): Promise<ReceiptImport> {
  const keys = await provinceKeys(db);
  if (keys.length === 0) throw new AppError('NOT_CONFIGURED', '本机还没有省服务器的密钥，无法核对回执。请联网同步一次后再导入回执（联网同步本身也会确认这些数据）');
  const checked = readReceipt(bytes, keys);
  if (!checked.ok) throw new AppError('VALIDATION', checked.message);
  const { body } = checked;
  const settings = new SettingsRepository(db);
  const [countyCode, serverDeviceId] = await Promise.all([settings.get<string>('countyCode'), settings.get<string>('serverDeviceId')]);
  if (body.countyCode !== countyCode || body.serverDeviceId !== serverDeviceId) {
    throw new AppError('CONFLICT', '这份回执是其他单位或其他电脑的，本机没有做任何改动。请确认回执对应的是本机导出的文件');
  }
  const open = new Map((await db('sync_batches').select<BatchRow[]>()).map((r) => [r.batch_id, r]));
  const toCommit: Array<{ batch: FrozenBatch; receipt: PushReceipt }> = [];
  const result: ReceiptImport = { confirmed: 0, ops: 0, alreadyConfirmed: 0, refused: [], rejectedOps: 0, auditRows: 0, auditFlagged: 0, message: '' };
  for (const outcome of body.batches) {
    if (outcome.status === 'refused' || !outcome.receipt) {
      result.refused.push({ batchId: outcome.batchId, message: outcome.reason?.message ?? '省里未导入这一批' });
      continue;
    }
    const row = open.get(outcome.batchId);
    if (!row) {
      result.alreadyConfirmed++;
      continue;
    }
    const batch: FrozenBatch = toFrozen(db, row);
    try {
      verifyReceipt(batch, outcome.receipt);
    } catch (error) {
      if (!(error instanceof ReceiptMismatch)) throw error;
      throw new AppError('CONFLICT', '回执与本机保存的批次不一致，本机没有做任何改动，数据仍保存在本机。请联系技术支持');
    }
    toCommit.push({ batch, receipt: outcome.receipt });
  }
  // In seq order, as online sync commits them: the acknowledged seq only moves forward.
  toCommit.sort((a, b) => a.batch.firstSeq - b.batch.firstSeq);
  for (const { batch, receipt } of toCommit) {
    await commitReceipt(db, batch, receipt, now.toISOString());
    result.confirmed++;
    result.ops += batch.opCount;
    result.rejectedOps += receipt.counts.rejected;
  }
  if (body.audit) {
    result.auditRows = await confirmAuditRows(db, body.fileId, body.audit.lastSeq);
    result.auditFlagged = body.audit.flagged;
  }
  await markAcknowledged(db, body.fileId, body.batches, now);
  result.message = describe(result);
  return result;
}

/**
 * Moves the audit cursor to the last row the receipt confirms, no further than this PC's own record of what the
 * file carried (carried_exports) and never back: a receipt for a file this PC has no record of moves nothing (the
 * rows then go again with the next sync, and the province counts them as duplicates). Answers the rows passed.
 */
async function confirmAuditRows(db: Knex, fileId: string, lastSeq: number): Promise<number> {
  const sent = (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0;
  const exported = await db('carried_exports').where({ file_id: fileId }).first<{ audit_last_seq: number | null } | undefined>('audit_last_seq');
  if (!exported || exported.audit_last_seq === null) return 0;
  const to = Math.min(lastSeq, Number(exported.audit_last_seq));
  if (to <= sent) return 0;
  await setSyncState(db, AUDIT_SENT_STATE, to);
  return to - sent;
}

/** The export this receipt answers is acknowledged; so is any other whose batches are all confirmed now. */
async function markAcknowledged(db: Knex, fileId: string, outcomes: readonly BatchOutcome[], now: Date): Promise<void> {
  const refused = outcomes.some((o) => o.status === 'refused');
  if (!refused) await db('carried_exports').where({ file_id: fileId }).whereNull('acknowledged_at').update({ acknowledged_at: now.toISOString() });
  await acknowledgeConfirmedExports(db, now);
}

/** Exports none of whose batches is still open, and whose audit rows were confirmed (by receipt or online sync), are acknowledged. */
export async function acknowledgeConfirmedExports(db: Knex, now = new Date()): Promise<void> {
  const open = new Set((await db('sync_batches').select<Array<{ batch_id: string }>>('batch_id')).map((r) => r.batch_id));
  const auditSent = (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0;
  const pending = await db('carried_exports').whereNull('acknowledged_at').select<Array<{ file_id: string; batch_ids: string; audit_last_seq: number | null }>>('file_id', 'batch_ids', 'audit_last_seq');
  for (const row of pending) {
    const ids = JSON.parse(row.batch_ids) as string[];
    const auditWaiting = row.audit_last_seq !== null && Number(row.audit_last_seq) > auditSent;
    if (!ids.some((id) => open.has(id)) && !auditWaiting) await db('carried_exports').where({ file_id: row.file_id }).update({ acknowledged_at: now.toISOString() });
  }
}

function describe(r: ReceiptImport): string {
  const parts: string[] = [];
  if (r.confirmed > 0) parts.push(`省里已确认收到 ${r.confirmed} 批、${r.ops} 条修改，已从“未上报”中清除`);
  if (r.alreadyConfirmed > 0) parts.push(`${r.alreadyConfirmed} 批之前已确认（联网同步或更早的回执）`);
  if (r.auditRows > 0) parts.push(`省里已收到 ${r.auditRows} 条操作日志${r.auditFlagged > 0 ? `（省里核对时发现 ${r.auditFlagged} 处与日志链条不符，会与县里核查）` : ''}`);
  if (r.rejectedOps > 0) parts.push(`其中 ${r.rejectedOps} 条未被接收，请在下方“未被接收的修改”中查看原因并处理`);
  if (r.refused.length > 0) parts.push(`${r.refused.length} 批省里未能导入（原因：${r.refused[0]!.message}），这些修改仍保存在本机，下次联网同步时会自动重新上报`);
  return parts.length > 0 ? `${parts.join('；')}。` : '回执中没有本机待确认的批次，没有需要改动的内容。';
}
