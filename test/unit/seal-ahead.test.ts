/**
 * An import's numbers sealed in a thread of their own (src-main/core/secrets/seal-ahead.ts): every text comes back
 * sealed, in order, opening to itself under the store's cipher, whatever ranges are taken; a thread that dies (or
 * answers wrongly) costs speed only, what it left is sealed on the calling thread; below the threshold no thread is
 * started.
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

it('seals what a dead thread left on the calling thread: nothing lost, nothing out of order', async () => {
  const { cipher, sealKey } = cipherAndKey();
  const clear = texts(SEAL_AHEAD_MIN_TEXTS * 2);
  // The thread is killed as soon as it starts: its blocks are sealed here instead.
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker) {
    void this.terminate();
  });
  let sealedHere = 0;
  const ahead = sealAhead(sealKey, clear, (text) => {
    sealedHere++;
    return cipher.seal(text);
  });
  try {
    const sealed = await ahead.take(0, clear.length);
    expect(sealedHere).toBe(clear.length);
    expect(sealed.map((value) => cipher.open(value))).toEqual(clear);
  } finally {
    await ahead.close();
  }
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
