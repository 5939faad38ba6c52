/**
 * Reads an .xlsx in a worker thread with resource limits, so that whatever the file does to the parser (a bomb past
 * every check, a bug in exceljs) it can only kill that thread: the app (Electron's main process in the window)
 * stays up and the clerk gets a Chinese message. Rows arrive in chunks and are yielded one by one; stopping the
 * iteration (a cancel, an error, the end) terminates the worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ImportCancelled } from './cancelled';
import { XLSX_CRASHED, XLSX_LIMITS, type XlsxLimits } from './limits';
import { UnreadableFileError, type SheetRow } from './sheet-source';
import { isFromWorker, type FromWorker, type ToWorker, type WorkerInput } from './xlsx-worker-protocol';

export interface XlsxWorkerOptions {
  limits?: XlsxLimits;
  /** Replaces the default limits (heap of XlsxLimits.workerHeapMb); tests pass tiny ones to see a worker die. */
  resourceLimits?: ResourceLimits;
  /** Asked while waiting for the worker: a cancel must not wait for a slow shared-strings table to finish. */
  isCancelled?: () => boolean;
}

const CANCEL_POLL_MS = 100;

/**
 * Where the worker's code is: compiled next to this file (dist/ by tsc, or a bundle that emits xlsx-worker.js
 * beside itself, as test/bench/import-bench.ts does), or, when this file runs as TypeScript (vitest, tsx), the
 * source, required through tsx's CommonJS hook from a two-line script (`--import tsx` in a worker's execArgv does
 * not reach the worker's loader on Node 20: ERR_UNKNOWN_FILE_EXTENSION).
 */
function workerEntry(): { script: string; eval: boolean } {
  const compiled = path.join(__dirname, 'xlsx-worker.js');
  if (fs.existsSync(compiled)) return { script: compiled, eval: false };
  const source = path.join(__dirname, 'xlsx-worker.ts');
  if (fs.existsSync(source)) {
    const tsx = createRequire(__filename).resolve('tsx/cjs/api');
    return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  throw new Error(`xlsx-worker.js is missing beside ${__dirname}: a bundle must emit it next to the code that reads .xlsx files`);
}

export async function* readXlsxInWorker(file: string, options: XlsxWorkerOptions = {}): AsyncGenerator<SheetRow> {
  const limits = options.limits ?? XLSX_LIMITS;
  const entry = workerEntry();
  const input: WorkerInput = { file, limits };
  const worker = new Worker(entry.script, {
    eval: entry.eval,
    workerData: input,
    resourceLimits: options.resourceLimits ?? { maxOldGenerationSizeMb: limits.workerHeapMb },
  });
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: unknown) => {
    inbox.push(isFromWorker(message) ? message : { type: 'error', message: XLSX_CRASHED, detail: 'unexpected message from the worker' });
    notify();
  });
  // ERR_WORKER_OUT_OF_MEMORY, or anything else that kills the thread: the file could not be read, and says so.
  worker.on('error', (error: Error) => {
    failure ??= new UnreadableFileError(XLSX_CRASHED, { cause: error });
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new UnreadableFileError(XLSX_CRASHED, { cause: new Error(`xlsx worker exited with code ${code}`) });
    notify();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === null) {
        if (options.isCancelled?.()) throw new ImportCancelled();
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(notify, CANCEL_POLL_MS).unref();
        });
      }
      const message = inbox.shift();
      if (!message) throw failure!;
      if (message.type === 'end') return;
      if (message.type === 'error') throw new UnreadableFileError(message.message, { cause: new Error(message.detail) });
      // Asked for at once, so the worker parses the next chunk while this one is checked.
      worker.postMessage({ type: 'more' } satisfies ToWorker);
      yield* message.rows;
    }
  } finally {
    await worker.terminate();
  }
}
