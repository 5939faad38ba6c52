import type { FormRule } from 'antd';
import { DATE_FORMATS_HINT, parseTypedDate } from '../../src-shared/domain/typed-date';

/**
 * The rules of a DateInput field: required (or not), and a date the shared reader understands. Warnings that need
 * confirming (before the campaign, in the future, ages) are added by the form as `warningOnly` rules.
 */
export function dateFieldRules(label: string, options: { required: boolean }): FormRule[] {
  return [
    ...(options.required ? [{ required: true, whitespace: true, message: `请填写${label}，${DATE_FORMATS_HINT}` }] : []),
    {
      validator: (_rule, value: unknown) => {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text === '' || parseTypedDate(text)) return Promise.resolve();
        return Promise.reject(new Error(`${label}“${text}”不是有效日期，${DATE_FORMATS_HINT}`));
      },
    },
  ];
}

/** A `warningOnly` rule whose warnings come from `check` (the date is already known to parse when it runs). */
export function dateWarningRule(check: (iso: string) => string[]): FormRule {
  return {
    warningOnly: true,
    validator: (_rule, value: unknown) => {
      const iso = typeof value === 'string' ? parseTypedDate(value) : null;
      const warnings = iso ? check(iso) : [];
      return warnings.length === 0 ? Promise.resolve() : Promise.reject(new Error(warnings.join('；')));
    },
  };
}
