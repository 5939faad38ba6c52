/**
 * What the server accepts inside an op: the same zod rules the PC's contract applies to a clerk's
 * input (ID-card checksum, phone, categories), so data that bypassed the UI is still checked.
 * Failures become per-op rejections with a Chinese reason; they never fail the batch.
 */
import { z } from 'zod';
import { isWebUrl, WEB_URL_MESSAGE } from '../../src-shared/domain/web-url';
import { enrolmentCreateInput } from '../../src-shared/schemas/enrolment';
import { uuidSchema } from '../../src-shared/schemas/common';
import { traineeCreateInput, traineeUpdateInput } from '../../src-shared/schemas/trainee';

z.config(z.locales.zhCN());

export const traineePutPayload = traineeCreateInput.extend({ id: uuidSchema });
export type TraineePut = z.output<typeof traineePutPayload>;
export type TraineePatch = z.output<typeof traineeUpdateInput.shape.patch>;

/**
 * A trainee patch carries the contract's field names (the same as a put), and only the fields the
 * clerk changed; derived values (birth date, sex, search helpers) are recomputed here.
 */
export function parseTraineePatch(payload: Record<string, unknown>) {
  return traineeUpdateInput.shape.patch.safeParse(payload);
}

export function parseEnrolmentPut(payload: Record<string, unknown>) {
  const id = uuidSchema.safeParse(payload.id);
  if (!id.success) return { success: false as const, error: id.error };
  const fields = enrolmentCreateInput.safeParse(payload);
  if (!fields.success) return { success: false as const, error: fields.error };
  return { success: true as const, data: { ...fields.data, id: id.data } };
}

export const platformPutPayload = z.object({
  id: uuidSchema,
  name: z.string().min(1).max(100),
  url: z.string().max(500).nullable().refine((u) => u === null || u === '' || isWebUrl(u), { error: WEB_URL_MESSAGE }),
  level: z.enum(['national', 'province', 'city']),
  isDemo: z.boolean().optional(),
});

export const adoptionPutPayload = z.object({
  platformId: z.string().min(1).max(64),
  adopted: z.boolean(),
  inLocalDirectory: z.boolean(),
});

export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message.replace(/[。；]+$/, '') ?? '内容有误';
}
