/**
 * Writes this PC's unsent batches to a carried file, freezing any unsent op first, with the audit rows the
 * province has not confirmed (audit/audit-carry.ts), and remembers the file (carried_exports) so 数据同步 can say
 * which changes are on a USB file not yet acknowledged. A file may carry audit rows only: an office with no line
 * sends its 操作日志 even in a fortnight with no new data.
 *
 * Format 2 (src-node/carried-file.ts): encrypted for the province's newest key, signed with this PC's key. A PC
 * that has no province key yet (enrolled before carried files v2 and not online since) writes format 1 with a
 * warning instead of refusing: the county with no line is exactly the one that cannot fetch the key first.
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { CARRIED_FILE_EXTENSION, CARRIED_LIMITS } from '../../../src-shared/carried-file';
import { carriedAuditSection, type CarriedAuditPlan } from '../audit/audit-carry';
import { AUDIT_SENT_STATE } from '../audit/audit-push';
import { getSyncState } from './sync-state';
import { UNSENT_FILE_FORMAT, UNSENT_FILE_VERSION, type UnsentFile } from '../../../src-shared/unsent-file';
import { writeCarriedFile } from '../../../src-node/carried-file';
import { unsentChecksum } from '../../../src-node/unsent-file';
import { sha256Hex } from '../../../src-node/digest';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { freezeAll, type FrozenBatch } from './batcher';
import { BATCH_SIZE } from './sync-engine';
import { provinceKeys, signingKey } from './device-keys';

export interface ExportedFile {
  format: 1 | 2;
  bytes: Buffer;
  /** The file name's extension: .sdcarry (format 2) or .json (format 1). */
  extension: string;
  fileId: string;
  batches: number;
  ops: number;
  /** Audit rows carried (format 2 only). */
  auditRows: number;
  /** Chinese, for the clerk. */
  warnings: string[];
}

export const FORMAT_1_EXPORT_WARNING =
  '本机还没有取得省服务器的加密密钥（本机在升级前登记，之后未联网同步过），所以这个文件仍是旧格式：未加密、未签名，请妥善保管U盘。联网同步一次后再导出即为加密签名的文件';

export interface ExportOptions {
  /**
   * Records the export in the audit trail once there is something to export, before the audit section is read:
   * the row then travels in the very file it records (written after, it would always be left for the next file).
   */
  record?: (summary: { batches: number; ops: number; format: 1 | 2 }) => Promise<void>;
}

export async function exportUnsent(db: Knex, now = new Date(), options: ExportOptions = {}): Promise<ExportedFile> {
  const settings = new SettingsRepository(db);
  const [countyCode, serverDeviceId, clientDeviceId] = await Promise.all([
    settings.get<string>('countyCode'),
    settings.get<string>('serverDeviceId'),
    settings.get<string>('deviceId'),
  ]);
  // The server needs to know which PC's sequence the batches continue: only an enrolled PC has one.
  if (!countyCode || !serverDeviceId) throw new AppError('NOT_CONFIGURED', '本机尚未登记到省服务器，无法导出未上报数据。请先用登记码完成登记（登记只需联网一次）');
  const batches = await freezeAll(db, clientDeviceId ?? '', BATCH_SIZE.max);
  const keys = await provinceKeys(db);
  const signing = await signingKey(db);
  const base = { countyCode, serverDeviceId, clientDeviceId: clientDeviceId ?? '' };
  const provinceKey = keys[keys.length - 1];
  const encrypted = Boolean(provinceKey && signing);
  // Audit rows go only in the signed, encrypted format: format 1 is read without any proof of which PC wrote it.
  if (batches.length === 0 && !(encrypted && (await hasUnsentAudit(db)))) throw new AppError('NOT_FOUND', '没有未上报的数据，不需要导出');
  await options.record?.({ batches: batches.length, ops: opsOf(batches), format: encrypted ? 2 : 1 });
  const plan = encrypted ? await carriedAuditSection(db, roomForAudit(batches)) : null;
  const audit = plan?.section ?? null;
  // Only audit rows to send, and the first of them is one the province would refuse: there is no file to write.
  if (batches.length === 0 && !audit) throw new AppError('VALIDATION', plan ? auditWarnings(plan)[0]! : '没有未上报的数据，不需要导出');
  const written: ExportedFile =
    provinceKey && signing && plan
      ? format2(batches, plan, { ...base, provinceKey, signing, createdAt: now.toISOString() })
      : format1(batches, { ...base, createdAt: now.toISOString() });
  await db('carried_exports').insert({
    file_id: written.fileId,
    format: written.format,
    created_at: now.toISOString(),
    batch_ids: JSON.stringify(batches.map((b) => b.batchId)),
    batches: written.batches,
    ops: written.ops,
    key_id: provinceKey && signing ? provinceKey.keyId : null,
    audit_rows: audit?.rows ?? 0,
    audit_last_seq: audit?.lastSeq ?? null,
  });
  return written;
}

