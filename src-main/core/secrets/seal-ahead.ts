/**
 * An import's ID numbers and phones, sealed in a thread of their own while the commit builds and writes rows.
 *
 * Why: each seal sets up an AES-GCM cipher anew (Node has no way to reuse one with a fresh IV), ~6 us of the JS
 * thread and garbage for the collector, twice a trainee. In the commit the JS thread is the busy one (it builds the
 * rows while SQLite's thread writes the ones before), so two seals a row were most of what encryption added to an
 * import (docs/benchmarks.md, "Personal data at rest"). Sealed ahead in a worker, they cost the JS thread a message.
 *
 * The texts go to the worker in blocks at once; each block's answer is awaited only when its rows are built, and is
 * checked before it is used (every value sealed, the first and last opening to their own text). If the thread cannot
 * start, dies or answers wrongly, what it has not answered well is sealed on the calling thread: slower, never
 * lost, never written unsealed. Below
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

/** The cipher's own seal and open, for what the thread does not answer (or answers wrongly) and for checking it. */
export interface SealHere {
  seal(text: string): string;
  open(value: string): string;
  isSealed(value: string): boolean;
}

/**
 * Whether `sealed` is the thread's answer for `texts`: as many values, each sealed text, and the first and the last
 * opening to their own text (two opens a block of 2,000: a block answered for another block, or left clear, fails).
 */
function isAnswerFor(texts: readonly string[], sealed: unknown, here: SealHere): sealed is string[] {
  if (!Array.isArray(sealed) || sealed.length !== texts.length) return false;
  if (!sealed.every((value) => typeof value === 'string' && here.isSealed(value))) return false;
  try {
    return here.open(sealed[0] as string) === texts[0] && here.open(sealed[sealed.length - 1] as string) === texts[texts.length - 1];
  } catch {
    return false;
  }
}

export function sealAhead(sealKey: Buffer, texts: readonly string[], here: SealHere): SealedAhead {
  if (texts.length < SEAL_AHEAD_MIN_TEXTS) return sealedNow(texts.map((text) => here.seal(text)));
  const pending = new Map<number, Block>();
  const blocks: Array<Promise<string[]>> = [];
  for (let at = 0; at < texts.length; at += BLOCK_TEXTS) {
    const blockTexts = texts.slice(at, at + BLOCK_TEXTS);
    const answer = new Promise<string[]>((resolve, reject) => pending.set(blocks.length, { texts: blockTexts, resolve, reject }));
    // Rejected by close() (BulkCreator closes only once no prepare waits) or by a seal that threw here.
    answer.catch(() => undefined);
    blocks.push(answer);
  }
  let closed = false;
  /** One block sealed on this thread; in an event handler, so a throw rejects the block rather than escaping. */
  const sealBlockHere = (block: Block) => {
    try {
      block.resolve(block.texts.map((text) => here.seal(text)));
    } catch (error) {
      block.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  // What the thread will not answer is sealed here, in order.
  const sealRestHere = () => {
    if (closed) return;
    for (const block of pending.values()) sealBlockHere(block);
    pending.clear();
  };
  let worker: Worker | undefined;
  try {
    const entry = workerEntry(__dirname, 'seal-worker');
    const workerData: SealWorkerData = { sealKey: new Uint8Array(sealKey) };
    worker = new Worker(entry.script, { eval: entry.eval, workerData });
    // An import that forgot to close must not keep the app from quitting.
    worker.unref();
    worker.on('message', (message: unknown) => {
      const reply = (typeof message === 'object' && message !== null ? message : {}) as Partial<SealReply>;
      const index = typeof reply.block === 'number' ? reply.block : -1;
      const block = pending.get(index);
      if (!block) return;
      pending.delete(index);
      if (isAnswerFor(block.texts, reply.sealed, here)) return block.resolve(reply.sealed);
      // Not this block's answer: never written; this block is sealed here.
      sealBlockHere(block);
    });
    worker.on('error', sealRestHere);
    worker.on('exit', sealRestHere);
    for (const [index, block] of pending) worker.postMessage({ block: index, texts: block.texts } satisfies SealRequest);
  } catch {
    // No thread (a bundle without seal-worker.js): everything is sealed here.
    sealRestHere();
  }
  return {
    take: async (start, end) => {
      if (end <= start) return [];
      const first = Math.floor(start / BLOCK_TEXTS);
      const last = Math.floor((end - 1) / BLOCK_TEXTS);
      const offset = start - first * BLOCK_TEXTS;
      // A chunk of rows lies in one block but at a block's end.
      if (first === last) return (await blocks[first]!).slice(offset, offset + (end - start));
      const taken = await Promise.all(blocks.slice(first, last + 1));
      return taken.flat().slice(offset, offset + (end - start));
    },
    close: async () => {
      closed = true;
      for (const block of pending.values()) block.reject(new Error('The sealing thread was closed'));
      pending.clear();
      await worker?.terminate();
    },
  };
}
