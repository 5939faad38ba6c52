/**
 * The batches of a carried file (either format), decoded and then applied through exactly the push path a PC's
 * upload takes (same idempotency key, same body hash, same gap check): importing a file after the PC synced
 * online, or while it syncs, changes nothing twice. Decoding is separate from applying so that a file whose
 * content does not decode is refused before anything is written.
 */
import { gunzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { sha256Hex } from '../../src-node/digest';
import { CARRIED_LIMITS, type BatchOutcome } from '../../src-shared/carried-file';
import { pushReceiptSchema, READABLE_SCHEMA_VERSIONS, type PushRequest } from '../../src-shared/sync-protocol';
import { readPushBody } from '../../src-shared/sync-wire';
import { applyPush } from './push-service';
import type { PersonalDataCipher } from '../secrets/personal-data';

export interface DecodedBatch {
  batchId: string;
  bodyHash: string;
  request: PushRequest;
}

export interface ImportOutcome {
  batches: number;
  /** Batches the server already had (from an earlier import or online sync): replayed, not applied again. */
  replayed: number;
  applied: number;
  rejected: number;
  duplicate: number;
}

export function emptyOutcome(): ImportOutcome {
  return { batches: 0, replayed: 0, applied: 0, rejected: 0, duplicate: 0 };
}

/** One batch's gzipped body as the push route would read it, or null (with no reason: the caller names the batch). */
export function decodeBatch(batchId: string, gzipped: Buffer): DecodedBatch | null {
  let text: Buffer;
  try {
    // The limit applies while inflating: a small gzip bomb stops here, not after filling memory.
    text = gunzipSync(gzipped, { maxOutputLength: CARRIED_LIMITS.batchTextBytes });
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.toString('utf8'));
  } catch {
    return null;
  }
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  const parsed = READABLE_SCHEMA_VERSIONS.includes(version as number) ? readPushBody(json) : null;
  if (!parsed?.ok || parsed.request.batchId !== batchId) return null;
  return { batchId, bodyHash: sha256Hex(text), request: parsed.request };
}

const AFTER_REFUSAL = { code: 'EARLIER_BATCH_REFUSED', message: '前面的批次未能导入，本批没有导入（批次须按顺序导入），数据仍保存在县里的电脑上' };

/**
 * Applies the batches in order; after the first refusal the rest are refused too (each continues the one before,
 * so the gap check would refuse them anyway), and every outcome carries the push receipt or the reason.
 */
export async function applyCarriedBatches(
  db: Knex,
  device: { id: string; countyCode: string; lastSeq: number | null },
  batches: readonly DecodedBatch[],
  personalData?: PersonalDataCipher,
): Promise<{ outcomes: BatchOutcome[]; outcome: ImportOutcome; firstRefusal: string | null }> {
  const outcome = emptyOutcome();
  const outcomes: BatchOutcome[] = [];
  let firstRefusal: string | null = null;
  for (const batch of batches) {
    if (firstRefusal !== null) {
      outcomes.push({ batchId: batch.batchId, status: 'refused', receipt: null, reason: AFTER_REFUSAL });
      continue;
    }
    const result = await applyPush(db, { device, key: batch.batchId, bodyHash: batch.bodyHash, body: batch.request }, {}, personalData);
    if (!result.ok) {
      firstRefusal = result.error.message;
      outcomes.push({ batchId: batch.batchId, status: 'refused', receipt: null, reason: { code: result.error.code, message: result.error.message.slice(0, 500) } });
      continue;
    }
    const receipt = result.receipt ?? pushReceiptSchema.parse((JSON.parse(result.response) as { data: unknown }).data);
    outcome.batches++;
    if (result.replayed) outcome.replayed++;
    else {
      outcome.applied += receipt.counts.applied;
      outcome.rejected += receipt.counts.rejected;
      outcome.duplicate += receipt.counts.duplicate;
    }
    outcomes.push({ batchId: batch.batchId, status: result.replayed ? 'already' : 'applied', receipt, reason: null });
  }
  return { outcomes, outcome, firstRefusal };
}