/** The file's room left for the audit section: the cap less the batches, the header and a margin for both. */
function roomForAudit(batches: readonly FrozenBatch[]): number {
  const batchBytes = batches.reduce((n, b) => n + b.body.length, 0);
  return CARRIED_LIMITS.fileBytes - batchBytes - 2 * CARRIED_LIMITS.headerBytes;
}

async function hasUnsentAudit(db: Knex): Promise<boolean> {
  const sent = (await getSyncState<number>(db, AUDIT_SENT_STATE)) ?? 0;
  return (await db('audit_log').where('chain_seq', '>', sent).first('chain_seq')) !== undefined;
}

function auditWarnings(plan: CarriedAuditPlan): string[] {
  if (plan.refusedSeq !== null) {
    return [`本机第 ${plan.refusedSeq} 条操作日志不符合上报格式（可能数据文件被改动过），它和之后的 ${plan.left} 条没有随文件带出；数据不受影响。请联系技术支持`];
  }
  return plan.left > 0 ? [`还有 ${plan.left} 条操作日志本次放不下，下次导出或联网同步时会带上`] : [];
}

function opsOf(batches: readonly FrozenBatch[]): number {
  return batches.reduce((n, b) => n + b.opCount, 0);
}

function format2(batches: readonly FrozenBatch[], plan: CarriedAuditPlan, input: Omit<Parameters<typeof writeCarriedFile>[0], 'batches' | 'audit'>): ExportedFile {
  const { bytes, header } = writeCarriedFile({ ...input, batches, audit: plan.section });
  return { format: 2, bytes, extension: CARRIED_FILE_EXTENSION, fileId: header.fileId, batches: batches.length, ops: opsOf(batches), auditRows: plan.section?.rows ?? 0, warnings: auditWarnings(plan) };
}

function format1(batches: readonly FrozenBatch[], input: { countyCode: string; serverDeviceId: string; clientDeviceId: string; createdAt: string }): ExportedFile {
  const body: Omit<UnsentFile, 'checksum'> = {
    format: UNSENT_FILE_FORMAT,
    version: UNSENT_FILE_VERSION,
    ...input,
    batches: batches.map((b) => ({ batchId: b.batchId, firstSeq: b.firstSeq, lastSeq: b.lastSeq, opCount: b.opCount, body: b.body.toString('base64') })),
  };
  const file: UnsentFile = { ...body, checksum: unsentChecksum(body) };
  const bytes = Buffer.from(JSON.stringify(file), 'utf8');
  // The server names a format-1 file by its hash (it has no id): the same here, so a receipt finds its export.
  return { format: 1, bytes, extension: '.json', fileId: sha256Hex(bytes), batches: batches.length, ops: opsOf(batches), auditRows: 0, warnings: [FORMAT_1_EXPORT_WARNING] };
}
