/**
 * Reads an .xlsx, .xls or .et in a worker thread with resource limits, so that whatever the file does to the parser (a bomb past
 * every check, a bug in exceljs) it can only kill that thread: the app (Electron's main process in the window)
 * stays up and the clerk gets a Chinese message. Rows arrive in chunks and are yielded one by one; stopping the
 * iteration early (a cancel, an error) terminates the worker. A worker that read a file to its end is kept for the
 * next one: starting a thread and loading exceljs costs ~0.5 s, and a fresh thread parses on cold code (measured:
 * 100,000 rows in 2.1-3.1 s in a fresh worker against 1.6 s warm).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import { ImportCancelled } from './cancelled';
import { XLSX_CRASHED, XLSX_LIMITS, type XlsxLimits } from './limits';
import { UnreadableFileError, type SheetPreview, type SheetRow } from './sheet-source';
import { isFromWorker, type FromWorker, type ToWorker, type WorkbookFormat, type WorkerJob } from './xlsx-worker-protocol';

export interface XlsxWorkerOptions {
  limits?: XlsxLimits;
  /** Replaces the default limits (heap of XlsxLimits.workerHeapMb); tests pass tiny ones to see a worker die. */
  resourceLimits?: ResourceLimits;
  /** Asked while waiting for the worker: a cancel must not wait for a slow shared-strings table to finish. */
  isCancelled?: () => boolean;
}

const CANCEL_POLL_MS = 100;

let reads = 0;
/** Workers with the default limits, between reads: the next file starts at once and runs on warm compiled code. */
const idle = new Set<Worker>();
const idleTimers = new Map<Worker, NodeJS.Timeout>();
/** An idle worker holds ~30 MB; one not used for a minute is let go. */
const IDLE_MS = 60_000;

function spawn(resourceLimits: ResourceLimits): Worker {
  const entry = workerEntry(__dirname, 'xlsx-worker');
  const worker = new Worker(entry.script, { eval: entry.eval, resourceLimits });
  // Always listened to: an 'error' nobody listens to would be thrown in the app's main thread.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    idle.delete(worker);
    clearTimeout(idleTimers.get(worker));
    idleTimers.delete(worker);
  });
  return worker;
}

function take(resourceLimits: ResourceLimits | null): Worker {
  if (resourceLimits) return spawn(resourceLimits);
  const [worker] = idle;
  if (!worker) return spawn({ maxOldGenerationSizeMb: XLSX_LIMITS.workerHeapMb });
  idle.delete(worker);
  clearTimeout(idleTimers.get(worker));
  idleTimers.delete(worker);
  worker.ref();
  return worker;
}

function putBack(worker: Worker): void {
  // Unreferenced while idle: a CLI run or a test ends without waiting for it.
  worker.unref();
  idle.add(worker);
  idleTimers.set(
    worker,
    setTimeout(() => void worker.terminate(), IDLE_MS),
  );
  idleTimers.get(worker)!.unref();
}

/** What a job sends back before its end: chunks of rows, or the one list of sheets. */
type Answer = Extract<FromWorker, { type: 'rows' | 'sheets' }>;

async function* converse(file: string, format: WorkbookFormat, job: WorkerJob, options: XlsxWorkerOptions): AsyncGenerator<Answer> {
  const limits = options.limits ?? XLSX_LIMITS;
  // Workers with other resource limits (tests) are used once: the pool holds only the default kind.
  const custom = options.resourceLimits ?? (limits.workerHeapMb !== XLSX_LIMITS.workerHeapMb ? { maxOldGenerationSizeMb: limits.workerHeapMb } : null);
  const worker = take(custom);
  const read = (reads += 1);
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let finished = false;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const onMessage = (message: unknown) => {
    if (!isFromWorker(message)) inbox.push({ type: 'error', read, message: XLSX_CRASHED, detail: 'unexpected message from the worker' });
    else if (message.read === read) inbox.push(message);
    notify();
  };
  // ERR_WORKER_OUT_OF_MEMORY, or anything else that kills the thread: the file could not be read, and says so.
  const onError = (error: Error) => {
    failure ??= new UnreadableFileError(XLSX_CRASHED, { cause: error });
    notify();
  };
  const onExit = (code: number) => {
    failure ??= new UnreadableFileError(XLSX_CRASHED, { cause: new Error(`xlsx worker exited with code ${code}`) });
    notify();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  try {
    worker.postMessage({ type: 'read', read, file, format, job, limits } satisfies ToWorker);
    for (;;) {
      while (inbox.length === 0 && failure === null) {
        if (options.isCancelled?.()) throw new ImportCancelled();
        await new Promise<void>((resolve) => {
          const poll = setTimeout(notify, CANCEL_POLL_MS);
          wake = () => {
            clearTimeout(poll);
            resolve();
          };
        });
      }
      const message = inbox.shift();
      if (!message) throw failure!;
      if (message.type === 'end') {
        finished = true;
        return;
      }
      if (message.type === 'error') throw new UnreadableFileError(message.message, { cause: new Error(message.detail) });
      // Asked for at once, so the worker parses the next chunk while this one is checked.
      worker.postMessage({ type: 'more', read } satisfies ToWorker);
      yield message;
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // Only a worker that read a file to its end is kept; one stopped midway (cancel, error) is ended. So is one that
    // read an .xls's rows: SheetJS parsed the whole file in its heap (~250 MB live for 65,000 rows), which an idle
    // thread never collects nor gives back, and the import's commit comes next (docs/benchmarks.md). A sheet
    // listing keeps its worker: the rows of the chosen sheet are read next from the book it parsed.
    const heavy = format === 'biff' && job.kind === 'rows';
    if (finished && custom === null && failure === null && !heavy) putBack(worker);
    else await worker.terminate();
  }
}

/** Rows of one sheet (1-based tab number) of an .xlsx ('xlsx') or .xls/.et ('biff') file. */
export async function* readWorkbookInWorker(file: string, format: WorkbookFormat, sheet: number, options: XlsxWorkerOptions = {}): AsyncGenerator<SheetRow> {
  for await (const answer of converse(file, format, { kind: 'rows', sheet }, options)) {
    if (answer.type === 'rows') yield* answer.rows;
  }
}

/** The rows of an .xlsx's first sheet. */
export function readXlsxInWorker(file: string, options: XlsxWorkerOptions = {}): AsyncGenerator<SheetRow> {
  return readWorkbookInWorker(file, 'xlsx', 1, options);
}

/** Every sheet of the workbook with its first rows, for the sheet choice. */
export async function listSheetsInWorker(file: string, format: WorkbookFormat, options: XlsxWorkerOptions = {}): Promise<SheetPreview[]> {
  let sheets: SheetPreview[] = [];
  for await (const answer of converse(file, format, { kind: 'list' }, options)) {
    if (answer.type === 'sheets') sheets = answer.sheets;
  }
  return sheets;
}
