/**
 * The byte layout of a carried file, format 2 (schemas and limits: src-shared/carried-file.ts):
 *
 *   MAGIC (8) | header length (u32 BE) | header (UTF-8 JSON) | ciphertext + GCM tag | Ed25519 signature (64)
 *
 * The plaintext is the batches' gzipped bodies one after another, then (when the header has `audit`) the audit
 * section's gzipped JSON array of wire rows (src-shared/county-audit.ts).
 *
 * The signature covers SIGN_DOMAIN and every byte before it, so no byte of a file can change unnoticed; the
 * payload's AAD is the header, so the ciphertext is bound to it even apart from the signature. Reading is
 * hostile-input parsing in steps: structure and schema first (no crypto), then the signature against the key
 * the province registered for the PC, and only then the decryption.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CARRIED_FILE_FORMAT,
  CARRIED_FILE_VERSION,
  CARRIED_LIMITS,
  carriedHeaderSchema,
  type CarriedAudit,
  type CarriedBatch,
  type CarriedHeader,
  type CarriedRefusal,
  type ProvincePublicKey,
} from '../src-shared/carried-file';
import {
  CONTENT_KEY_BYTES,
  decryptPayload,
  ED25519_SIGNATURE_BYTES,
  encryptPayload,
  GCM_IV_BYTES,
  keyFingerprint,
  signBytes,
  strictBase64,
  unwrapContentKey,
  verifyBytes,
  wrapContentKey,
  type KeyPairDer,
} from './carried-crypto';
import type { KeyObject } from 'node:crypto';

export const CARRIED_MAGIC = Buffer.from('SDCARRY2', 'ascii');
const SIGN_DOMAIN = Buffer.from('skills-desk carried file v2\0', 'utf8');
const PREFIX_BYTES = CARRIED_MAGIC.length + 4;

export interface CarriedBatchInput {
  batchId: string;
  firstSeq: number;
  lastSeq: number;
  opCount: number;
  /** The frozen, gzipped push body: exactly the bytes online sync sends. */
  body: Buffer;
}

export interface CarriedAuditInput {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  rows: number;
  /** The gzipped JSON array of the rows. */
  body: Buffer;
}

export interface CarriedFileInput {
  countyCode: string;
  serverDeviceId: string;
  clientDeviceId: string;
  batches: readonly CarriedBatchInput[];
  audit?: CarriedAuditInput | null;
  provinceKey: ProvincePublicKey;
  signing: KeyPairDer;
  createdAt?: string;
  fileId?: string;
}

export function isCarriedFormat2(bytes: Buffer): boolean {
  return bytes.length >= CARRIED_MAGIC.length && bytes.subarray(0, CARRIED_MAGIC.length).equals(CARRIED_MAGIC);
}

