/** What the 数据同步 page asks of the main side: run a sync, and the state to show. */
import { z } from 'zod';

export const syncRunInput = z.object({}).strict();

export const syncReportSchema = z.object({
  outcome: z.enum(['done', 'not_enrolled', 'offline', 'refused']),
  /** Chinese, for the clerk. */
  message: z.string(),
  pushed: z.object({ batches: z.number().int(), applied: z.number().int(), rejected: z.number().int(), duplicate: z.number().int(), replayed: z.number().int() }),
  pulled: z.object({ platforms: z.number().int(), periods: z.number().int(), report_status: z.number().int(), notices: z.number().int() }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  serverTime: z.string().nullable(),
  clockSkewMs: z.number().nullable(),
  warnings: z.array(z.string()),
});
export type SyncReportOutput = z.infer<typeof syncReportSchema>;

export const carriedStatusSchema = z.object({
  /** Unsent changes in no exported file awaiting a receipt: they exist only on this PC. */
  onlyHere: z.number().int(),
  /** Unsent changes in at least one exported file the province has not acknowledged yet. */
  inFiles: z.number().int(),
  /** Those files, newest first. */
  files: z.array(z.object({ fileId: z.string(), createdAt: z.string(), format: z.number().int(), batches: z.number().int(), ops: z.number().int(), waitingOps: z.number().int(), auditRows: z.number().int() })),
  /** Changes the province confirmed (online receipts and imported receipts), and when the last confirmation came. */
  confirmed: z.number().int(),
  lastConfirmedAt: z.string().nullable(),
  /** Whether this PC can write an encrypted, signed file (it has its key and the province's). */
  canEncrypt: z.boolean(),
  /** Rows of this PC's 操作日志 the province has not confirmed (they travel with sync and with carried files). */
  auditUnsent: z.number().int(),
});
export type CarriedStatus = z.infer<typeof carriedStatusSchema>;

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  running: z.boolean(),
  pending: z.object({ total: z.number().int(), byEntity: z.record(z.string(), z.number().int()) }),
  /** Ops in a batch formed and not yet acknowledged. */
  inOpenBatch: z.number().int(),
  /** Server time of the last successful sync. */
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  batchSize: z.number().int(),
  rejections: z.array(
    z.object({ opId: z.string(), entity: z.string(), entityId: z.string(), code: z.string(), message: z.string(), at: z.string() }),
  ),
  receipts: z.array(
    z.object({
      batchId: z.string(),
      applied: z.number().int(),
      rejected: z.number().int(),
      duplicate: z.number().int(),
      storedHash: z.string(),
      serverTime: z.string(),
    }),
  ),
  /** Where each unsent change is (issue #16): only here, on a USB file not yet acknowledged, or confirmed. */
  carried: carriedStatusSchema,
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncEnrolInput = z.object({
  serverUrl: z.string().trim().min(1, { error: '请填写省服务器地址' }).max(300),
  code: z.string().trim().min(4, { error: '请填写省里发放的登记码' }).max(40),
  /** The clerk confirmed replacing the current enrolment (asked after an ALREADY_ENROLLED answer). */
  replaceExisting: z.boolean().optional(),
});
export const syncEnrolOutput = z.object({ countyCode: z.string(), deviceId: z.string(), serverUrl: z.string() });

export const syncDiscardInput = z.object({ opId: z.string().min(1).max(64) });

export const syncExportOutput = z.object({
  fileId: z.string(),
  fileName: z.string(),
  byteLength: z.number().int(),
  batches: z.number().int(),
  ops: z.number().int(),
  /** Rows of the 操作日志 the file carries (format 2 only). */
  auditRows: z.number().int(),
  /** 2: encrypted and signed; 1: the old plain format (no province key yet), with a warning. */
  format: z.number().int(),
  warnings: z.array(z.string()),
});

/** A receipt file the clerk uploaded (POST /upload gives its fileId). */
export const syncImportReceiptInput = z.object({ fileId: z.string().min(1).max(64) });
export const syncImportReceiptOutput = z.object({
  confirmed: z.number().int(),
  ops: z.number().int(),
  alreadyConfirmed: z.number().int(),
  refused: z.array(z.object({ batchId: z.string(), message: z.string() })),
  rejectedOps: z.number().int(),
  auditRows: z.number().int(),
  auditFlagged: z.number().int(),
  message: z.string(),
});
