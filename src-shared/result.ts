/**
 * The one shape every procedure answers with, over IPC and over HTTP alike.
 * Errors travel as values because Electron forwards only `message` of a thrown error.
 */
import type { ErrorCode } from './errors';

export interface AppErrorBody {
  code: ErrorCode;
  /** Chinese, for the clerk: what is wrong and what to do. */
  message: string;
  details?: unknown;
}

export type RpcResult<T = unknown> = { ok: true; data: T } | { ok: false; error: AppErrorBody };
