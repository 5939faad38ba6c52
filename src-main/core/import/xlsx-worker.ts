/**
 * The worker thread that parses an .xlsx (started by xlsx-in-worker.ts, never imported by the app itself): a file
 * that needs more memory than the worker's resource limits kills this thread, not the app. Rows go back in chunks;
 * at most AHEAD chunks are in flight, each further one waits for the main thread's `more`, so a reader slower than
 * the parse (store lookups) never queues a whole sheet in the main thread's memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { XLSX_DAMAGED, type XlsxLimits } from './limits';
import { UnreadableFileError, type SheetRow } from './sheet-source';
import type { FromWorker, ToWorker, WorkerInput } from './xlsx-worker-protocol';
import { readXlsxRows } from './xlsx-reader';

const CHUNK = 1000;
const AHEAD = 4;

const port = parentPort!;
let credit = AHEAD;
let wake: (() => void) | null = null;

port.on('message', (message: ToWorker) => {
  if (message.type !== 'more') return;
  credit += 1;
  wake?.();
  wake = null;
});

function post(message: FromWorker): void {
  port.postMessage(message);
}

async function send(rows: SheetRow[]): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  post({ type: 'rows', rows });
}

async function run({ file, limits }: WorkerInput): Promise<void> {
  let batch: SheetRow[] = [];
  for await (const row of readXlsxRows(file, limits as XlsxLimits)) {
    batch.push(row);
    if (batch.length >= CHUNK) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
  post({ type: 'end' });
}

run(workerData as WorkerInput).catch((error: unknown) => {
  // Every failure of the parse (a truncated zip, bad XML, a limit) is "this file cannot be read": the message is
  // the Chinese one for the clerk; the cause stays in the English detail for the log.
  const message = error instanceof UnreadableFileError ? error.message : XLSX_DAMAGED;
  post({ type: 'error', message, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
});
