import type { FormRule } from 'antd';
import { normalizeIdNumber, parseIdNumber } from '../../../src-shared/domain/id-card';

/**
 * While typing, the number is judged only once it has 18 characters (a shorter one is simply not
 * finished); on leaving the field it is judged whatever its length, because 15-digit legacy numbers
 * are valid. Use with `validateTrigger={['onChange', 'onBlur']}` and `validateFirst` on the Form.Item,
 * so that a full validation (on save) reports one message, not two.
 */
export const idNumberRules: FormRule[] = [
  { validateTrigger: 'onBlur', validator: (_rule, value: unknown) => check(value, true) },
  { validateTrigger: 'onChange', validator: (_rule, value: unknown) => check(value, false) },
];

function check(value: unknown, complete: boolean): Promise<void> {
  const raw = typeof value === 'string' ? value : '';
  const normalized = normalizeIdNumber(raw);
  if (normalized === '') return complete ? Promise.reject(new Error('请填写身份证号')) : Promise.resolve();
  if (!complete && normalized.length < 18) return Promise.resolve();
  const parsed = parseIdNumber(raw);
  return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
}
