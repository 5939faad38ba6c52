import type { FormRule } from 'antd';
import { parsePhone } from '../../../src-shared/domain/phone';

/** The same checks as the contract's, run in the form so the clerk hears about them at once. */
export const nameRules: FormRule[] = [
  { required: true, whitespace: true, message: '请填写姓名' },
  { pattern: /^[^0-9@#$%^&*=<>]*$/, message: '姓名中不能有数字或符号' },
];

/** Checked on leaving the field; an empty field only on save (see idNumberRules). */
export const phoneRules: FormRule[] = [
  { required: true, whitespace: true, message: '请填写联系电话', validateTrigger: [] },
  {
    validateTrigger: 'onBlur',
    validator: (_rule, value: unknown) => {
      const raw = typeof value === 'string' ? value : '';
      if (raw.trim() === '') return Promise.resolve();
      const parsed = parsePhone(raw);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
    },
  },
];
