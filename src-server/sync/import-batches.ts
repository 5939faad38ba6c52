/**
 * Applies a file of unsent batches (format: src-shared/unsent-file.ts) brought from a county with no
 * line: each batch goes through exactly the push path a PC's upload takes (same idempotency key, same
 * body hash, same gap check), so importing a file twice, or importing it after the PC synced online,
 * changes nothing, and the PC's later online sync receives the stored receipts.
 */
import { gunzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { sha256Hex } from '../../src-node/digest';
import { readUnsentFile } from '../../src-node/unsent-file';
import { READABLE_SCHEMA_VERSIONS } from '../../src-shared/sync-protocol';
import { readPushBody } from '../../src-shared/sync-wire';
import { applyPush } from './push-service';

export interface ImportOutcome {
  batches: number;
  /** Batches the server already had (from an earlier import or online sync): replayed, not applied again. */
  replayed: number;
  applied: number;
  rejected: number;
  duplicate: number;
}

export type ImportResult = { ok: true; outcome: ImportOutcome } | { ok: false; message: string; outcome: ImportOutcome };

export async function importBatches(db: Knex, text: string): Promise<ImportResult> {
  const outcome: ImportOutcome = { batches: 0, replayed: 0, applied: 0, rejected: 0, duplicate: 0 };
  const check = readUnsentFile(text);
  if (!check.ok) return { ok: false, message: check.message, outcome };
  const { file } = check;
  const device = await db('devices').where({ id: file.serverDeviceId }).first<{ id: string; county_code: string; last_seq: number | null } | undefined>('id', 'county_code', 'last_seq');
  if (!device || device.county_code !== file.countyCode) {
    return { ok: false, message: '文件所属的电脑未在本服务器登记，或单位不符，未导入任何数据', outcome };
  }
  for (const entry of file.batches) {
    let text: Buffer;
    try {
      text = gunzipSync(Buffer.from(entry.body, 'base64'));
    } catch {
      return { ok: false, message: `批次 ${entry.batchId} 内容损坏，已停止导入（之前的批次已导入）`, outcome };
    }
    let json: unknown;
    try {
      json = JSON.parse(text.toString('utf8'));
    } catch {
      json = null;
    }
    const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
    const parsed = READABLE_SCHEMA_VERSIONS.includes(version as number) ? readPushBody(json) : null;
    if (!parsed?.ok || parsed.request.batchId !== entry.batchId) {
      return { ok: false, message: `批次 ${entry.batchId} 格式或版本不符，已停止导入（之前的批次已导入）`, outcome };
    }
    const bodyHash = sha256Hex(text);
    const result = await applyPush(db, {
      device: { id: device.id, countyCode: device.county_code, lastSeq: device.last_seq },
      key: entry.batchId,
      bodyHash,
      body: parsed.request,
    });
    if (!result.ok) return { ok: false, message: result.error.message, outcome };
    outcome.batches++;
    if (result.replayed) outcome.replayed++;
    else if (result.receipt) {
      outcome.applied += result.receipt.counts.applied;
      outcome.rejected += result.receipt.counts.rejected;
      outcome.duplicate += result.receipt.counts.duplicate;
    }
  }
  return { ok: true, outcome };
}
