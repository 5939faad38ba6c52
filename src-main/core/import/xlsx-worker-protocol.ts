/** Messages between the main thread (xlsx-in-worker.ts) and the parsing worker (xlsx-worker.ts). */
import type { XlsxLimits } from './limits';
import type { SheetRow } from './sheet-source';

/** read: parse this file (one read at a time per worker); more: one more chunk of that read may be sent. */
export type ToWorker = { type: 'read'; read: number; file: string; limits: XlsxLimits } | { type: 'more'; read: number };

export type FromWorker =
  | { type: 'rows'; read: number; rows: SheetRow[] }
  | { type: 'end'; read: number }
  /** message: Chinese, for the clerk; detail: English, the cause. */
  | { type: 'error'; read: number; message: string; detail: string };

export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const { type, read } = value as { type?: unknown; read?: unknown };
  if (typeof read !== 'number') return false;
  if (type === 'rows') return Array.isArray((value as { rows?: unknown }).rows);
  if (type === 'error') return typeof (value as { message?: unknown }).message === 'string';
  return type === 'end';
}
