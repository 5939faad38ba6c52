/**
 * What the staff upload page (导入U盘文件) answers for a carried file (issue #16): the county, each batch's
 * fate (applied / already on the server / refused and why, in Chinese) and the signed receipt for the county
 * to take back. A file refused as a whole (forged, another city's, replayed…) is an error value instead, whose
 * details name the refusal and, for a replay, carry the stored receipt again.
 */
import { z } from 'zod';
import { CARRIED_FILE_EXTENSION, CARRIED_LIMITS } from './carried-file';

export const CARRIED_UPLOAD_MAX_BYTES = CARRIED_LIMITS.fileBytes;
/** What the file picker offers: format 2, and format 1 (.json) for one more release. */
export const CARRIED_UPLOAD_ACCEPT = `${CARRIED_FILE_EXTENSION},.json`;

export const CARRIED_BATCH_STATUS_LABELS = { applied: '已导入', already: '此前已收到（未重复导入）', refused: '未导入' } as const;

export const carriedBatchResultSchema = z.object({
  batchId: z.string(),
  status: z.enum(['applied', 'already', 'refused']),
  /** Ops of the batch the server applied, refused (listed on the county's PC as 未被接收) and already had. */
  applied: z.number().int(),
  rejected: z.number().int(),
  duplicate: z.number().int(),
  /** Why the batch was not applied, in Chinese (null unless refused). */
  reason: z.string().nullable(),
});
export type CarriedBatchResult = z.infer<typeof carriedBatchResultSchema>;

export const carriedReceiptFileSchema = z.object({ fileName: z.string(), text: z.string() });

export const carriedImportSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  sourceFormat: z.union([z.literal(1), z.literal(2)]),
  /** Every batch applied (or already there); false when a batch was refused (those before it stand). */
  complete: z.boolean(),
  /** One sentence for the operator, in Chinese. */
  message: z.string(),
  batches: z.array(carriedBatchResultSchema),
  warnings: z.array(z.string()),
  /** The receipt file signed by the server (null when the province has no key yet: a format-1 file then). */
  receipt: carriedReceiptFileSchema.nullable(),
});
export type CarriedImport = z.infer<typeof carriedImportSchema>;

/** The details of a whole-file refusal: the reason's code, and for a replay the receipt given the first time. */
export const carriedRefusalDetailsSchema = z.object({ refusal: z.string(), receipt: carriedReceiptFileSchema.nullable().optional() });
