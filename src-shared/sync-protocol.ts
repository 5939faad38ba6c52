/**
 * The wire protocol between a county PC and the provincial server: enrolment, push (batches of outbox
 * ops) and pull (reference datasets behind a server sequence cursor). Shared by both sides so that a
 * change to the protocol is one change, checked by both type-checks.
 *
 * Push: `POST /api/v1/sync/push`, `Authorization: Bearer <device token>`, `Idempotency-Key: <batchId>`,
 * `Content-Encoding: gzip`, body = PushRequest. The body bytes of a batch never change once formed.
 * Pull: `GET /api/v1/sync/pull?dataset=D&cursor=N&limit=L`.
 * Every answer is `{ok:true,data}` or `{ok:false,error:{code,message,details?}}`.
 */
import { z } from 'zod';
import { isWebUrl, WEB_URL_MESSAGE } from './domain/web-url';
import { provinceKeysSchema, publicKeyDerSchema } from './province-keys';

/**
 * Bumped when the push body changes incompatibly; the server refuses other versions with SCHEMA_VERSION.
 * PCs send version 2 (columns, sync-wire.ts). Version 1 (an array of op objects) is still read, so a
 * batch frozen before an upgrade goes out again as the same bytes, and old unsent-batch files import.
 */
export const SYNC_SCHEMA_VERSION = 2;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];
export const MAX_OPS_PER_BATCH = 5000;
export const MAX_PULL_PAGE = 1000;

/**
 * Clock check: the PC sends its wall clock (ms since epoch) on every push and pull attempt (a header, so
 * the frozen body never changes), the server answers the difference to its own clock. Beyond the
 * warning threshold the clerk is told to fix the PC's clock; stamps from the future are clamped anyway.
 */
export const CLIENT_TIME_HEADER = 'x-client-time';
export const CLOCK_SKEW_HEADER = 'x-clock-skew-ms';
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

/**
 * In a patch payload: the row's HLC stamp on the PC before the edit. A field the server holds with a
 * newer stamp from another PC was not seen by this edit: that is a conflict, and the loser is kept.
 */
export const BASE_HLC_KEY = '_baseHlc';

export const SYNC_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IDEMPOTENCY_KEY_REUSED',
  'SEQUENCE_GAP',
  'SCHEMA_VERSION',
  'RATE_LIMITED',
  'ENROL_CODE_INVALID',
  /** The PC's signing key differs from the one the server registered for it (issue #16). */
  'SIGNING_KEY_MISMATCH',
  'INTERNAL',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncErrorBody {
  code: SyncErrorCode;
  /** Chinese, for the clerk: what is wrong and what to do. Never carries row values. */
  message: string;
  details?: Record<string, unknown>;
}

/** Why the server refused one op. Every code is something a person must look at; none blocks other ops. */
export const OP_REJECTION_CODES = ['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'PERIOD_CLOSED'] as const;
export type OpRejectionCode = (typeof OP_REJECTION_CODES)[number];

const uuidLike = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: '编号格式不正确' });
const seqNumber = z.number().int().positive();

export const syncOpSchema = z.object({
  opId: uuidLike,
  seq: seqNumber,
  entity: z.string().regex(/^[a-z_]{1,40}$/),
  entityId: z.string().min(1).max(64),
  op: z.enum(['put', 'patch', 'delete']),
  hlc: z.string().min(1).max(120),
  operatorId: z.string().max(64).nullable(),
  createdAt: z.string().max(40),
  payload: z.record(z.string(), z.unknown()),
});
export type SyncOp = z.infer<typeof syncOpSchema>;

/** The batch fields around the ops, the same in every schema version. */
export const pushHeaderSchema = z.object({
  schemaVersion: z.number().int(),
  batchId: uuidLike,
  /** The PC's own id (settings.deviceId), for support; the server trusts only the token. */
  deviceId: z.string().max(64),
  /** The last seq the PC saw acknowledged when it formed this batch: the server's gap check. */
  prevSeq: z.number().int().nonnegative().nullable(),
  firstSeq: seqNumber,
  lastSeq: seqNumber,
  createdAt: z.string().max(40),
});

/** Why a batch's seqs do not hold together (ops out of order, first/last not matching, overlap), or null. */
export function batchOrderIssue(body: Pick<PushRequest, 'prevSeq' | 'firstSeq' | 'lastSeq' | 'ops'>): string | null {
  const seqs = body.ops.map((o) => o.seq);
  const ordered = seqs.every((s, i) => i === 0 || s > seqs[i - 1]!);
  if (!ordered || seqs[0] !== body.firstSeq || seqs[seqs.length - 1] !== body.lastSeq) return '批次内操作顺序不正确';
  if (body.prevSeq !== null && body.firstSeq <= body.prevSeq) return '批次序号不正确';
  return null;
}

/** Version 1 of the push body: the ops as an array of objects. */
export const pushRequestSchema = pushHeaderSchema
  .extend({ ops: z.array(syncOpSchema).min(1).max(MAX_OPS_PER_BATCH) })
  .superRefine((body, ctx) => {
    const issue = batchOrderIssue(body);
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['ops'] });
  });
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const opRejectionSchema = z.object({
  opId: z.string(),
  code: z.enum(OP_REJECTION_CODES),
  message: z.string(),
});
export type OpRejection = z.infer<typeof opRejectionSchema>;

/**
 * What the server answers for a batch, stored by the server (and replayed for a repeated key) and kept
 * by the PC. `storedHash` = sha256 over the batch body hash and each op's outcome: the PC recomputes it
 * from its own bytes, so a receipt for different bytes or different outcomes is noticed.
 */
