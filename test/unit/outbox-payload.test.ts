/**
 * How the outbox keeps an op's payload (src-main/core/secrets/outbox-payload.ts): a trainee's put carries its
 * numbers sealed with the row's own ciphertexts and nothing else sealed; every other op is sealed whole; payloads
 * of older stores (clear JSON, sealed whole) open as they are; a tampered number is refused; a damaged payload is
 * refused without quoting it; a number left clear is sealed by the store's sealing pass.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { PersonalDataCipher } from '../../src-main/core/secrets/personal-data';
import { openOutboxPayload, sealClearNumbers, sealOutboxPayload } from '../../src-main/core/secrets/outbox-payload';

const ID = '230102199001011234';
const PHONE = '13612345678';
const put = { id: 't1', countyCode: '230102', idNumber: ID, name: '张三', phone: PHONE, categories: ['poverty_registered'] };

it('keeps a trainee put with its numbers sealed, reusing the ciphertexts the row was given', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const row = { idNumber: cipher.seal(ID), phone: cipher.seal(PHONE) };
  const stored = sealOutboxPayload(cipher, 'trainee', 'put', put, row);
  expect(stored.startsWith('pf1:')).toBe(true);
  expect(stored).not.toContain(ID);
  expect(stored).not.toContain(PHONE);
  // The very values of the row: no second seal of the same number.
  expect(stored).toContain(row.idNumber);
  expect(stored).toContain(row.phone);
  expect(openOutboxPayload(cipher, stored)).toEqual(put);
});

it('seals the numbers itself when the row gave none', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const stored = sealOutboxPayload(cipher, 'trainee', 'put', put);
  expect(stored).not.toContain(ID);
  expect(stored).not.toContain(PHONE);
  expect(openOutboxPayload(cipher, stored)).toEqual(put);
});

it('seals every other op whole: patches, deletes and the ops of other records', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const cases = [
    ['trainee', 'patch', { phone: PHONE, name: '李四' }],
    ['trainee', 'delete', { reason: '重复登记 张三' }],
    ['enrolment', 'put', { traineeId: 't1', note: '张三' }],
  ] as const;
  for (const [entity, op, payload] of cases) {
    const stored = sealOutboxPayload(cipher, entity, op, payload);
    expect(stored.startsWith('pd1:')).toBe(true);
    expect(stored).not.toContain('张三');
    expect(openOutboxPayload(cipher, stored)).toEqual(payload);
  }
});

it('opens the payloads of older stores: clear JSON and whole-sealed', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  expect(openOutboxPayload(cipher, JSON.stringify(put))).toEqual(put);
  expect(openOutboxPayload(cipher, cipher.seal(JSON.stringify(put)))).toEqual(put);
});

it('refuses a put whose sealed number was altered or sealed under another key', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const stored = sealOutboxPayload(cipher, 'trainee', 'put', put);
  const other = new PersonalDataCipher(randomBytes(32));
  expect(() => openOutboxPayload(other, stored)).toThrow();
  const payload = JSON.parse(stored.slice(4)) as { idNumber: string };
  const raw = Buffer.from(payload.idNumber.slice(4), 'base64');
  raw[raw.length - 1] ^= 1;
  const altered = `pf1:${JSON.stringify({ ...payload, idNumber: `pd1:${raw.toString('base64')}` })}`;
  expect(() => openOutboxPayload(cipher, altered)).toThrow();
});

it('refuses a damaged payload with a message of its own, quoting none of it', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  for (const stored of ['pf1:{"name":"张三","idNumber":', 'pf1:null', 'pf1:["张三"]', 'pf1:"张三"', cipher.seal('张三 not json')]) {
    expect(() => openOutboxPayload(cipher, stored)).toThrow(/^An outbox payload is damaged/);
    try {
      openOutboxPayload(cipher, stored);
    } catch (error) {
      expect((error as Error).message).not.toContain('张三');
    }
  }
});

it('seals a number left clear in a put (a store edited by hand) when the store is sealed', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const handEdited = `pf1:${JSON.stringify({ ...put, phone: cipher.seal(PHONE) })}`;
  const fixed = sealClearNumbers(cipher, handEdited)!;
  expect(fixed).not.toContain(ID);
  expect(openOutboxPayload(cipher, fixed)).toEqual(put);
  expect(sealClearNumbers(cipher, fixed)).toBeNull();
  expect(sealClearNumbers(cipher, cipher.seal(JSON.stringify(put)))).toBeNull();
});