export function writeCarriedFile(input: CarriedFileInput): { bytes: Buffer; header: CarriedHeader } {
  const contentKey = randomBytes(CONTENT_KEY_BYTES);
  const iv = randomBytes(GCM_IV_BYTES);
  const plaintext = Buffer.concat([...input.batches.map((b) => b.body), ...(input.audit ? [input.audit.body] : [])]);
  const batches: CarriedBatch[] = input.batches.map((b) => ({ batchId: b.batchId, firstSeq: b.firstSeq, lastSeq: b.lastSeq, opCount: b.opCount, bytes: b.body.length }));
  const audit: CarriedAudit | undefined = input.audit
    ? { chain: input.audit.chain, firstSeq: input.audit.firstSeq, lastSeq: input.audit.lastSeq, rows: input.audit.rows, bytes: input.audit.body.length }
    : undefined;
  const header: CarriedHeader = {
    format: CARRIED_FILE_FORMAT,
    version: CARRIED_FILE_VERSION,
    fileId: input.fileId ?? randomUUID(),
    createdAt: input.createdAt ?? new Date().toISOString(),
    countyCode: input.countyCode,
    serverDeviceId: input.serverDeviceId,
    clientDeviceId: input.clientDeviceId,
    signingKeyId: keyFingerprint(input.signing.publicKey),
    keyId: input.provinceKey.keyId,
    batches,
    ops: batches.reduce((n, b) => n + b.opCount, 0),
    ...(audit ? { audit } : {}),
    payloadBytes: plaintext.length + 16,
    iv: iv.toString('base64'),
    wrap: wrapContentKey(contentKey, input.provinceKey.encryptPublicKey, Buffer.from(input.provinceKey.keyId, 'utf8')),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const ciphertext = encryptPayload(contentKey, iv, plaintext, headerBytes);
  const signed = Buffer.concat([CARRIED_MAGIC, length, headerBytes, ciphertext]);
  const signature = signBytes(input.signing.privateKey, [SIGN_DOMAIN, signed]);
  return { bytes: Buffer.concat([signed, signature]), header };
}

export interface ParsedCarriedFile {
  ok: true;
  header: CarriedHeader;
  headerBytes: Buffer;
  ciphertext: Buffer;
  signed: Buffer;
  signature: Buffer;
}

const malformed = (message: string): CarriedRefusal => ({ ok: false, code: 'MALFORMED', message });
const NOT_OURS = '文件不是本程序导出的未上报数据文件，未导入任何数据。请确认选对了文件';

/** Structure and schema only: nothing here is trusted yet, and no crypto work has been done. */
export function parseCarriedFile(bytes: Buffer): ParsedCarriedFile | CarriedRefusal {
  if (bytes.length > CARRIED_LIMITS.fileBytes) return { ok: false, code: 'TOO_LARGE', message: `文件超过 ${CARRIED_LIMITS.fileBytes / 1024 / 1024} MB，不是本程序导出的文件，未导入任何数据` };
  if (!isCarriedFormat2(bytes)) return { ok: false, code: 'NOT_A_CARRIED_FILE', message: NOT_OURS };
  if (bytes.length < PREFIX_BYTES + ED25519_SIGNATURE_BYTES) return malformed('文件不完整（可能拷贝时中断），未导入任何数据。请在县里重新导出');
  const headerLength = bytes.readUInt32BE(CARRIED_MAGIC.length);
  if (headerLength === 0 || headerLength > CARRIED_LIMITS.headerBytes || PREFIX_BYTES + headerLength + ED25519_SIGNATURE_BYTES > bytes.length) {
    return malformed('文件头损坏或文件不完整，未导入任何数据。请在县里重新导出');
  }
  const headerBytes = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength);
  let json: unknown;
  try {
    // fatal: a byte that is not UTF-8 is an error, not a replacement character.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    return malformed('文件头无法读取（可能损坏或被修改过），未导入任何数据。请在县里重新导出');
  }
  const parsed = carriedHeaderSchema.safeParse(json);
  if (!parsed.success) return malformed('文件头格式不符（可能损坏、被修改过，或由更新的版本导出），未导入任何数据');
  const header = parsed.data;
  const ciphertext = bytes.subarray(PREFIX_BYTES + headerLength, bytes.length - ED25519_SIGNATURE_BYTES);
  const audit = header.audit;
  const declared = header.batches.reduce((n, b) => n + b.bytes, 0) + (audit?.bytes ?? 0);
  const auditSane = !audit || (audit.firstSeq <= audit.lastSeq && audit.rows <= audit.lastSeq - audit.firstSeq + 1);
  if (header.batches.length === 0 && !audit) return malformed('文件中既没有数据也没有操作日志，未导入任何数据。请在县里重新导出');
  const ops = header.batches.reduce((n, b) => n + b.opCount, 0);
  const idsUnique = new Set(header.batches.map((b) => b.batchId)).size === header.batches.length;
  const chained = header.batches.every((b, i) => b.firstSeq <= b.lastSeq && (i === 0 || b.firstSeq > header.batches[i - 1]!.lastSeq));
  if (ciphertext.length !== header.payloadBytes || declared + 16 !== header.payloadBytes || ops !== header.ops || !idsUnique || !chained || !auditSane) {
    return malformed('文件头与内容长度或条数不符（可能损坏或被修改过），未导入任何数据。请在县里重新导出');
  }
  for (const value of [header.iv, header.wrap.iv, header.wrap.wrappedKey, header.wrap.ephemeralPublicKey]) {
    if (!strictBase64(value)) return malformed('文件头损坏（可能被修改过），未导入任何数据');
  }
  return { ok: true, header, headerBytes, ciphertext, signed: bytes.subarray(0, bytes.length - ED25519_SIGNATURE_BYTES), signature: bytes.subarray(bytes.length - ED25519_SIGNATURE_BYTES) };
}

export function verifyCarriedSignature(file: ParsedCarriedFile, pcKey: KeyObject): boolean {
  return verifyBytes(pcKey, [SIGN_DOMAIN, file.signed], file.signature);
}

export interface CarriedPlaintext {
  /** Each batch's gzipped body, in header order. */
  batches: Buffer[];
  /** The audit section's gzipped body, or null when the header names none. */
  audit: Buffer | null;
}

/** The file's content, cut as the header says; null when the wrap or the payload does not open. */
export function decryptCarriedFile(file: ParsedCarriedFile, provinceKey: KeyPairDer): CarriedPlaintext | null {
  const contentKey = unwrapContentKey(file.header.wrap, provinceKey, Buffer.from(file.header.keyId, 'utf8'));
  if (!contentKey) return null;
  const iv = strictBase64(file.header.iv);
  if (!iv || iv.length !== GCM_IV_BYTES) return null;
  const plaintext = decryptPayload(contentKey, iv, file.ciphertext, file.headerBytes);
  if (!plaintext) return null;
  const bodies: Buffer[] = [];
  let offset = 0;
  for (const batch of file.header.batches) {
    bodies.push(plaintext.subarray(offset, offset + batch.bytes));
    offset += batch.bytes;
  }
  const audit = file.header.audit ? plaintext.subarray(offset, offset + file.header.audit.bytes) : null;
  offset += audit?.length ?? 0;
  return offset === plaintext.length ? { batches: bodies, audit } : null;
}