export const pushReceiptSchema = z.object({
  batchId: z.string(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  counts: z.object({ applied: z.number().int(), rejected: z.number().int(), duplicate: z.number().int() }),
  rejected: z.array(opRejectionSchema),
  /** Ops this batch carried that the server had already applied from another batch (op ids). */
  duplicates: z.array(z.string()),
  storedHash: z.string(),
  serverTime: z.string(),
});
export type PushReceipt = z.infer<typeof pushReceiptSchema>;

export const SYNC_DATASETS = ['platforms', 'periods', 'report_status', 'notices'] as const;
export type SyncDataset = (typeof SYNC_DATASETS)[number];

export const platformItemSchema = z.object({
  name: z.string().min(1).max(200),
  /** Only http(s): the URL is shown as a link in every county (issue #18). */
  url: z.string().max(500).nullable().refine((u) => u === null || isWebUrl(u), { error: WEB_URL_MESSAGE }),
  level: z.enum(['national', 'province', 'city']),
  cityCode: z.string().max(6).nullable(),
});
export const periodItemSchema = z.object({
  seq: z.number().int().positive(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  cutoffDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const reportStatusItemSchema = z.object({
  periodId: z.string().min(1).max(64),
  /**
   * A decision (accepted / returned), or `received` (issue #15): the server has the submission, which now waits at
   * `reviewedLevel` (the city, or the province for a city without a city account); `reviewedAt` is then when it
   * arrived. A PC older than `received` skips such an item (counted as unreadable) and keeps its status.
   */
  status: z.enum(['accepted', 'returned', 'received']),
  comment: z.string().max(2000).nullable(),
  reviewedAt: z.string().max(40),
  /** Who decided and at which level (issue #15); absent from items published before levels. */
  reviewedBy: z.string().max(64).nullable().optional(),
  reviewedLevel: z.enum(['city', 'province']).nullable().optional(),
});
export const noticeItemSchema = z.object({
  kind: z.string().min(1).max(40),
  title: z.string().min(1).max(200),
  body: z.string().max(5000),
  createdAt: z.string().max(40),
  /** The record a notice is about (a sync conflict), so the clerk can open it. */
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  /**
   * A decision on the record (a correction request granted or refused, issue #15): who at which level, when, why,
   * for the PC to show beside its request. Absent from older notices and other kinds.
   */
  decision: z
    .object({
      stage: z.enum(['granted', 'refused']),
      at: z.string().max(40),
      by: z.string().max(64).nullable(),
      level: z.enum(['city', 'province']).nullable(),
      comment: z.string().max(2000).nullable(),
    })
    .optional(),
});

/** The payload schema of each dataset's items: the server checks what it publishes, the PC what it stores. */
export const DATASET_ITEM_SCHEMAS = {
  platforms: platformItemSchema,
  periods: periodItemSchema,
  report_status: reportStatusItemSchema,
  notices: noticeItemSchema,
} as const satisfies Record<SyncDataset, z.ZodType>;

export const pullItemSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  deleted: z.boolean(),
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export type PullItem = z.infer<typeof pullItemSchema>;

export const pullPageSchema = z.object({
  dataset: z.enum(SYNC_DATASETS),
  items: z.array(pullItemSchema),
  /** Pass it back as `cursor` for the next page; saved by the PC in the same transaction as the items. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  serverTime: z.string(),
});
export type PullPage = z.infer<typeof pullPageSchema>;

export const enrolRequestSchema = z.object({
  code: z.string().min(4).max(40),
  deviceId: z.string().min(1).max(64),
  label: z.string().max(100).nullable().optional(),
  /** The last seq this PC had acknowledged before (re-enrolment), so the gap check stays exact. */
  ackedSeq: z.number().int().nonnegative().nullable(),
  /** This PC's Ed25519 public key (SPKI DER, base64): carried files it signs are checked against it. */
  signingKey: publicKeyDerSchema.optional(),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  token: z.string(),
  deviceId: z.string(),
  countyCode: z.string(),
  serverTime: z.string(),
  /** The province's public keys, newest last (absent from a server older than carried files v2). */
  provinceKeys: provinceKeysSchema.optional(),
  /** This PC's key for the short report code (32 bytes, base64url; absent from an older server). */
  reportCodeKey: z.string().optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/**
 * `POST /api/v1/sync/keys` (device token): registers the PC's signing key if the server has none for it yet (a
 * PC enrolled before carried files v2) and answers the province's public keys; sent at the start of every sync.
 */
export const deviceKeysRequestSchema = z.object({ signingKey: publicKeyDerSchema });
export const deviceKeysResponseSchema = z.object({ signingKeyId: z.string(), provinceKeys: provinceKeysSchema, reportCodeKey: z.string().optional() });
export type DeviceKeysResponse = z.infer<typeof deviceKeysResponseSchema>;

/** Envelope parsers for the PC: a server answer is trusted only after it matches. */
export function okEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ ok: z.literal(true), data });
}
export const errorEnvelopeSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/**
 * The text both sides hash (sha-256, hex) into `storedHash`: the hash of the decompressed body, then one
 * line per op in batch order with its outcome. Kept here so the server and the PC cannot drift apart.
 */
export function receiptDigestInput(bodyHash: string, opIds: readonly string[], receipt: Pick<PushReceipt, 'rejected' | 'duplicates'>): string {
  const rejected = new Map(receipt.rejected.map((r) => [r.opId, r.code]));
  const duplicates = new Set(receipt.duplicates);
  const lines = opIds.map((id) => `${id} ${rejected.has(id) ? `rejected:${rejected.get(id)}` : duplicates.has(id) ? 'duplicate' : 'applied'}`);
  return `${bodyHash}\n${lines.join('\n')}`;
}
