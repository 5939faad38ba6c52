import type { FormInstance } from 'antd';
import { RpcError } from '../api/rpc-error';

/**
 * Puts each field problem of a VALIDATION answer under its form field. Returns the problems that
 * match no field of this form, so the caller can show them in a message instead of losing them.
 * `prefix` strips the wrapper of nested inputs such as `patch.` in `trainees.update`.
 */
export function showFieldErrors(form: FormInstance, error: RpcError, knownFields: readonly string[], prefix = ''): string[] {
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.fields) {
    const field = problem.field.startsWith(prefix) ? problem.field.slice(prefix.length) : problem.field;
    if (knownFields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    else unmatched.push(problem.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = byField.keys().next();
  if (!first.done) form.scrollToField(first.value, { block: 'center', focus: true });
  return unmatched;
}
