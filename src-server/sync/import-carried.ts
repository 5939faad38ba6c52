/**
 * Format 2 carried files (src-node/carried-file.ts), checked in this order, each step before any write and
 * each refusal a clear reason: structure and schema; the key id is one of the province's; the PC is enrolled,
 * of the county the header names (and in the importing city's scope), not revoked, and its registered signing
 * key is the one that signed; the signature; not imported before (a replay gets its stored receipt back); the
 * content key unwraps and the payload's tag verifies; every batch decodes and matches the header, and so does the
 * audit section. Only then are the batches applied, the audit rows stored (carried-audit.ts), and the file
 * recorded with its signed receipt.
 */
import type { Knex } from 'knex';
import { publicKeyOf, sameSecretText } from '../../src-node/carried-crypto';
import { decryptCarriedFile, parseCarriedFile, verifyCarriedSignature } from '../../src-node/carried-file';
import { sha256Hex } from '../../src-node/digest';
import { isUniqueViolation } from '../../src-node/sqlite-errors';
import type { CarriedHeader } from '../../src-shared/carried-file';
import { DeviceRepository } from '../repositories/device-repository';
import { applyCarriedBatches, decodeBatch, type DecodedBatch } from './carried-batches';
import { decodeCarriedAudit, storeCarriedAudit } from './carried-audit';
import { refusal, signedReceipt, type ImportOptions, type ImportResult } from './import-result';

const NOTHING = '，未导入任何数据';

export async function importCarriedV2(db: Knex, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseCarriedFile(bytes);
  if (!parsed.ok) return refusal(parsed.code, parsed.message);
  const { header } = parsed;
  const keys = options.keys ?? null;
  const provinceKey = keys?.encryptionPair(header.keyId) ?? null;
  if (!keys || !provinceKey) {
    return refusal('UNKNOWN_KEY', `文件是为省服务器不认识的密钥（编号 ${header.keyId.slice(0, 8)}）加密的，可能是发给别的服务器的${NOTHING}。请确认县里登记的是本服务器`);
  }
  const device = await new DeviceRepository(db).forCarriedFile(header.serverDeviceId);
  if (!device) return refusal('UNKNOWN_DEVICE', `文件所属的电脑未在本服务器登记${NOTHING}`);
  if (device.countyCode !== header.countyCode) return refusal('OTHER_COUNTY', `文件写明的单位与这台电脑登记的单位不符${NOTHING}`);
  if (options.allowCounty && !options.allowCounty(header.countyCode)) return refusal('OTHER_COUNTY', `这个文件属于其他地市的县，无权导入${NOTHING}`);
  if (device.revoked) return refusal('REVOKED', `这台电脑的同步授权已被停用，它导出的文件不再接受${NOTHING}。如确需导入，请先为该县重新发放登记码`);
  const pcKey = device.signingKey ? publicKeyOf(device.signingKey, 'ed25519') : null;
  if (!pcKey || !device.signingKeyId) return refusal('NO_DEVICE_KEY', `这台电脑还没有向省服务器登记签名密钥，无法确认文件来源${NOTHING}。请县里联网同步一次（或重新登记）后再导出`);
  if (!sameSecretText(device.signingKeyId, header.signingKeyId)) return refusal('WRONG_DEVICE_KEY', `文件不是用这台电脑登记的签名密钥签名的${NOTHING}。请县里联网同步一次后重新导出`);
  if (!verifyCarriedSignature(parsed, pcKey)) return refusal('BAD_SIGNATURE', `文件签名校验不通过（可能在拷贝中损坏或被修改过）${NOTHING}。请在县里重新导出`);

  const fileHash = sha256Hex(bytes);
  const previous = await db('carried_files').where({ file_id: header.fileId }).first<{ imported_at: string; receipt: string } | undefined>('imported_at', 'receipt');
  if (previous) {
    return refusal('REPLAY', `这个文件已于 ${previous.imported_at.slice(0, 16).replace('T', ' ')}（UTC）导入过，本次未重复导入。可再次下载当时的回执`, {
      receipt: previous.receipt,
      countyCode: header.countyCode,
      sourceFormat: 2,
    });
  }
  const content = decryptCarriedFile(parsed, provinceKey);
  if (!content) return refusal('TAMPERED', `文件内容无法解密或校验不通过（可能被修改过）${NOTHING}。请在县里重新导出`);
  const decoded = decodeAll(header, content.batches);
  if (!decoded) return refusal('MALFORMED', `文件中的批次与文件头不符或版本不符${NOTHING}。请县里升级程序后重新导出`);
  const auditRows = header.audit && content.audit ? decodeCarriedAudit(header.audit, content.audit) : null;
  if (header.audit && !auditRows) return refusal('MALFORMED', `文件中的操作日志与文件头不符或版本不符${NOTHING}。请县里升级程序后重新导出`);

  const now = (options.now ?? (() => new Date()))();
  const applied = await applyCarriedBatches(db, device, decoded, options.personalData);
  // The rows are stored even after a refused batch: they are the record of what happened, whatever became of the data.
  const audit = header.audit && auditRows ? await storeCarriedAudit(db, device, header.audit, auditRows, now) : undefined;
  const receipt = signedReceipt(
    keys,
    { fileId: header.fileId, fileHash, sourceFormat: 2, countyCode: header.countyCode, serverDeviceId: device.id, batches: applied.outcomes, ...(audit ? { audit } : {}) },
    options.now,
  );
  await recordFile(db, { header, fileHash, importedBy: options.importedBy ?? 'cli', receipt, now });
  const answer = { outcome: applied.outcome, receipt, countyCode: header.countyCode, sourceFormat: 2 as const, batches: applied.outcomes, audit: audit ?? null, warnings: [] };
  return applied.firstRefusal === null ? { ok: true, ...answer } : { ok: false, code: 'BATCH_REFUSED', message: `${applied.firstRefusal}（之前的批次已导入，详见回执）`, ...answer };
}

function decodeAll(header: CarriedHeader, bodies: readonly Buffer[]): DecodedBatch[] | null {
  const decoded: DecodedBatch[] = [];
  for (const [i, entry] of header.batches.entries()) {
    const batch = decodeBatch(entry.batchId, bodies[i]!);
    const request = batch?.request;
    if (!batch || request!.firstSeq !== entry.firstSeq || request!.lastSeq !== entry.lastSeq || request!.ops.length !== entry.opCount) return null;
    decoded.push(batch);
  }
  return decoded;
}

async function recordFile(db: Knex, input: { header: CarriedHeader; fileHash: string; importedBy: string; receipt: string; now: Date }): Promise<void> {
  try {
    await db('carried_files').insert({
      file_id: input.header.fileId,
      file_hash: input.fileHash,
      device_id: input.header.serverDeviceId,
      county_code: input.header.countyCode,
      source_format: 2,
      imported_at: input.now.toISOString(),
      imported_by: input.importedBy.slice(0, 100),
      receipt: input.receipt,
    });
  } catch (error) {
    // The same file imported twice at once: both applied it idempotently, the first record stands.
    if (!isUniqueViolation(error)) throw error;
  }
}
