/**
 * An import's numbers sealed in a thread of their own (src-main/core/secrets/seal-ahead.ts): every text comes back
 * sealed, in order, opening to itself under the store's cipher, whatever ranges are taken; a thread that dies (at
 * once or half-way) or answers wrongly (other numbers, another block's) costs speed only: what it did not answer well
 * is sealed on the calling thread; below the threshold no thread is started.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it, vi } from 'vitest';
import { PersonalDataCipher } from '../../src-main/core/secrets/personal-data';
import { SEAL_AHEAD_MIN_TEXTS, sealAhead } from '../../src-main/core/secrets/seal-ahead';

afterEach(() => {
  vi.restoreAllMocks();
});

const texts = (count: number) => Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `230102199001${String(i).padStart(6, '0')}` : `136${String(i).padStart(8, '0')}`));

/** The cipher's seal and open, counting the seals done on this thread. */
function countingHere(cipher: PersonalDataCipher, counted: () => void) {
  return {
    seal: (text: string) => {
      counted();
      return cipher.seal(text);
    },
    open: (value: string) => cipher.open(value),
    isSealed: (value: string) => value.startsWith('pd1:'),
  };
}

/** The data key's seal subkey, as PersonalDataCipher derives it, read through its own sealAhead. */
function cipherAndKey(): { cipher: PersonalDataCipher; sealKey: Buffer } {
  const cipher = new PersonalDataCipher(randomBytes(32));
  return { cipher, sealKey: (cipher as unknown as { sealKey: Buffer }).sealKey };
}

it('seals every text in a worker thread, in order, across block boundaries, each opening to itself', async () => {
  const { cipher } = cipherAndKey();
  const clear = texts(SEAL_AHEAD_MIN_TEXTS + 4321);
  const started = vi.spyOn(Worker.prototype, 'postMessage');
  const ahead = cipher.sealAhead(clear);
  try {
    // Uneven ranges, one across the 2,000-text block boundaries, one empty, the tail.
    const ranges: Array<[number, number]> = [[0, 200], [200, 1999], [1999, 4001], [4001, 4001], [4001, clear.length]];
    const sealed = (await Promise.all(ranges.map(([start, end]) => ahead.take(start, end)))).flat();
    expect(started).toHaveBeenCalled();
    expect(sealed).toHaveLength(clear.length);
    expect(sealed.every((value) => value.startsWith('pd1:'))).toBe(true);
    expect(new Set(sealed).size).toBe(clear.length);
    expect(sealed.map((value) => cipher.open(value))).toEqual(clear);
  } finally {
    await ahead.close();
  }
});

type Request = { block: number; texts: string[] };
type Intercept = (worker: Worker, message: Request, post: (message: Request) => void) => void;

/**
 * `count` texts sealed through a thread whose requests `intercept` sees first (it may pass them on, alter them, or
 * end the thread): every value must open to its own text, in order; answers how many were sealed on this thread.
 */
async function sealedHereThrough(count: number, intercept: Intercept): Promise<number> {
  const { cipher, sealKey } = cipherAndKey();
  const clear = texts(count);
  const post = Worker.prototype.postMessage;
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, message: Request) {
    intercept(this, message, (passed) => post.call(this, passed));
  });
  let sealedHere = 0;
  const ahead = sealAhead(sealKey, clear, countingHere(cipher, () => sealedHere++));
  try {
    const sealed = await ahead.take(0, clear.length);
    expect(sealed.map((value) => cipher.open(value))).toEqual(clear);
    return sealedHere;
  } finally {
    await ahead.close();
  }
}

it('seals what a dead thread left on the calling thread: nothing lost, nothing out of order', async () => {
  // The thread is killed as soon as it starts: all its blocks are sealed here instead.
  const count = SEAL_AHEAD_MIN_TEXTS * 2;
  expect(await sealedHereThrough(count, (worker) => void worker.terminate())).toBe(count);
});

it('takes no wrong answer: a block sealed for other numbers, or answered with another block\'s, is sealed here', async () => {
  // Five blocks of 2,000. The thread is asked about other numbers for block 1, and blocks 2 and 3 are asked for
  // under each other's number: those three are sealed here, 0 and 4 by the thread.
  const here = await sealedHereThrough(SEAL_AHEAD_MIN_TEXTS + 2000, (_worker, message, post) => {
    if (message.block === 1) return post({ block: 1, texts: message.texts.map((text) => `${text}0`) });
    if (message.block === 2 || message.block === 3) return post({ block: 5 - message.block, texts: message.texts });
    post(message);
  });
  expect(here).toBe(3 * 2000);
});

it('seals here what a thread that dies half-way left, after the blocks it answered', async () => {
  // Only blocks 0 and 1 reach the thread, which is ended once it has answered both.
  const here = await sealedHereThrough(SEAL_AHEAD_MIN_TEXTS + 2000, (worker, message, post) => {
    if (message.block >= 2) return;
    post(message);
    if (message.block !== 1) return;
    let answered = 0;
    worker.on('message', () => {
      if (++answered === 2) void worker.terminate();
    });
  });
  expect(here).toBe(3 * 2000);
});

it('starts no thread for a small batch: sealed at once on the calling thread', async () => {
  const { cipher } = cipherAndKey();
  const clear = texts(SEAL_AHEAD_MIN_TEXTS - 1);
  const started = vi.spyOn(Worker.prototype, 'postMessage');
  const ahead = cipher.sealAhead(clear);
  const sealed = await ahead.take(0, clear.length);
  await ahead.close();
  expect(started).not.toHaveBeenCalled();
  expect(sealed.map((value) => cipher.open(value))).toEqual(clear);
});
