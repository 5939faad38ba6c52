/**
 * The worker thread that parses .xlsx, .xls and .et files (started by xlsx-in-worker.ts, never imported by the app itself): a
 * file that needs more memory than the worker's resource limits kills this thread, not the app. The thread is kept
 * for the next file (its compiled code stays warm), reading one file at a time. Rows go back in chunks; at most
 * AHEAD chunks are in flight, each further one waits for the main thread's `more`, so a reader slower than the
 * parse (store lookups) never queues a whole sheet in the main thread's memory.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { BIFF_DAMAGED, XLSX_DAMAGED } from './limits';
import { UnreadableFileError, type SheetRow } from './sheet-source';
import type { FromWorker, ToWorker } from './xlsx-worker-protocol';
import { listXlsxSheets, readXlsxRows } from './xlsx-reader';

const CHUNK = 1000;
const AHEAD = 4;

const port = parentPort!;
let current = 0;
let credit = 0;
let wake: (() => void) | null = null;

function post(message: FromWorker): void {
  port.postMessage(message);
}

async function send(read: number, rows: SheetRow[]): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  post({ type: 'rows', read, rows });
}

// SheetJS is loaded only for an .xls/.et: it is several MB of code, and an .xlsx read must fit the same small
// worker heap as before (test/security/xlsx-bomb.test.ts reads a roster within 16 MB). Loaded through require, not
// import(): under vitest the worker runs the TypeScript source through tsx's CommonJS hook only, and a dynamic
// import() there goes to Node's ESM resolver, which cannot find the extensionless './biff-reader'.
type BiffReader = typeof import('./biff-reader');
let biffReader: BiffReader | null = null;
const biff = async (): Promise<BiffReader> => (biffReader ??= createRequire(__filename)('./biff-reader') as BiffReader);

async function run({ read, file, format, job, limits }: Extract<ToWorker, { type: 'read' }>): Promise<void> {
  if (job.kind === 'list') {
    const sheets = format === 'biff' ? (await biff()).listBiffSheets(file) : await listXlsxSheets(file, limits);
    post({ type: 'sheets', read, sheets });
    post({ type: 'end', read });
    return;
  }
  let batch: SheetRow[] = [];
  const rows = format === 'biff' ? (await biff()).readBiffRows(file, job.sheet) : readXlsxRows(file, limits, job.sheet);
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= CHUNK) {
      await send(read, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(read, batch);
  post({ type: 'end', read });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'more') {
    if (message.read !== current) return;
    credit += 1;
    wake?.();
    wake = null;
    return;
  }
  current = message.read;
  credit = AHEAD;
  run(message).catch((error: unknown) => {
    // Every failure of the parse (a truncated zip, bad XML, a limit) is "this file cannot be read": the message is
    // the Chinese one for the clerk; the cause stays in the English detail.
    const text = error instanceof UnreadableFileError ? error.message : message.format === 'biff' ? BIFF_DAMAGED : XLSX_DAMAGED;
    post({ type: 'error', read: message.read, message: text, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  });
});
