import type { FormRule } from 'antd';
import { normalizeIdNumber, parseIdNumber } from '../../../src-shared/domain/id-card';
import { stripAllSpaces, toHalfWidth } from '../../../src-shared/domain/half-width';

/**
 * While typing, only a number that is merely too short is let through (it is not finished yet);
 * anything else that is wrong (a letter, a number pasted from Excel as 2.30102E+17, a bad date or
 * checksum once 18 characters are in) is said at once. On leaving the field the length counts too,
 * and 15-digit legacy numbers are valid. An empty field is reported only on save, not merely for
 * clicking elsewhere. Use with `validateTrigger={['onChange', 'onBlur']}` and `validateFirst` on
 * the Form.Item, so that a full validation (on save) reports one message, not two.
 */
export const idNumberRules: FormRule[] = [
  // An empty trigger list: never on an event, only when the whole form is validated.
  { required: true, whitespace: true, message: '请填写身份证号', validateTrigger: [] },
  { validateTrigger: 'onBlur', validator: (_rule, value: unknown) => check(value, true) },
  { validateTrigger: 'onChange', validator: (_rule, value: unknown) => check(value, false) },
];

/** Problems a number still being typed can already have: no further typing will fix them. */
const SHAPE_PROBLEMS = new Set(['EXCEL_NUMBER', 'FORMAT']);

function check(value: unknown, complete: boolean): Promise<void> {
  const raw = typeof value === 'string' ? value : '';
  const length = normalizeIdNumber(raw).length;
  if (length === 0) return Promise.resolve();
  const parsed = parseIdNumber(raw);
  if (parsed.ok) return Promise.resolve();
  // Under 18 characters a date or length problem may just mean "not finished" (15 digits read as a legacy number).
  if (!complete && length < 18 && !SHAPE_PROBLEMS.has(parsed.problem)) return Promise.resolve();
  return Promise.reject(new Error(parsed.message));
}

/**
 * What the field shows: a pasted ' ２３０１０２ 1990 0307 123x' becomes '23010219900307123X' at once,
 * so the clerk sees the number that will be saved. For Form.Item `normalize`.
 */
export function normalizeIdNumberField(value: unknown): string {
  return typeof value === 'string' ? normalizeIdNumber(value) : '';
}

/** Full-width digits and spaces out of a pasted phone; dashes stay, so a landline reads as typed. */
export function normalizePhoneField(value: unknown): string {
  return typeof value === 'string' ? stripAllSpaces(toHalfWidth(value)) : '';
}
