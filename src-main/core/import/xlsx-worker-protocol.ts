/** Messages between the main thread (xlsx-in-worker.ts) and the parsing worker (xlsx-worker.ts). */
import type { XlsxLimits } from './limits';
import type { SheetPreview, SheetRow } from './sheet-source';

/** xlsx: streamed by exceljs; biff: .xls/.et parsed whole by SheetJS. */
export type WorkbookFormat = 'xlsx' | 'biff';

/** list: every sheet with its head (answered by one `sheets` message); rows: the rows of one sheet (1-based tab number). */
export type WorkerJob = { kind: 'list' } | { kind: 'rows'; sheet: number };

/** read: do this job on this file (one read at a time per worker); more: one more chunk of that read may be sent. */
export type ToWorker =
  | { type: 'read'; read: number; file: string; format: WorkbookFormat; job: WorkerJob; limits: XlsxLimits }
  | { type: 'more'; read: number };

export type FromWorker =
  | { type: 'rows'; read: number; rows: SheetRow[] }
  | { type: 'sheets'; read: number; sheets: SheetPreview[] }
  | { type: 'end'; read: number }
  /** message: Chinese, for the clerk; detail: English, the cause. */
  | { type: 'error'; read: number; message: string; detail: string };

export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const { type, read } = value as { type?: unknown; read?: unknown };
  if (typeof read !== 'number') return false;
  if (type === 'rows') return Array.isArray((value as { rows?: unknown }).rows);
  if (type === 'sheets') return Array.isArray((value as { sheets?: unknown }).sheets);
  if (type === 'error') return typeof (value as { message?: unknown }).message === 'string';
  return type === 'end';
}
