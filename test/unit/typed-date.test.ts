/**
 * One table of dates as clerks type them and spreadsheets hold them, read by the entry forms (parseTypedDate) and by
 * the import (readDate): whatever one accepts, the other accepts, and both refuse the same things.
 */
import { describe, expect, it } from 'vitest';
import { readDate } from '../../src-main/core/import/cells';
import { dateFromNumber, DATE_FORMATS_HINT, excelSerialToIso, parseTypedDate } from '../../src-shared/domain/typed-date';

const ACCEPTED: ReadonlyArray<[string, string]> = [
  ['2020-04-05', '2020-04-05'],
  ['2020/4/5', '2020-04-05'],
  ['2020.4.7', '2020-04-07'],
  ['20200406', '2020-04-06'],
  ['2020年4月5日', '2020-04-05'],
  ['2020年4月5号', '2020-04-05'],
  ['2020年04月05', '2020-04-05'],
  ['２０２０年４月５日', '2020-04-05'],
  ['２０２０／４／５', '2020-04-05'],
  [' 2020 / 4 / 5 ', '2020-04-05'],
  ['2020/4/5 10:30', '2020-04-05'],
  ['2020-04-05 08:00:00', '2020-04-05'],
  ['43926', '2020-04-05'],
  ['2020-02-29', '2020-02-29'],
];

const REFUSED: readonly string[] = ['2020/4/31', '2019-02-29', '2020-13-01', '2020/4-5', '4/5/2020', '5.4.2020', '2020', '202045', '123', '99999', '明天', 'abc', '2020年4月'];

describe('the shared date reader', () => {
  it.each(ACCEPTED)('the form reads %j as %s', (text, iso) => expect(parseTypedDate(text)).toBe(iso));
  it.each(ACCEPTED)('the import reads %j as %s', (text, iso) => expect(readDate(text, '注册日期')).toEqual({ ok: true, value: iso }));
  it.each(REFUSED)('the form refuses %j', (text) => expect(parseTypedDate(text)).toBeNull());
  it.each(REFUSED)('the import refuses %j and says what to write', (text) => {
    const read = readDate(text, '注册日期');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain(DATE_FORMATS_HINT);
  });
  it('treats blank as missing, not as a wrong date', () => {
    expect(parseTypedDate('  ')).toBeNull();
    expect(readDate('  ', '注册日期')).toEqual({ ok: false, reason: '请填写注册日期。' });
  });
  it('reads number cells as Excel serials or as 20200405', () => {
    expect(dateFromNumber(43926)).toBe('2020-04-05');
    expect(dateFromNumber(43926.6)).toBe('2020-04-05');
    expect(dateFromNumber(20200405)).toBe('2020-04-05');
    expect(dateFromNumber(20201345)).toBeNull();
    expect(dateFromNumber(12)).toBeNull();
    expect(excelSerialToIso(43922)).toBe('2020-04-01');
  });
});
