/**
 * Checksum and reading of the file of unsent batches (format in src-shared/unsent-file.ts): the PC
 * writes it (export-unsent), the server reads it (server-admin import-batches).
 */
import { createHash } from 'node:crypto';
import { unsentChecksumParts, unsentFileSchema, type UnsentFile, type UnsentFileCheck } from '../src-shared/unsent-file';

/** sha-256 over every header field and every batch, in order; the checksum field itself excluded. */
export function unsentChecksum(file: Omit<UnsentFile, 'checksum'>): string {
  const hash = createHash('sha256');
  for (const part of unsentChecksumParts(file)) hash.update(part);
  return hash.digest('hex');
}

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
