import { randomBytes } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7): 48 bits of milliseconds, then 74 bits that are a counter
 * started at a random value (RFC 9562 §6.2, monotonic random). New rows land at the end of their
 * indexes instead of on random pages, which keeps bulk writes fast at a million rows; ids made one
 * after another differ by one in their tail, which the sync wire format sends as a tiny delta
 * (src-shared/sync-wire.ts) instead of 74 random bits. Two processes collide only if their random
 * starting points fall within the number of ids they made, in the same millisecond: 2^74 apart.
 */
const RAND_A = 0x1000; // 12 bits
const HIGH = 0x40000000; // 30 bits of rand_b
const LOW = 0x100000000; // 32 bits of rand_b

let randA = 0;
let randHigh = 0;
let randLow = 0;

function seed(): void {
  const bytes = randomBytes(10);
  randA = bytes.readUInt16BE(0) % RAND_A;
  randHigh = bytes.readUInt32BE(2) % HIGH;
  randLow = bytes.readUInt32BE(6);
}
seed();

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

export function uuidV7(now: number = Date.now()): string {
  randLow++;
  if (randLow === LOW) {
    randLow = 0;
    randHigh++;
    if (randHigh === HIGH) {
      randHigh = 0;
      randA++;
      // The whole counter wrapped: start again from a fresh random point.
      if (randA === RAND_A) seed();
    }
  }
  const time = hex(now, 12).slice(-12);
  // The variant bits (10) sit above the 62 bits of rand_b.
  const variantHigh = hex((0x80000000 | randHigh) >>> 0, 8);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(randA, 3)}-${variantHigh.slice(0, 4)}-${variantHigh.slice(4)}${hex(randLow, 8)}`;
}
