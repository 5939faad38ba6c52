/**
 * Imports a carried file brought from a county with no line (server-admin import-batches, the staff upload
 * page). Format 2 (signed, encrypted: import-carried.ts) is checked in full before anything is written; format 1
 * (plain JSON with a checksum, src-shared/unsent-file.ts) is still accepted for one release, with a warning.
 * Either way the batches go through the push path (carried-batches.ts) and, when the province has keys, the
 * answer carries a receipt signed by the server for the county to import.
 */
import type { Knex } from 'knex';
import { sha256Hex } from '../../src-node/digest';
import { readUnsentFile } from '../../src-node/unsent-file';
import { CARRIED_LIMITS } from '../../src-shared/carried-file';
import { applyCarriedBatches, decodeBatch, type DecodedBatch } from './carried-batches';
import { FORMAT_1_WARNING, refusal, signedReceipt, type ImportAnswer, type ImportOptions, type ImportResult } from './import-result';
import { importCarriedV2 } from './import-carried';

export type { ImportOutcome } from './carried-batches';
export type { ImportAnswer, ImportOptions, ImportResult } from './import-result';

export async function importBatches(db: Knex, input: string | Buffer, options: ImportOptions = {}): Promise<ImportResult> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (bytes.length > CARRIED_LIMITS.fileBytes) return refusal('TOO_LARGE', `文件超过 ${CARRIED_LIMITS.fileBytes / 1024 / 1024} MB，不是本程序导出的文件，未导入任何数据`);
  // Format 1 is JSON and starts with "{"; format 2 with its magic bytes (anything else is refused there).
  if (bytes[0] === 0x7b) return importFormat1(db, bytes, options);
  return importCarriedV2(db, bytes, options);
}

async function importFormat1(db: Knex, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
  const check = readUnsentFile(bytes.toString('utf8'));
  if (!check.ok) return refusal('MALFORMED', check.message);
  const { file } = check;
  const device = await db('devices').where({ id: file.serverDeviceId }).first<{ id: string; county_code: string; last_seq: number | null; revoked_at: string | null } | undefined>('id', 'county_code', 'last_seq', 'revoked_at');
  if (!device || device.county_code !== file.countyCode) return refusal('UNKNOWN_DEVICE', '文件所属的电脑未在本服务器登记，或单位不符，未导入任何数据');
  if (options.allowCounty && !options.allowCounty(file.countyCode)) return refusal('OTHER_COUNTY', '这个文件属于其他地市的县，无权导入，未导入任何数据');
  const decoded: DecodedBatch[] = [];
  for (const entry of file.batches) {
    const batch = decodeBatch(entry.batchId, Buffer.from(entry.body, 'base64'));
    if (!batch) return refusal('MALFORMED', `批次 ${entry.batchId} 内容损坏或版本不符，未导入任何数据`, { countyCode: file.countyCode, sourceFormat: 1 });
    decoded.push(batch);
  }
  const applied = await applyCarriedBatches(db, { id: device.id, countyCode: device.county_code, lastSeq: device.last_seq }, decoded, options.personalData);
  const fileHash = sha256Hex(bytes);
  const receipt = options.keys && !options.keys.isEmpty() ? signedReceipt(options.keys, { fileId: fileHash.slice(0, 64), fileHash, sourceFormat: 1, countyCode: file.countyCode, serverDeviceId: device.id, batches: applied.outcomes }, options.now) : null;
  const answer: ImportAnswer = { outcome: applied.outcome, receipt, countyCode: file.countyCode, sourceFormat: 1, batches: applied.outcomes, audit: null, warnings: [FORMAT_1_WARNING] };
  return applied.firstRefusal === null ? { ok: true, ...answer } : { ok: false, code: 'BATCH_REFUSED', message: `${applied.firstRefusal}（之前的批次已导入）`, ...answer };
}

