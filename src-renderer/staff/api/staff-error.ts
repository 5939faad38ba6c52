/** A refused or failed staff API call as the UI sees it: a code to branch on and a Chinese message to show. */
export class StaffApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StaffApiError';
  }

  /** Per-field problems of a VALIDATION answer. */
  get fields(): Array<{ field: string; message: string }> {
    const fields = this.details.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter((f): f is { field: string; message: string } => typeof f?.field === 'string' && typeof f?.message === 'string');
  }
}

export const OFFLINE_MESSAGE = '无法连接省服务器，请检查网络后重试。';

/** The Chinese message of any error: staff never read an English stack trace. */
export function staffMessageOf(error: unknown): string {
  if (error instanceof StaffApiError) {
    const fields = error.fields.map((f) => f.message).join('；');
    return fields && error.code === 'VALIDATION' ? `${error.message}：${fields}` : error.message;
  }
  return '操作没有完成，请重试；如果一再出现，请联系技术支持。';
}
