import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { isRpcError, messageOf, type RpcError } from '../api/rpc-error';

/**
 * Shows a failed save where the clerk looks: each field problem of a VALIDATION answer under its
 * field (problems naming no field of this form, and every other error, in a message at the top).
 * `prefix` strips the wrapper of nested inputs such as `patch.` in `trainees.update`.
 */
export function reportFormError(
  error: unknown,
  form: FormInstance,
  fields: readonly string[],
  message: MessageInstance,
  prefix = '',
): void {
  if (isRpcError(error) && error.code === 'VALIDATION' && error.fields.length > 0) {
    const unmatched = showFieldErrors(form, error, fields, prefix);
    if (unmatched.length > 0) void message.error(unmatched.join('；'));
    return;
  }
  void message.error(messageOf(error));
}

/** Puts the problems under their fields and returns the messages that match no field of the form. */
function showFieldErrors(form: FormInstance, error: RpcError, fields: readonly string[], prefix: string): string[] {
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.fields) {
    const field = problem.field.startsWith(prefix) ? problem.field.slice(prefix.length) : problem.field;
    if (fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    else unmatched.push(problem.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = byField.keys().next();
  if (!first.done) form.scrollToField(first.value, { block: 'center', focus: true });
  return unmatched;
}
