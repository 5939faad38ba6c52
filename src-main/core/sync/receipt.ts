/**
 * Commits a server receipt locally, in one transaction: the batch's ops leave the outbox, rejected ops
 * are kept with their reason for the clerk, the receipt is stored, the acknowledged seq advances and the
 * frozen batch is dropped. A receipt that does not match the batch (other ids, other counts, a hash that
 * does not recompute from our own bytes) is refused and changes nothing: the batch stays for the next run.
 */
import { sha256Hex } from '../../../src-node/digest';
import type { Knex } from 'knex';
import { receiptDigestInput, type PushReceipt } from '../../../src-shared/sync-protocol';
import { batchDigest, type FrozenBatch } from './batcher';
import { setSyncState } from './sync-state';

export class ReceiptMismatch extends Error {
  constructor(readonly reason: string) {
    super(`receipt does not match the batch: ${reason}`);
  }
}

/** Checks a receipt against our own copy of the batch; throws ReceiptMismatch. */
export function verifyReceipt(batch: FrozenBatch, receipt: PushReceipt): void {
  const { bodyHash, opIds } = batchDigest(batch);
  if (receipt.batchId !== batch.batchId) throw new ReceiptMismatch('batch id');
  if (receipt.firstSeq !== batch.firstSeq || receipt.lastSeq !== batch.lastSeq) throw new ReceiptMismatch('seq range');
  const { applied, rejected, duplicate } = receipt.counts;
  if (applied + rejected + duplicate !== batch.opCount || rejected !== receipt.rejected.length || duplicate !== receipt.duplicates.length) {
    throw new ReceiptMismatch('counts');
  }
  const expected = sha256Hex(receiptDigestInput(bodyHash, opIds, receipt));
  if (expected !== receipt.storedHash) throw new ReceiptMismatch('stored hash');
}

interface OutboxRow {
  op_id: string;
  entity: string;
  entity_id: string;
  op: string;
  payload: string;
  hlc: string;
}

/** The batch's outbox rows, found by its seq range (the primary key; batch_id has no index). */
function ofBatch(trx: Knex.Transaction, batch: FrozenBatch): Knex.QueryBuilder {
  return trx('outbox').whereBetween('seq', [batch.firstSeq, batch.lastSeq]).where({ batch_id: batch.batchId });
}

export async function commitReceipt(db: Knex, batch: FrozenBatch, receipt: PushReceipt, receivedAt = new Date().toISOString()): Promise<void> {
  verifyReceipt(batch, receipt);
  await db.transaction(async (trx) => {
    // Still open? A second commit of the same receipt (two runs racing) must change nothing.
    const open = await trx('sync_batches').where({ batch_id: batch.batchId }).first('batch_id');
    if (!open) return;
    if (receipt.rejected.length > 0) {
      const reasons = new Map(receipt.rejected.map((r) => [r.opId, r]));
      const rows = await ofBatch(trx, batch).whereIn('op_id', [...reasons.keys()]).select<OutboxRow[]>('op_id', 'entity', 'entity_id', 'op', 'payload', 'hlc');
      for (const row of rows) {
        const reason = reasons.get(row.op_id)!;
        await trx('sync_rejections')
          .insert({ op_id: row.op_id, entity: row.entity, entity_id: row.entity_id, code: reason.code, message: reason.message, at: receipt.serverTime, op: row.op, payload: row.payload, hlc: row.hlc })
          .onConflict('op_id')
          .ignore();
      }
    }
    await ofBatch(trx, batch).delete();
    await trx('sync_receipts').insert({
      batch_id: receipt.batchId,
      first_seq: receipt.firstSeq,
      last_seq: receipt.lastSeq,
      applied: receipt.counts.applied,
      rejected: receipt.counts.rejected,
      duplicate: receipt.counts.duplicate,
      stored_hash: receipt.storedHash,
      server_time: receipt.serverTime,
      received_at: receivedAt,
    });
    await trx('sync_batches').where({ batch_id: batch.batchId }).delete();
    await setSyncState(trx, 'ackedSeq', receipt.lastSeq);
  });
}
