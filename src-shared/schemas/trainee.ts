import { z } from 'zod';
import { PERSON_CATEGORY_CODES } from '../domain/categories';
import { parseIdNumber } from '../domain/id-card';
import { parsePhone } from '../domain/phone';
import { isValidIsoDate } from '../domain/dates';
import { chinaToday } from '../format/china-time';
import { isoDateField, optionalText, pageInput, pageOf, searchQueryField, textField, uuidSchema } from './common';

/** Accepts what a clerk types or pastes and yields the normalised 18-character number. */
export const idNumberInput = z.string({ error: '请填写身份证号' }).transform((raw, ctx) => {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value.idNumber;
});

export const phoneInput = z.string({ error: '请填写联系电话' }).transform((raw, ctx) => {
  const parsed = parsePhone(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

export const categoryCode = z.enum(PERSON_CATEGORY_CODES, { error: '人员类别不在规定的类别中' });

export const categoriesInput = z
  .array(categoryCode, { error: (issue) => (issue.input === undefined ? '请选择人员类别' : '人员类别应是类别列表') })
  .max(PERSON_CATEGORY_CODES.length)
  .transform((codes) => [...new Set(codes)]);

const traineeFields = {
  idNumber: idNumberInput,
  name: textField('姓名', { min: 1, max: 30 }).refine((v) => !/[0-9@#$%^&*=<>]/.test(v), {
    error: '姓名中不能有数字或符号',
  }),
  phone: phoneInput,
  categories: categoriesInput,
  // null: not known yet (待补充, e.g. a roster without the column); the entry form asks for it when opened.
  ruralHukou: z.boolean({ error: '请选择户籍类型（农村或城镇）' }).nullable(),
  // Not after today, as the form's date picker allows and an import reads: one rule on both paths (issue #14).
  // Today in China, not in this process's zone: a PC or test host on UTC would otherwise refuse the day the
  // clerk sees on the wall between 00:00 and 08:00 China time.
  registeredAt: isoDateField('注册日期').refine((date) => !isValidIsoDate(date) || date <= chinaToday(), { error: '注册日期不能晚于今天，请核对后重新填写' }),
  platformId: z.uuid({ error: '所选注册平台无效，请从列表中重新选择' }).nullable(),
  note: optionalText('备注', 200),
};

/** No defaults in the shared fields: `.partial()` for updates would apply them and overwrite stored values. */
export const traineeCreateInput = z.object({ ...traineeFields, platformId: traineeFields.platformId.default(null) });
export const traineeUpdateInput = z.object({
  id: uuidSchema,
  patch: z.object(traineeFields).partial(),
});

export const traineeSchema = z.object({
  id: uuidSchema,
  countyCode: z.string(),
  idNumber: z.string(),
  idNumberMasked: z.boolean(),
  name: z.string(),
  phone: z.string(),
  categories: z.array(categoryCode),
  ruralHukou: z.boolean().nullable(),
  registeredAt: z.string(),
  platformId: z.string().nullable(),
  platformName: z.string().nullable(),
  note: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  regionName: z.string(),
  livingAllowance: z.object({ eligible: z.boolean(), reasons: z.array(z.string()), pending: z.boolean() }),
  enrolmentCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Trainee = z.infer<typeof traineeSchema>;

export const traineeListInput = z.object({
  /** Full ID number, its last 4-6 characters, a name (prefix) or a phone number (prefix or last 4). */
  query: searchQueryField,
  /** Only these trainees (the names of those ticked for 批量添加培训记录); at most a page of them. */
  ids: z.array(uuidSchema).max(500, { error: '一次最多 500 名学员' }).optional(),
  categories: z.array(categoryCode).optional(),
  platformId: uuidSchema.optional(),
  registeredFrom: isoDateField('注册起始日期').optional(),
  registeredTo: isoDateField('注册截止日期').optional(),
  livingAllowanceEligible: z.boolean().optional(),
  /** Only trainees with something 待补充: 户籍 not known, or no person category. */
  incomplete: z.boolean().optional(),
  sort: z.enum(['registeredAt', 'name', 'createdAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageInput,
});
export const traineePage = pageOf(traineeSchema);

export const traineeDeleteInput = z.object({
  id: uuidSchema,
  reason: textField('删除原因', { min: 2, max: 200 }),
});

/** Showing a masked number in full is recorded in the audit log (who saw whose number, when). */
export const traineeRevealInput = z.object({
  id: uuidSchema,
  field: z.enum(['idNumber', 'phone'], { error: '只能查看身份证号或联系电话' }),
});
export const traineeRevealOutput = z.object({ value: z.string() });

export const historyEntrySchema = z.object({
  at: z.string(),
  operatorName: z.string().nullable(),
  action: z.string(),
  /** Field-by-field changes of an update, with values as stored (categories as codes). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
