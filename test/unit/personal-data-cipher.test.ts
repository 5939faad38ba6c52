/**
 * The PC's personal-data cipher (issue #19 item 1): every seal has its own IV (now cut from a pool of random bytes,
 * docs/benchmarks.md), across pool refills too; a value opens only under its key and unaltered; blind indexes are
 * equal for equal inputs and differ per kind.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { PersonalDataCipher } from '../../src-main/core/secrets/personal-data';

const ID = '230102199001011234';

it('gives every seal its own IV, across several refills of the IV pool, and opens each', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const ivs = new Set<string>();
  const count = 4096 * 3 + 17;
  for (let i = 0; i < count; i += 1) {
    const sealed = cipher.seal(ID);
    ivs.add(Buffer.from(sealed.slice('pd1:'.length), 'base64').subarray(0, 12).toString('hex'));
    if (i % 997 === 0) expect(cipher.open(sealed)).toBe(ID);
  }
  expect(ivs.size).toBe(count);
  const bytes = [cipher.sealBytes(Buffer.from(ID)), cipher.sealBytes(Buffer.from(ID))];
  expect(bytes[0]!.equals(bytes[1]!)).toBe(false);
  expect(cipher.openBytes(bytes[0]!).toString()).toBe(ID);
});

it('refuses a value sealed under another key or altered by one byte', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const sealed = cipher.seal(ID);
  expect(() => new PersonalDataCipher(randomBytes(32)).open(sealed)).toThrow();
  const raw = Buffer.from(sealed.slice(4), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => cipher.open(`pd1:${raw.toString('base64')}`)).toThrow();
});

it('indexes equal inputs equally, and the same digits differently per kind and per key', () => {
  const key = randomBytes(32);
  const a = new PersonalDataCipher(key);
  const b = new PersonalDataCipher(key);
  expect(a.idIndexes(ID)).toEqual(b.idIndexes(ID));
  expect(a.index('id_tail4_hash', '1234')).not.toBe(a.index('phone_tail4_hash', '1234'));
  expect(new PersonalDataCipher(randomBytes(32)).index('id_hash', ID)).not.toBe(a.index('id_hash', ID));
});
