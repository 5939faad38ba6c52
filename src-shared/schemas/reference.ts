/** Reference data: platforms, occupations, periods, administrative units. */
import { z } from 'zod';
import { isWebUrl, WEB_URL_MESSAGE } from '../domain/web-url';
import { optionalText, textField, uuidSchema } from './common';

export const PLATFORM_LEVELS = ['national', 'province', 'city'] as const;
export const platformLevel = z.enum(PLATFORM_LEVELS, { error: '平台层级只能是部推荐、面向全省或面向地市' });
export type PlatformLevel = z.infer<typeof platformLevel>;

/** Where a platform row came from: the province's directory (read-only here), the county itself, or demo data. */
export const platformSource = z.enum(['national', 'province', 'local', 'demo']);

export const platformSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  url: z.string().nullable(),
  level: platformLevel,
  source: platformSource,
  isDemo: z.boolean(),
  readOnly: z.boolean(),
  adopted: z.boolean(),
  inLocalDirectory: z.boolean(),
});
export type Platform = z.infer<typeof platformSchema>;

export const platformListInput = z.object({ level: platformLevel.optional() });

export const platformCreateInput = z.object({
  name: textField('平台名称', { min: 2, max: 100 }),
  url: optionalText('平台网址', 200).refine((u) => u == null || u === '' || isWebUrl(u), { error: WEB_URL_MESSAGE }),
  level: platformLevel,
});

export const platformAdoptInput = z.object({
  platformId: uuidSchema,
  adopted: z.boolean({ error: '请选择是否采用' }),
  inLocalDirectory: z.boolean().optional(),
});

export const occupationSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  kind: z.enum(['occupation', 'general']),
});

export const periodSchema = z.object({
  id: uuidSchema,
  seq: z.number().int(),
  startDate: z.string(),
  cutoffDate: z.string(),
  dueDate: z.string(),
  source: z.enum(['local', 'province']),
});
export type Period = z.infer<typeof periodSchema>;

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentCode: z.string().nullable(),
});

export const unitListInput = z.object({
  parentCode: z.string().regex(/^\d{6}$/, { error: '行政区划代码是 6 位数字' }).optional(),
  level: z.enum(['province', 'city', 'county']).optional(),
});
