/**
 * The carried file, format 2 (issue #16): what a county with no line at all carries to the city or province on a
 * USB stick, and the receipt the province gives back. Pure schemas and limits, shared by both apps; the byte
 * layout, the crypto and the reading are in src-node/carried-file.ts and src-node/carried-receipt.ts.
 *
 * File: MAGIC | u32 header length | header (JSON, in the clear) | AES-256-GCM ciphertext of the batches and then
 * of the audit section | Ed25519 signature (64 bytes) by the PC's key over a domain string and every byte before it.
 * The audit section (issue #19) is the PC's audit-chain rows the province has not confirmed, gzipped JSON: an
 * office with no line sends its 操作日志 the way it sends its data, and a file may carry audit rows only. The content key is random
 * per file and wrapped for the province's X25519 key (ephemeral-static ECDH, HKDF-SHA256, AES-256-GCM).
 * The header names what is inside so the province can refuse a file before any crypto work, and the clerk and
 * the operator can see what a file holds without opening it; it holds no personal data.
 */
import { z } from 'zod';
import { keyIdSchema } from './province-keys';
import { pushReceiptSchema } from './sync-protocol';
import { MAX_AUDIT_SEQ } from './county-audit';

export { provinceKeysSchema, provincePublicKeySchema, type ProvincePublicKey } from './province-keys';

export const CARRIED_FILE_FORMAT = 'skills-desk-carried-file';
export const CARRIED_FILE_VERSION = 2;
/** The file name's extension (not a security boundary: the magic bytes are checked). */
export const CARRIED_FILE_EXTENSION = '.sdcarry';
export const CARRIED_RECEIPT_FORMAT = 'skills-desk-carried-receipt';
export const CARRIED_RECEIPT_VERSION = 1;
export const CARRIED_RECEIPT_EXTENSION = '.sdreceipt';

/**
 * Limits applied before anything else is read. 100,000 ops make a file of about 8 MB (docs/benchmarks.md); the
 * cap leaves room for a county's whole campaign while refusing a stick-sized blob before it is parsed.
 */
export const CARRIED_LIMITS = {
  fileBytes: 64 * 1024 * 1024,
  headerBytes: 1024 * 1024,
  batches: 2000,
  /** One batch's decompressed body (a batch holds at most 5,000 ops). */
  batchTextBytes: 32 * 1024 * 1024,
  receiptBytes: 16 * 1024 * 1024,
  /** Audit rows in one file: a 100,000-row import writes one row a trainee, so a campaign's rows fit in a few files. */
  auditRows: 200_000,
  /** The audit section decompressed (the PC keeps its JSON under this before gzip, so inflating stops here). */
  auditTextBytes: 48 * 1024 * 1024,
} as const;

const base64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const isoTime = z.string().min(10).max(40);

export const carriedBatchSchema = z.strictObject({
  batchId: z.string().min(1).max(64),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  opCount: z.number().int().positive().max(100_000),
  /** Length of the batch's gzipped body inside the plaintext. */
  bytes: z.number().int().positive().max(CARRIED_LIMITS.fileBytes),
});

/** The audit section: the rows firstSeq..lastSeq of the PC's chain (named as the PC names it: the server names its own). */
export const carriedAuditSchema = z.strictObject({
  chain: z.string().min(1).max(64),
  firstSeq: z.number().int().positive().max(MAX_AUDIT_SEQ),
  lastSeq: z.number().int().positive().max(MAX_AUDIT_SEQ),
  rows: z.number().int().positive().max(CARRIED_LIMITS.auditRows),
  /** Length of the section's gzipped body inside the plaintext, after the batches. */
  bytes: z.number().int().positive().max(CARRIED_LIMITS.fileBytes),
});
export type CarriedAudit = z.infer<typeof carriedAuditSchema>;

