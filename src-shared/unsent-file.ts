/**
 * The file of unsent batches carried to the city or province when a county has no line at all
 * (export-unsent on the PC, server-admin import-batches on the server). It holds the frozen batches
 * themselves, same ids and same gzipped bytes as online sync would send, so the server applies them
 * through the same idempotent push and the PC's later online sync gets the stored receipts back.
 * A header names the county and the PC; a sha-256 over header and bytes refuses a damaged or edited file.
 * This is the format, pure so both apps share it; the hashing and the reading are in src-node/unsent-file.ts.
 */
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

/** What the checksum covers, in order: every header field, then every batch; the checksum field itself excluded. */
export function unsentChecksumParts(file: Omit<UnsentFile, 'checksum'>): string[] {
  const parts = [[file.format, file.version, file.countyCode, file.serverDeviceId, file.clientDeviceId, file.createdAt].join('\n')];
  for (const b of file.batches) parts.push(`\n${b.batchId} ${b.firstSeq} ${b.lastSeq} ${b.opCount} ${b.body}`);
  return parts;
}

export type UnsentFileCheck = { ok: true; file: UnsentFile } | { ok: false; message: string };
