/**
 * 导入U盘文件 on the staff web UI (issue #16): the carried file a county clerk brought, verified and applied by
 * exactly the code `server-admin import-batches` runs (sync/import-batches.ts), answered for the page. A city
 * account imports only files of its own counties (judged on the file's header before anything is decrypted or
 * written); a file refused as a whole is an error value whose details name the refusal (and, for a replay,
 * carry the receipt given the first time, so the county can have it again).
 */
import type { Knex } from 'knex';
import { findUnit } from '../../src-shared/domain/units';
import { CARRIED_RECEIPT_EXTENSION } from '../../src-shared/carried-file';
import type { CarriedBatchResult, CarriedImport } from '../../src-shared/carried-upload-api';
import type { ProvinceKeyring } from '../keys/province-keyring';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { importBatches, type ImportResult } from '../sync/import-batches';
import { countyDisplayName, type StaffUser } from './staff-scope';
import { fail, ok, type StaffErrorCode, type StaffResult } from './staff-result';

/** How each whole-file refusal answers over HTTP: not this user's county is 403, a second import 409, the rest 400. */
const REFUSAL_STATUS: Record<string, StaffErrorCode> = { OTHER_COUNTY: 'FORBIDDEN', REVOKED: 'FORBIDDEN', REPLAY: 'CONFLICT' };

export async function importCarriedUpload(
  db: Knex,
  keys: ProvinceKeyring | null,
  personalData: PersonalDataCipher,
  user: StaffUser,
  bytes: Uint8Array,
  now: () => Date,
): Promise<StaffResult<CarriedImport>> {
  const result = await importBatches(db, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    keys,
    personalData,
    importedBy: `staff:${user.name}`,
    // The province imports any county's file; a city account only its own counties'.
    allowCounty: user.role === 'province' ? undefined : (county) => findUnit(county)?.parentCode === user.cityCode,
    now,
  });
  const receipt = result.receipt && result.countyCode ? { fileName: receiptName(result.countyCode, now()), text: result.receipt } : null;
  // Refused as a whole: nothing was written (a replay changed nothing either).
  if (!result.ok && result.code !== 'BATCH_REFUSED') {
    return fail(REFUSAL_STATUS[result.code] ?? 'VALIDATION', result.message, { refusal: result.code, countyCode: result.countyCode, receipt });
  }
  const countyCode = result.countyCode!;
  const batches = result.batches.map(batchResult);
  return ok({
    countyCode,
    countyName: countyDisplayName(countyCode),
    sourceFormat: result.sourceFormat!,
    complete: result.ok,
    message: summary(result, batches),
    batches,
    warnings: result.warnings,
    receipt,
  });
}

function batchResult(outcome: ImportResult['batches'][number]): CarriedBatchResult {
  const counts = outcome.receipt?.counts ?? { applied: 0, rejected: 0, duplicate: 0 };
  return { batchId: outcome.batchId, status: outcome.status, ...counts, reason: outcome.reason?.message ?? null };
}

function summary(result: ImportResult, batches: readonly CarriedBatchResult[]): string {
  const applied = batches.filter((b) => b.status === 'applied').length;
  const already = batches.filter((b) => b.status === 'already').length;
  const refused = batches.length - applied - already;
  const parts = batches.length > 0 ? [`共 ${batches.length} 批：${applied} 批已导入`] : ['文件中没有数据批次'];
  if (already > 0) parts.push(`${already} 批此前已收到（未重复导入）`);
  if (refused > 0) parts.push(`${refused} 批未导入`);
  const a = result.audit;
  if (a) parts.push(`操作日志 ${a.stored + a.duplicate} 条已收到${a.duplicate > 0 ? `（其中 ${a.duplicate} 条此前已收到）` : ''}${a.flagged > 0 ? `，${a.flagged} 条链条校验不通过，已记入操作日志待核查` : ''}`);
  const tail = result.receipt ? '。请下载回执交给县里，在“数据同步 → 导入回执”中导入' : '。省服务器还没有密钥，无法出具回执：县里联网同步后会自动确认';
  return `${parts.join('，')}${result.ok ? '' : `（${result.message}）`}${tail}`;
}

/** `回执-<county>-<China date and time>.sdreceipt`: the county's name tells the clerk whose it is. */
function receiptName(countyCode: string, at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `回执-${countyDisplayName(countyCode)}-${china.slice(0, 10).replaceAll('-', '')}-${china.slice(11, 16).replace(':', '')}${CARRIED_RECEIPT_EXTENSION}`;
}