export const carriedHeaderSchema = z.strictObject({
  format: z.literal(CARRIED_FILE_FORMAT),
  version: z.literal(CARRIED_FILE_VERSION),
  /** Random per file: a second import of the same file is a replay. */
  fileId: uuid,
  createdAt: isoTime,
  countyCode: z.string().regex(/^\d{6}$/),
  serverDeviceId: z.string().min(1).max(64),
  clientDeviceId: z.string().max(64),
  /** The PC's signing key (its fingerprint): must be the key the province registered for serverDeviceId. */
  signingKeyId: keyIdSchema,
  /** The province encryption key the content key is wrapped for. */
  keyId: keyIdSchema,
  /** May be empty when the file carries audit rows only (checked with the audit section in parseCarriedFile). */
  batches: z.array(carriedBatchSchema).max(CARRIED_LIMITS.batches),
  ops: z.number().int().nonnegative(),
  audit: carriedAuditSchema.optional(),
  /** Ciphertext length including the 16-byte GCM tag. */
  payloadBytes: z.number().int().min(17).max(CARRIED_LIMITS.fileBytes),
  /** Initialisation vector of the payload (12 bytes). */
  iv: base64(24),
  wrap: z.strictObject({
    /** The sender's one-time X25519 public key, SPKI DER. */
    ephemeralPublicKey: base64(200),
    iv: base64(24),
    /** The 32-byte content key under the wrapping key, with its 16-byte tag. */
    wrappedKey: base64(100),
  }),
});
export type CarriedHeader = z.infer<typeof carriedHeaderSchema>;
export type CarriedBatch = z.infer<typeof carriedBatchSchema>;

export const batchOutcomeSchema = z.strictObject({
  batchId: z.string().min(1).max(64),
  /** applied: by this file; already: the server had it (an earlier file or online sync); refused: not applied. */
  status: z.enum(['applied', 'already', 'refused']),
  /** The push receipt, exactly as an online push answers it (null when refused). */
  receipt: pushReceiptSchema.nullable(),
  reason: z.strictObject({ code: z.string().max(60), message: z.string().max(500) }).nullable(),
});
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>;

export const receiptBodySchema = z.strictObject({
  format: z.literal(CARRIED_RECEIPT_FORMAT),
  version: z.literal(CARRIED_RECEIPT_VERSION),
  /** The carried file's id (format 1 files have none: the sha-256 of the file stands in). */
  fileId: z.string().min(1).max(64),
  fileHash: z.string().regex(/^[0-9a-f]{64}$/),
  sourceFormat: z.union([z.literal(1), z.literal(2)]),
  countyCode: z.string().regex(/^\d{6}$/),
  serverDeviceId: z.string().min(1).max(64),
  signKeyId: keyIdSchema,
  importedAt: isoTime,
  batches: z.array(batchOutcomeSchema).max(CARRIED_LIMITS.batches),
  /** What became of the file's audit rows (absent when it carried none). */
  audit: z
    .strictObject({
      /** The last seq the file carried: the PC's cursor may move up to it. */
      lastSeq: z.number().int().positive(),
      stored: z.number().int().nonnegative(),
      duplicate: z.number().int().nonnegative(),
      flagged: z.number().int().nonnegative(),
      /** The highest seq of the PC's chain the province now holds. */
      through: z.number().int().nonnegative(),
    })
    .optional(),
});
export type ReceiptBody = z.infer<typeof receiptBodySchema>;

/** The receipt file: the body as the exact signed text, so no re-serialisation can change what was signed. */
export const receiptEnvelopeSchema = z.strictObject({
  format: z.literal(CARRIED_RECEIPT_FORMAT),
  body: z.string().min(1).max(CARRIED_LIMITS.receiptBytes),
  signature: base64(100),
});

/** What reading a carried file or a receipt answers: the reason is Chinese, for the operator or the clerk. */
export type CarriedRefusal = { ok: false; code: CarriedRefusalCode; message: string };
export type CarriedRefusalCode =
  | 'TOO_LARGE'
  | 'NOT_A_CARRIED_FILE'
  | 'MALFORMED'
  | 'UNKNOWN_KEY'
  | 'UNKNOWN_DEVICE'
  | 'OTHER_COUNTY'
  | 'REVOKED'
  | 'NO_DEVICE_KEY'
  | 'WRONG_DEVICE_KEY'
  | 'BAD_SIGNATURE'
  | 'TAMPERED'
  | 'REPLAY';
