import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, parsePhone, type PhoneResult } from '../../src-shared/domain/phone';

function failure(result: PhoneResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.value}`);
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  return result.message;
}

describe('normalizePhone', () => {
  it.each([
    [' 13812345678 ', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(0451) 1234 5678', '045112345678'],
    ['（0451）12345678', '045112345678'],
    ['0451－12345678', '045112345678'],
    ['0451—12345678', '045112345678'],
    ['+86 0451 12345678', '045112345678'],
    ['138\u300012345678', '13812345678'],
    ['', ''],
  ])('%j -> %s', (raw, expected) => expect(normalizePhone(raw)).toBe(expected));

  it('does not strip 86 from something that is not a mobile number', () => {
    expect(normalizePhone('8612345')).toBe('8612345');
    expect(normalizePhone('86045112345678')).toBe('86045112345678');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789+-() （）８６ ') }), (s) => {
        const once = normalizePhone(s);
        expect(normalizePhone(once)).toBe(once);
      }),
    );
  });
});

describe('parsePhone: accepted', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['+86 166 0000 1111', '16600001111'],
    ['0451-12345678', '0451-12345678'],
    ['045112345678', '0451-12345678'],
    ['(0451)12345678', '0451-12345678'],
    ['0452-2345678', '0452-2345678'],
    ['010-62345678', '010-62345678'],
    ['02087654321', '020-87654321'],
    ['0469 4123456', '0469-4123456'],
  ])('%j -> %s', (raw, expected) => expect(parsePhone(raw)).toEqual({ ok: true, value: expected }));

  it('accepts every mobile number 1[3-9] + 9 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999999999 }), (second, rest) => {
        const mobile = `1${second}${String(rest).padStart(9, '0')}`;
        expect(parsePhone(mobile)).toEqual({ ok: true, value: mobile });
      }),
    );
  });
});

describe('parsePhone: rejected with a reason', () => {
  it('empty', () => expect(failure(parsePhone('  '))).toContain('请填写'));
  it('wrong mobile length, naming the count', () => {
    expect(failure(parsePhone('1381234567'))).toContain('10位');
    expect(failure(parsePhone('138123456789'))).toContain('12位');
  });
  it('mobile with an impossible second digit', () => {
    expect(failure(parsePhone('12812345678'))).toContain('第二位');
    failure(parsePhone('10012345678'));
  });
  it('letters, words and two numbers in one cell', () => {
    expect(failure(parsePhone('138abc45678'))).toContain('只能填数字');
    failure(parsePhone('无'));
    failure(parsePhone('13812345678/13912345678'));
  });
  it('landline without area code', () => {
    expect(failure(parsePhone('12345678'.replace(/^1/, '8')))).toContain('区号');
    expect(failure(parsePhone('2345678'))).toContain('区号');
  });
  it('landline with a bad shape', () => {
    expect(failure(parsePhone('0451-123'))).toContain('0451-12345678');
    failure(parsePhone('0451-01234567')); // a local number never starts with 0
    failure(parsePhone('0451-123456789'));
    failure(parsePhone('00451-12345678'));
  });
  it('anything else', () => {
    failure(parsePhone('999'));
  });
});

describe('maskPhone', () => {
  it('masks mobiles as 138****1234', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps the area code and last 2 digits of a landline', () => {
    expect(maskPhone('0451-12345678')).toBe('0451-******78');
    expect(maskPhone('010-6234567')).toBe('010-*****67');
  });
  it('masks anything else but the last 2 characters', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });
  it('leaves a masked value as it is: masking twice shows what masking once does', () => {
    for (const phone of ['13812345678', '0451-12345678', '12345']) expect(maskPhone(maskPhone(phone))).toBe(maskPhone(phone));
  });
});
