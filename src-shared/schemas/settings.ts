import { z } from 'zod';
import { PIN_MAX_LENGTH } from '../domain/operator-pin';
import { textField, uuidSchema } from './common';
import { pinPolicySchema } from './session';

export const countyCodeInput = z
  .string({ error: '请选择本单位（县/区/市）' })
  .regex(/^\d{6}$/, { error: '行政区划代码是 6 位数字' });

export const operatorSchema = z.object({ id: uuidSchema, name: z.string(), createdAt: z.string() });
export type Operator = z.infer<typeof operatorSchema>;

export const settingsSchema = z.object({
  configured: z.boolean(),
  county: z.object({ code: z.string(), name: z.string(), cityName: z.string() }).nullable(),
  operator: operatorSchema.nullable(),
  campaignStart: z.string(),
  campaignEnd: z.string(),
  contactPhone: z.string().nullable(),
  /** 审核人 on the printed table: who checks the figures before they go up (the head of the office, usually). */
  tableReviewer: z.string().nullable(),
  /** The operator lock: minutes idle before the screen locks, and the PIN rule. */
  idleLockMinutes: z.number().int(),
  pinPolicy: pinPolicySchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** The office's phone as the table prints it: a landline with its area code, a mobile, an extension after 转; '' clears it. */
const contactPhoneInput = z
  .string()
  .transform((value) => value.replace(/\s+/g, ' ').trim())
  .pipe(z.string().regex(/^(([\d(（][\d\- ()（）]{5,18}\d)( ?转 ?\d{1,6})?)?$/, { error: '联系电话只能包含数字、“-”和括号，如 0451-82345678 或 13800138000' }));

export const settingsSetInput = z.object({
  campaignStart: z.string().optional(),
  campaignEnd: z.string().optional(),
  contactPhone: contactPhoneInput.nullable().optional(),
  tableReviewer: textField('审核人', { max: 20 })
    .pipe(z.string().regex(/^[\p{Script=Han}A-Za-z·• ]*$/u, { error: '审核人姓名只能包含汉字、字母和“·”' }))
    .nullable()
    .optional(),
  idleLockMinutes: z.number({ error: '自动锁定时间应为分钟数' }).int().min(1, { error: '自动锁定时间至少 1 分钟' }).max(120, { error: '自动锁定时间最多 120 分钟' }).optional(),
  pinMinLength: z.number({ error: 'PIN 最短位数应为数字' }).int().min(4, { error: 'PIN 至少要求 4 位' }).max(32, { error: 'PIN 最短位数最多 32' }).optional(),
  pinAllowLetters: z.boolean().optional(),
});

export const setupInitInput = z.object({
  countyCode: countyCodeInput,
  operatorName: textField('操作员姓名', { min: 1, max: 20 }),
  /** The first operator's PIN; without it (the CLI's init) they set it at their first login. */
  pin: z.string().max(PIN_MAX_LENGTH).optional(),
});

export const operatorCreateInput = z.object({ name: textField('操作员姓名', { min: 1, max: 20 }) });

export const statusSchema = z.object({
  countyName: z.string().nullable(),
  operatorName: z.string().nullable(),
  pendingChanges: z.number().int(),
  lastSyncAt: z.string().nullable(),
  online: z.boolean().nullable(),
  traineeCount: z.number().int(),
});

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'web']),
  dataDir: z.string(),
  /** The last migration applied, e.g. '20261203171000_report_delivery': for a support call, not for the clerk. */
  schemaVersion: z.string(),
  /** How many migrations the store has had: the 数据结构第 N 版 the clerk reads out. */
  schemaRevision: z.number().int(),
});
