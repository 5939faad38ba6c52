/** Messages between the main thread (xlsx-in-worker.ts) and the parsing worker (xlsx-worker.ts). */
import type { XlsxLimits } from './limits';
import type { SheetRow } from './sheet-source';

export interface WorkerInput {
  file: string;
  limits: XlsxLimits;
}

/** One more chunk may be sent. */
export type ToWorker = { type: 'more' };

export type FromWorker =
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'end' }
  /** message: Chinese, for the clerk; detail: English, the cause. */
  | { type: 'error'; message: string; detail: string };

export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  if (type === 'rows') return Array.isArray((value as { rows?: unknown }).rows);
  if (type === 'error') return typeof (value as { message?: unknown }).message === 'string';
  return type === 'end';
}
