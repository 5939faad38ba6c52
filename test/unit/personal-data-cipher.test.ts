/**
 * The PC's personal-data cipher (issue #19 item 1): every seal has its own IV (now cut from a pool of random bytes,
 * docs/benchmarks.md), across pool refills too; a value opens only under its key and unaltered; blind indexes are
 * equal for equal inputs and differ per kind.
 */
import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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

it('indexes every value the store writes by the block cipher, anything else by HMAC, and never two values alike', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  // What the store indexes: ID numbers (with an X), their tails, mobiles, landlines with their dash, their tails.
  const values = [ID, '23010219900101123X', '1234', '01234', '123456', '13812345678', '0451-12345678', '5678'];
  // Edge cases of the packing: leading zeros, a lone X, lengths 0 and 28 (the last that fits), and values that do
  // not fit one block (29 characters; a character outside the packed set) and go by HMAC.
  const edges = ['0', '00', '1', '10', '01', 'X', '', '1'.repeat(28), '1'.repeat(29), 'abc', '1234x', '１２３４'];
  const kinds = ['id_hash', 'id_tail4_hash', 'id_tail5_hash', 'id_tail6_hash', 'phone_hash', 'phone_tail4_hash'] as const;
  const seen = new Map<string, string>();
  for (const kind of kinds) {
    for (const value of [...values, ...edges]) {
      const index = cipher.index(kind, value);
      expect(index).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(cipher.index(kind, value)).toBe(index);
      expect(seen.get(index), `${kind} ${value}`).toBeUndefined();
      seen.set(index, `${kind} ${value}`);
    }
  }
  // The batch answers what one call at a time answers, in order, fitting and falling back mixed.
  expect(cipher.indexAll([['id_hash', ID], ['phone_hash', 'abc'], ['phone_tail4_hash', '5678']])).toEqual([cipher.index('id_hash', ID), cipher.index('phone_hash', 'abc'), cipher.index('phone_tail4_hash', '5678')]);
  expect(cipher.traineeIndexes(ID, '0451-12345678')).toEqual({
    ...cipher.idIndexes(ID),
    ...cipher.phoneIndexes('0451-12345678'),
  });
  expect(cipher.idIndexes(ID)).toEqual({ id_hash: cipher.index('id_hash', ID), id_tail4_hash: cipher.index('id_tail4_hash', '1234'), id_tail5_hash: cipher.index('id_tail5_hash', '11234'), id_tail6_hash: cipher.index('id_tail6_hash', '011234') });
});

it('keeps the stored format: a known block for a fitting value, the first scheme\'s HMAC for one that does not fit', () => {
  // A change here would leave every store's indexes unfindable: the scheme is pinned by an answer worked out apart.
  const dataKey = randomBytes(32);
  const cipher = new PersonalDataCipher(dataKey);
  const subkey = (purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `skills-desk ${purpose}`, 32));
  // Kind 5 (phone_hash), 13 characters, then one nibble a character (the dash is 0xB), padded with 0xF.
  const block = Buffer.from('050d' + '0451b12345678' + 'f'.repeat(15), 'hex');
  const aes = createCipheriv('aes-256-ecb', subkey('personal data blind index block v2'), null).setAutoPadding(false);
  expect(cipher.index('phone_hash', '0451-12345678')).toBe(aes.update(block).toString('base64url'));
  const hmac = createHmac('sha256', subkey('personal data blind index v1')).update('phone_hash\u0000+86 451').digest().subarray(0, 16).toString('base64url');
  expect(cipher.index('phone_hash', '+86 451')).toBe(hmac);
});
