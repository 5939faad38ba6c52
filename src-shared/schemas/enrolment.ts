import { z } from 'zod';
import { isoDateField, optionalText, pageInput, pageOf, searchQueryField, textField, uuidSchema } from './common';

const courseFields = {
    platformId: uuidSchema,
    occupationId: uuidSchema.nullable().default(null),
    courseName: textField('课程名称', { min: 1, max: 100 }),
    startDate: isoDateField('开始日期'),
    endDate: isoDateField('结束日期').nullable().default(null),
    hours: z
      .number({ error: '学时必须是数字' })
      .min(0, { error: '学时不能是负数' })
      .max(2000, { error: '学时不能超过 2000' }),
    signedIn: z.boolean({ error: '请选择是否已签到' }),
    learningRecord: optionalText('学习记录', 500),
    testResult: optionalText('答疑测试结果', 200),
};

function endNotBeforeStart<T extends { startDate: string; endDate: string | null }>(course: T): boolean {
  return course.endDate === null || course.endDate >= course.startDate;
}
const END_BEFORE_START = { error: '结束日期不能早于开始日期', path: ['endDate'] };

export const enrolmentCreateInput = z
  .object({ traineeId: uuidSchema, ...courseFields })
  .refine(endNotBeforeStart, END_BEFORE_START);

/** Quick mode: the same course for many selected trainees at once, all or nothing. */
export const enrolmentCreateManyInput = z.object({
  traineeIds: z
    .array(uuidSchema, { error: '请选择学员' })
    .min(1, { error: '请至少选择一名学员' })
    .max(500, { error: '一次最多为 500 名学员添加培训记录' })
    .transform((ids) => [...new Set(ids)]),
  course: z.object(courseFields).refine(endNotBeforeStart, END_BEFORE_START),
});
export const enrolmentCreateManyOutput = z.object({ created: z.number().int() });

export const enrolmentSchema = z.object({
  id: uuidSchema,
  traineeId: uuidSchema,
  traineeName: z.string(),
  traineeIdNumber: z.string(),
  platformId: uuidSchema,
  platformName: z.string(),
  occupationId: z.string().nullable(),
  occupationName: z.string().nullable(),
  courseName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.number(),
  signedIn: z.boolean(),
  learningRecord: z.string().nullable(),
  testResult: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const enrolmentListInput = z.object({
  traineeId: uuidSchema.optional(),
  /** The trainee's name, ID number (whole or last 4-6) or phone, read as the trainee list reads it. */
  query: searchQueryField,
  platformId: uuidSchema.optional(),
  occupationId: uuidSchema.optional(),
  startFrom: isoDateField('开始日期（起）').optional(),
  startTo: isoDateField('开始日期（止）').optional(),
  signedIn: z.boolean().optional(),
  ...pageInput,
});
export const enrolmentPage = pageOf(enrolmentSchema);
