/**
 * Errors as values for the staff API: services answer `StaffResult`, routes turn a failure into
 * `{ok:false,error:{code,message}}` with its HTTP status. Messages are Chinese, for the staff user.
 */
import type { FastifyReply } from 'fastify';

export const STAFF_ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  UNAVAILABLE: 503,
} as const;
export type StaffErrorCode = keyof typeof STAFF_ERROR_STATUS;

export interface StaffError {
  code: StaffErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type StaffResult<T> = { ok: true; data: T } | { ok: false; error: StaffError };

export const ok = <T>(data: T): StaffResult<T> => ({ ok: true, data });
export const fail = <T = never>(code: StaffErrorCode, message: string, details?: Record<string, unknown>): StaffResult<T> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

export const FORBIDDEN_MESSAGE = '无权查看或处理其他地市的数据';

export function sendStaffError(reply: FastifyReply, error: StaffError): FastifyReply {
  return reply.code(STAFF_ERROR_STATUS[error.code]).type('application/json').send({ ok: false, error });
}

/** Sends a result as JSON: `{ok:true,data}` or the error with its status. */
export function sendResult<T>(reply: FastifyReply, result: StaffResult<T>): FastifyReply {
  if (!result.ok) return sendStaffError(reply, result.error);
  return reply.code(200).type('application/json').send(result);
}
