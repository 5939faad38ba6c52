import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, groupDigits, parseTypedCount, ungroupDigits } from '../../src-shared/format/numbers';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [9617, '9,617'],
    [96179650, '96,179,650'],
    [-1234, '-1,234'],
    [1234.5, '1,234.5'],
    [100000, '100,000'],
  ])('%d -> %s', (n, text) => expect(formatCount(n)).toBe(text));
  it('shows a dash for no figure', () => {
    expect(formatCount(null)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('parseTypedCount', () => {
  it.each([
    ['9617', 9617],
    ['9,617', 9617],
    ['9，617', 9617],
    ['９６１７', 9617],
    [' 12,000 ', 12000],
    ['0', 0],
  ])('reads %j', (text, n) => expect(parseTypedCount(text)).toBe(n));
  it.each(['', '9.5', '-3', '1,23', '12,3456', '96179650x', '一千', '1e5', '99999999999999999999'])('refuses %j', (text) =>
    expect(parseTypedCount(text)).toBeNull(),
  );
  it('reads back what it formats', () => {
    fc.assert(fc.property(fc.nat({ max: 10 ** 12 }), (n) => parseTypedCount(formatCount(n)) === n));
  });
});

describe('number field text', () => {
  it.each([
    ['9617', '9,617'],
    ['96179650', '96,179,650'],
    ['1234.5', '1,234.5'],
    ['12.', '12.'],
    ['-1000', '-1,000'],
    ['', ''],
    ['abc', 'abc'],
  ])('groups %j as %j', (text, shown) => expect(groupDigits(text)).toBe(shown));
  it.each([
    ['9,617', '9617'],
    ['9，617', '9617'],
    ['９６１７', '9617'],
    [' 12 000 ', '12000'],
    ['7。5', '7.5'],
    ['', ''],
  ])('reads %j back as %j', (text, cleaned) => expect(ungroupDigits(text)).toBe(cleaned));
  it('reads back whatever it showed', () => {
    fc.assert(fc.property(fc.nat(), (n) => Number(ungroupDigits(groupDigits(String(n)))) === n));
  });
});
