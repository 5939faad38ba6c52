import { z } from 'zod';
import { isoDateField, optionalText, pageInput, pageOf, textField, uuidSchema } from './common';

export const enrolmentCreateInput = z
  .object({
    traineeId: uuidSchema,
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
  })
  .refine((e) => e.endDate === null || e.endDate >= e.startDate, {
    error: '结束日期不能早于开始日期',
    path: ['endDate'],
  });

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
  platformId: uuidSchema.optional(),
  ...pageInput,
});
export const enrolmentPage = pageOf(enrolmentSchema);
