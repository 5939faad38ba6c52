import type { FormRule } from 'antd';
import { normalizeIdNumber, parseIdNumber } from '../../../src-shared/domain/id-card';

/**
 * While typing, the number is judged only once it has 18 characters (a shorter one is simply not
 * finished); on leaving the field it is judged whatever its length, because 15-digit legacy numbers
 * are valid. An empty field is reported only on save, not merely for clicking elsewhere.
 * Use with `validateTrigger={['onChange', 'onBlur']}` and `validateFirst` on the Form.Item, so that
 * a full validation (on save) reports one message, not two.
 */
export const idNumberRules: FormRule[] = [
  // An empty trigger list: never on an event, only when the whole form is validated.
  { required: true, whitespace: true, message: '请填写身份证号', validateTrigger: [] },
  { validateTrigger: 'onBlur', validator: (_rule, value: unknown) => check(value, true) },
  { validateTrigger: 'onChange', validator: (_rule, value: unknown) => check(value, false) },
];

function check(value: unknown, complete: boolean): Promise<void> {
  const raw = typeof value === 'string' ? value : '';
  const normalized = normalizeIdNumber(raw);
  if (normalized === '' || (!complete && normalized.length < 18)) return Promise.resolve();
  const parsed = parseIdNumber(raw);
  return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
}
