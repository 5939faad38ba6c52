/**
 * zod schemas of every staff request (path parameters, query strings and bodies), part of the staff
 * contract (staff-contract.ts): the server validates with them before any service runs, and the staff
 * UI's calls are typed from them. The answers' schemas are in staff-api.ts.
 */
import { ruleIdSchema } from './domain/check-rules';
import { z } from 'zod';
import { isValidIsoDate } from './domain/dates';
import { isWebUrl, WEB_URL_MESSAGE } from './domain/web-url';
import { PLATFORM_LEVELS, REVIEW_DECISIONS } from './staff-api';

export const isoDateSchema = z.string().refine(isValidIsoDate, { error: '日期格式应为 YYYY-MM-DD' });
const code6 = z.string().regex(/^\d{6}$/, { error: '代码应为 6 位数字' });

export const loginBody = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
/** A 6-digit TOTP code or a recovery code (XXXXX-XXXXX). */
export const codeBody = z.object({ code: z.string().trim().min(6, { error: '请输入 6 位动态码或恢复码' }).max(20, { error: '请输入 6 位动态码或恢复码' }) });
export const passwordBody = z.object({ current: z.string().max(200).nullable().optional(), next: z.string().min(1, { error: '请输入新密码' }).max(200, { error: '密码过长（最多 200 位）' }) });
export const periodQuery = z.object({ period: isoDateSchema, city: code6.optional() });
export const reviewParams = z.object({ county: code6, period: isoDateSchema, decision: z.enum(REVIEW_DECISIONS) });
export const reportParams = z.object({ county: code6, period: isoDateSchema });
export const reviewBody = z.object({ comment: z.string().trim().max(2000).nullable().optional() }).nullable().optional();
export const cityQuery = z.object({ city: code6.optional() });

const text2000 = z.string().trim().max(2000).nullable().optional();
export const cityReportParams = z.object({ city: code6, period: isoDateSchema });
export const cityReviewParams = z.object({ city: code6, period: isoDateSchema, decision: z.enum(REVIEW_DECISIONS) });
export const citySubmitBody = z.object({ note: text2000, forceReason: text2000 });
export const commentBody = z.object({ comment: text2000 }).nullable().optional();
export const historyQuery = z.object({ period: isoDateSchema, city: code6.optional(), county: code6.optional() });
export const correctionParams = z.object({ id: z.string().min(1).max(64), decision: z.enum(['grant', 'refuse']) });
export const levelSettingsBody = z.object({ directToProvince: z.boolean() });

export const platformBody = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  url: z.string().trim().max(500).nullable().default(null).refine((u) => u === null || u === '' || isWebUrl(u), { error: WEB_URL_MESSAGE }),
  level: z.enum(PLATFORM_LEVELS),
  cityCode: code6.nullable().default(null),
});
export const idParams = z.object({ id: z.uuid() });
export const ruleParams = z.object({ id: ruleIdSchema });
/** A duplicate case's key: the id of a trainee row, as the PC generated it. */
const PC_ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const caseParams = z.object({ caseKey: z.string().regex(PC_ROW_ID) });
/** A trainee row's id, as the PC generated it. */
export const traineeParams = z.object({ id: z.string().regex(PC_ROW_ID) });

export const calendarBody = z.object({
  periods: z
    .array(z.object({ seq: z.number().int().positive(), startDate: isoDateSchema, cutoffDate: isoDateSchema, dueDate: isoDateSchema }))
    .min(1)
    .max(200),
});

/**
 * The body of an upload route: the file's bytes as sent (application/octet-stream), already held to the
 * route's size limit by the server before it was read.
 */
export const fileUploadBody = z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.byteLength > 0, { error: '请选择要上传的文件（收到的文件是空的）' });
