/** Form rules of the PIN fields (setup, lock screen, change PIN): the rule of the settings, and typing it twice. */
import type { FormRule } from 'antd';
import { pinProblem, type PinPolicy } from '../../../src-shared/domain/operator-pin';

export function pinRuleText(policy: PinPolicy): string {
  return `至少 ${policy.minLength} 位${policy.allowLetters ? '' : '数字'}，不能全是同一个字符，也不能是连续的（如 111111、123456）`;
}

/** Judged in the form before the main side judges it again. */
export function pinPolicyRule(policy: PinPolicy): FormRule {
  return {
    validator: async (_rule, value?: string) => {
      const problem = value ? pinProblem(value, policy) : null;
      if (problem) throw new Error(problem);
    },
  };
}

/** The second entry must equal the field `of`. */
export function sameAsRule(of: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value?: string) => {
      if (value && value !== getFieldValue(of)) throw new Error('两次输入的 PIN 不一致');
    },
  });
}
