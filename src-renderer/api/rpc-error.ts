import type { ErrorCode, FieldProblem } from '../../src-shared/errors';
import type { AppErrorBody } from '../../src-shared/result';

/** A failed procedure call as the UI sees it: a code to branch on and a Chinese message to show. */
export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Per-field problems of a VALIDATION error, empty otherwise. */
  readonly fields: FieldProblem[];

  constructor(body: AppErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.details = body.details;
    this.fields = fieldProblemsOf(body.details);
  }

  /** The id of the record that already exists, for CONFLICT errors that name one. */
  get existingId(): string | null {
    if (!isRecord(this.details)) return null;
    const id = this.details.existingId;
    return typeof id === 'string' ? id : null;
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return value instanceof RpcError;
}

/** The Chinese message of any error, so that a clerk never reads an English stack trace. */
export function messageOf(error: unknown): string {
  if (isRpcError(error)) return error.message;
  return '操作没有完成，请重试；如果一再出现，请联系技术支持。';
}

function fieldProblemsOf(details: unknown): FieldProblem[] {
  if (!isRecord(details) || !Array.isArray(details.fields)) return [];
  return details.fields.filter(
    (f): f is FieldProblem => isRecord(f) && typeof f.field === 'string' && typeof f.message === 'string',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
