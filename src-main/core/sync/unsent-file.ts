/**
 * The file of unsent batches carried to the city or province when a county has no line at all
 * (export-unsent on the PC, server-admin import-batches on the server). It holds the frozen batches
 * themselves, same ids and same gzipped bytes as online sync would send, so the server applies them
 * through the same idempotent push and the PC's later online sync gets the stored receipts back.
 * A header names the county and the PC; a sha-256 over header and bytes refuses a damaged or edited file.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const UNSENT_FILE_FORMAT = 'skills-desk-unsent-batches';
export const UNSENT_FILE_VERSION = 1;

const batchEntrySchema = z.object({
  batchId: z.string().min(1).max(64),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  opCount: z.number().int().positive(),
  /** The gzipped push body, base64. */
  body: z.string().min(1),
});

export const unsentFileSchema = z.object({
  format: z.literal(UNSENT_FILE_FORMAT),
  version: z.literal(UNSENT_FILE_VERSION),
  countyCode: z.string().regex(/^\d{6}$/),
  /** The PC's device id on the server (from enrolment): the batches continue that device's sequence. */
  serverDeviceId: z.string().min(1).max(64),
  clientDeviceId: z.string().max(64),
  createdAt: z.string().max(40),
  batches: z.array(batchEntrySchema).min(1),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type UnsentFile = z.infer<typeof unsentFileSchema>;
export type UnsentBatchEntry = z.infer<typeof batchEntrySchema>;

/** sha-256 over every header field and every batch, in order; the checksum field itself excluded. */
export function unsentChecksum(file: Omit<UnsentFile, 'checksum'>): string {
  const hash = createHash('sha256');
  hash.update([file.format, file.version, file.countyCode, file.serverDeviceId, file.clientDeviceId, file.createdAt].join('\n'));
  for (const b of file.batches) hash.update(`\n${b.batchId} ${b.firstSeq} ${b.lastSeq} ${b.opCount} ${b.body}`);
  return hash.digest('hex');
}

export type UnsentFileCheck = { ok: true; file: UnsentFile } | { ok: false; message: string };

/** Parses and verifies a file's text; messages are Chinese for the clerk or the provincial operator. */
export function readUnsentFile(text: string): UnsentFileCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: '文件不是未上报数据文件（内容无法读取），请确认选对了文件' };
  }
  const parsed = unsentFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: '文件不是本程序导出的未上报数据文件，或版本不符，未导入任何数据' };
  const { checksum, ...rest } = parsed.data;
  if (unsentChecksum(rest) !== checksum) return { ok: false, message: '文件校验不通过（可能在拷贝中损坏或被修改过），未导入任何数据。请在县里重新导出' };
  return { ok: true, file: parsed.data };
}
