/**
 * Building blocks for the procedure schemas. Every field carries a Chinese message so that a
 * validation error names the field in words a clerk understands.
 */
import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates';

export const uuidSchema = z.uuid({ error: '编号格式不正确' });

/** Normalises text typed or pasted by a clerk: trims and folds inner runs of white space. */
export function textField(label: string, options: { min?: number; max: number }) {
  const min = options.min ?? 0;
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}必须是文字`) })
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
        .max(options.max, { error: `${label}最多 ${options.max} 个字` }),
    );
}

export function optionalText(label: string, max: number) {
  return textField(label, { max }).nullable().optional();
}

export function isoDateField(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isValidIsoDate, { error: `${label}不是有效日期，格式如 2020-04-01` });
}

/** A search box: a whole ID number, its last 4-6 characters, a phone (start or last 4), pinyin initials or a name's start. */
export const searchQueryField = z.string().max(40, { error: '搜索内容太长' }).optional();

export const pageInput = {
  page: z.number({ error: '页码必须是数字' }).int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z
    .number({ error: '每页条数必须是数字' })
    .int()
    .min(1, { error: '每页至少 1 条' })
    .max(500, { error: '每页最多 500 条' })
    .default(50),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okSchema = z.object({ ok: z.literal(true) });
