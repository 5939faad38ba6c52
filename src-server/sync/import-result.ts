/** What importing a carried file answers, and the signed receipt it carries (import-batches.ts, import-carried.ts). */
import { signReceipt } from '../../src-node/carried-receipt';
import { CARRIED_RECEIPT_FORMAT, CARRIED_RECEIPT_VERSION, type BatchOutcome, type CarriedRefusalCode, type ReceiptBody } from '../../src-shared/carried-file';
import type { ProvinceKeyring } from '../keys/province-keyring';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { emptyOutcome, type ImportOutcome } from './carried-batches';
import type { CarriedAuditOutcome } from './carried-audit';

export interface ImportOptions {
  keys?: ProvinceKeyring | null;
  /** 'cli', or the staff user's name: recorded with the file. */
  importedBy?: string;
  /** A city account may import only its own counties' files. */
  allowCounty?: (countyCode: string) => boolean;
  now?: () => Date;
  /** Seals ID numbers and phones as the batches store them (the server key's; default: the process's own, for tests). */
  personalData?: PersonalDataCipher;
}

export interface ImportAnswer {
  outcome: ImportOutcome;
  /** The signed receipt file's text (null when the province has no key yet). */
  receipt: string | null;
  countyCode: string | null;
  sourceFormat: 1 | 2 | null;
  batches: BatchOutcome[];
  /** What became of the file's audit rows (null when it carried none, or it was refused). */
  audit: CarriedAuditOutcome | null;
  /** Chinese, for the operator: the file was accepted but something needs attention (a format-1 file). */
  warnings: string[];
}

export type ImportResult = ({ ok: true } & ImportAnswer) | ({ ok: false; code: CarriedRefusalCode | 'BATCH_REFUSED'; message: string } & ImportAnswer);

export const FORMAT_1_WARNING = '这是旧格式（未加密、未签名）的未上报数据文件，本版本仍接受，下一版本起将不再接受。请县里升级程序并联网同步一次后，用新版本导出';

export function refusal(code: CarriedRefusalCode, message: string, extra: Partial<ImportAnswer> = {}): ImportResult {
  return { ok: false, code, message, outcome: emptyOutcome(), receipt: null, countyCode: null, sourceFormat: null, batches: [], audit: null, warnings: [], ...extra };
}

export function signedReceipt(
  keys: ProvinceKeyring,
  fields: Pick<ReceiptBody, 'fileId' | 'fileHash' | 'sourceFormat' | 'countyCode' | 'serverDeviceId' | 'batches' | 'audit'>,
  now: () => Date = () => new Date(),
): string {
  const signer = keys.signer();
  const body: ReceiptBody = { format: CARRIED_RECEIPT_FORMAT, version: CARRIED_RECEIPT_VERSION, ...fields, signKeyId: signer.signKeyId, importedAt: now().toISOString() };
  return signReceipt(body, signer.privateKey);
}
