/**
 * An import's ID numbers and phones, sealed in a thread of their own while the commit builds and writes rows.
 *
 * Why: each seal sets up an AES-GCM cipher anew (Node has no way to reuse one with a fresh IV), ~6 us of the JS
 * thread and garbage for the collector, twice a trainee. In the commit the JS thread is the busy one (it builds the
 * rows while SQLite's thread writes the ones before), so two seals a row were most of what encryption added to an
 * import (docs/benchmarks.md, "Personal data at rest"). Sealed ahead in a worker, they cost the JS thread a message.
 *
 * The texts go to the worker in blocks at once; each block's answer is awaited only when its rows are built. If the
 * thread cannot start or dies, what it has not answered is sealed on the calling thread: slower, never lost. Below
 * SEAL_AHEAD_MIN_TEXTS everything is sealed on the calling thread (starting a thread costs more than it saves).
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { SealReply, SealRequest, SealWorkerData } from './seal-worker-protocol';

/** 4,000 trainees: below, their seals take ~50 ms, about what starting the thread takes. */
export const SEAL_AHEAD_MIN_TEXTS = 8_000;
/** Texts a message: posting costs little next to sealing them, and the first chunk of rows waits for one block only. */
const BLOCK_TEXTS = 2_000;

export interface SealedAhead {
  /** The sealed texts [start, end), in order; waits where the thread is behind. */
  take(start: number, end: number): Promise<string[]>;
  /** Ends the thread (the import done, failed or cancelled). Safe to call twice. */
  close(): Promise<void>;
}

/** Texts sealed already (or not sealed at all: the benchmarks' plain variant). */
export function sealedNow(sealed: readonly string[]): SealedAhead {
  return { take: async (start, end) => sealed.slice(start, end), close: async () => undefined };
}

interface Block {
  texts: string[];
  resolve: (sealed: string[]) => void;
  reject: (reason: Error) => void;
}

export function sealAhead(sealKey: Buffer, texts: readonly string[], sealHere: (text: string) => string): SealedAhead {
  if (texts.length < SEAL_AHEAD_MIN_TEXTS) return sealedNow(texts.map(sealHere));
  const pending = new Map<number, Block>();
  const answers: Array<Promise<string[]>> = [];
  for (let at = 0; at < texts.length; at += BLOCK_TEXTS) {
    const blockTexts = texts.slice(at, at + BLOCK_TEXTS);
    const answer = new Promise<string[]>((resolve, reject) => pending.set(answers.length, { texts: blockTexts, resolve, reject }));
    // Rejected only by close(), when nobody waits for it any more.
    answer.catch(() => undefined);
    answers.push(answer);
  }
  let closed = false;
  // What the thread will not answer is sealed here, in order.
  const sealRestHere = () => {
    if (closed) return;
    for (const block of pending.values()) block.resolve(block.texts.map(sealHere));
    pending.clear();
  };
  let worker: Worker | undefined;
  try {
    const entry = workerEntry(__dirname, 'seal-worker');
    const workerData: SealWorkerData = { sealKey: new Uint8Array(sealKey) };
    worker = new Worker(entry.script, { eval: entry.eval, workerData });
    // An import that forgot to close must not keep the app from quitting.
    worker.unref();
    worker.on('message', (reply: SealReply) => {
      const block = pending.get(reply.block);
      if (!block) return;
      pending.delete(reply.block);
      // An answer of the wrong length is no answer: this block is sealed here.
      block.resolve(Array.isArray(reply.sealed) && reply.sealed.length === block.texts.length ? reply.sealed : block.texts.map(sealHere));
    });
    worker.on('error', sealRestHere);
    worker.on('exit', sealRestHere);
    for (const [index, block] of pending) worker.postMessage({ block: index, texts: block.texts } satisfies SealRequest);
  } catch {
    sealRestHere();
  }
  return {
    take: async (start, end) => {
      if (end <= start) return [];
      const first = Math.floor(start / BLOCK_TEXTS);
      const last = Math.floor((end - 1) / BLOCK_TEXTS);
      const offset = start - first * BLOCK_TEXTS;
      // A chunk of rows lies in one block but at a block's end.
      if (first === last) return (await answers[first]!).slice(offset, offset + (end - start));
      const blocks = await Promise.all(answers.slice(first, last + 1));
      return blocks.flat().slice(offset, offset + (end - start));
    },
    close: async () => {
      closed = true;
      for (const block of pending.values()) block.reject(new Error('The sealing thread was closed'));
      pending.clear();
      await worker?.terminate();
    },
  };
}
