import type { FormInstance } from 'antd';

/**
 * Validates the whole form; on failure puts the cursor into the first wrong field, so a clerk who
 * pressed Ctrl+S with the hands on the keyboard can go on typing where the problem is.
 */
export async function validateOrFocus<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (failure) {
    const first = firstErrorField(failure);
    if (first) form.scrollToField(first, { block: 'center', focus: true });
    return null;
  }
}

function firstErrorField(failure: unknown): (string | number)[] | null {
  if (typeof failure !== 'object' || failure === null || !('errorFields' in failure)) return null;
  const fields = failure.errorFields;
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const name: unknown = fields[0]?.name;
  return Array.isArray(name) ? name.filter((part): part is string | number => typeof part !== 'object') : null;
}
