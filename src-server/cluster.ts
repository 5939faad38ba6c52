/**
 * The server on several cores (node:cluster): the primary runs the migrations once, then forks the
 * workers, which share the listening port (the primary hands out connections round-robin). A worker
 * that dies is forked again after a backoff that doubles while workers keep dying young, so a crash
 * loop (say, the database is down) does not spin. SIGTERM/SIGINT stop the workers, then the primary.
 *
 * Everything a request needs that outlives it is in the database (devices, enrol codes, idempotency
 * keys, staff sessions and lockouts), so any worker can answer any request. What stays per worker is
 * documented in docs/server-operations.md: the in-memory rate-limit counters and the staff PDF printer.
 */
import cluster, { type Worker } from 'node:cluster';

/** Set in each worker's environment: its slot number, 1..N (kept across restarts), for the logs. */
export const WORKER_ENV = 'SKILLS_DESK_WORKER';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A worker that lived this long was healthy: the next restart waits initialMs again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/** What a worker tells the primary once it listens. */
export interface WorkerListening {
  type: 'skills-desk:listening';
  url: string;
}

export interface ClusterOptions {
  workers: number;
  /** One JSON log line (the primary has no Fastify logger). */
  log(entry: Record<string, unknown>): void;
  backoff?: Backoff;
}

export interface RunningCluster {
  /** The address, once the first worker listens; rejects if every worker exits before listening. */
  url: Promise<string>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

export function workerSlot(): number | null {
  const slot = Number(process.env[WORKER_ENV]);
  return cluster.isWorker && Number.isSafeInteger(slot) && slot > 0 ? slot : null;
}

function isListening(message: unknown): message is WorkerListening {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'skills-desk:listening';
}

/** In the primary: forks `workers` copies of this same command line and keeps them running. */
export function startCluster(options: ClusterOptions): RunningCluster {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const live = new Map<number, Worker>();
  const delays = new Map<number, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let everListened = false;
  let resolveUrl!: (url: string) => void;
  let rejectUrl!: (error: Error) => void;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => undefined); // the caller may only look at it later

  const fork = (slot: number): void => {
    const started = Date.now();
    const worker = cluster.fork({ [WORKER_ENV]: String(slot) });
    live.set(slot, worker);
    options.log({ event: 'cluster.worker.forked', slot, workerPid: worker.process.pid });
    worker.on('message', (message: unknown) => {
      if (!isListening(message)) return;
      everListened = true;
      resolveUrl(message.url);
    });
    worker.once('exit', (code, signal) => {
      live.delete(slot);
      if (stopping) return;
      // A worker that dies before any has listened is a start-up failure (port taken, database down):
      // report it as the single-process server would, instead of restarting forever.
      if (!everListened) {
        options.log({ event: 'cluster.worker.exited', slot, workerPid: worker.process.pid, code, signal, restartInMs: null });
        rejectUrl(new Error(`worker ${slot} exited before the server listened (code ${code}, signal ${signal}); see the log above`));
        return;
      }
      const lived = Date.now() - started;
      const previous = delays.get(slot);
      const delay = previous === undefined || lived >= backoff.stableMs ? backoff.initialMs : Math.min(previous * 2, backoff.maxMs);
      delays.set(slot, delay);
      options.log({ event: 'cluster.worker.exited', slot, workerPid: worker.process.pid, code, signal, restartInMs: delay });
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) fork(slot);
      }, delay);
      timers.add(timer);
    });
  };

  for (let slot = 1; slot <= options.workers; slot++) fork(slot);

  return {
    url,
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const exits = [...live.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const force = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
      options.log({ event: 'cluster.stopped' });
    },
  };
}

/** In a worker: tells the primary the address it listens on. */
export function announceListening(url: string): void {
  const message: WorkerListening = { type: 'skills-desk:listening', url };
  process.send?.(message);
}
