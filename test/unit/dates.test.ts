import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidIsoDate,
  parseFlexibleDate,
  parseIsoDate,
  todayIso,
  toIsoDate,
  weekday,
} from '../../src-shared/domain/dates';

describe('isValidIsoDate', () => {
  it.each(['2020-04-01', '2000-02-29', '2020-02-29', '1900-01-01', '0001-01-01', '9999-12-31', '2020-12-31'])(
    'accepts %s',
    (d) => expect(isValidIsoDate(d)).toBe(true),
  );
  it.each([
    '1990-02-30',
    '1900-02-29',
    '2019-02-29',
    '2100-02-29',
    '2020-04-31',
    '2020-13-01',
    '2020-00-10',
    '2020-01-00',
    '0000-01-01',
    '2020-4-1',
    '20200401',
    ' 2020-04-01',
    '2020-04-01T00:00:00Z',
    '',
    'abcd-ef-gh',
  ])('rejects %j', (d) => expect(isValidIsoDate(d)).toBe(false));
});

describe('leap years and month lengths', () => {
  it('follows the Gregorian rules', () => {
    expect([1900, 2000, 2019, 2020, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2020, 4)).toBe(30);
    expect(daysInMonth(2020, 12)).toBe(31);
  });
  it('toIsoDate pads and rejects impossible days', () => {
    expect(toIsoDate(2020, 4, 1)).toBe('2020-04-01');
    expect(toIsoDate(2020, 2, 30)).toBeNull();
    expect(toIsoDate(2020, 1.5, 1)).toBeNull();
    expect(toIsoDate(10000, 1, 1)).toBeNull();
    expect(parseIsoDate('2020-04-10')).toEqual({ year: 2020, month: 4, day: 10 });
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2020-04-01', 9)).toBe('2020-04-10');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('1900-03-01', -1)).toBe('1900-02-28');
    expect(addDays('2020-06-30', 0)).toBe('2020-06-30');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
    expect(addDays('2000-01-01', 366)).toBe('2001-01-01');
  });
  it('throws on bad input', () => {
    expect(() => addDays('2020-02-30', 1)).toThrow(/Invalid date/);
    expect(() => addDays('2020-01-01', 0.5)).toThrow(/integer/);
    expect(() => addDays('9999-12-31', 1)).toThrow(/out of range/);
  });
  it('agrees with Date.UTC for any day between 1900 and 2100', () => {
    const base = Date.UTC(1900, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 73000 }), (n) => {
        const expected = new Date(base + n * 86400000).toISOString().slice(0, 10);
        expect(addDays('1900-01-01', n)).toBe(expected);
        expect(weekday(expected)).toBe(new Date(base + n * 86400000).getUTCDay());
        expect(daysBetween('1900-01-01', expected)).toBe(n);
      }),
    );
  });
});

describe('weekday, compareDates, daysBetween', () => {
  it('knows the campaign weekdays', () => {
    expect(weekday('2020-04-01')).toBe(3); // Wednesday
    expect(weekday('2020-04-10')).toBe(5); // Friday
    expect(weekday('2020-04-12')).toBe(0); // Sunday
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('1900-01-01')).toBe(1); // Monday
  });
  it('compares', () => {
    expect(compareDates('2020-04-01', '2020-04-02')).toBe(-1);
    expect(compareDates('2020-04-02', '2020-04-01')).toBe(1);
    expect(compareDates('2020-04-01', '2020-04-01')).toBe(0);
    expect(['2020-06-30', '2019-12-31', '2020-04-01'].sort(compareDates)).toEqual([
      '2019-12-31',
      '2020-04-01',
      '2020-06-30',
    ]);
    expect(() => compareDates('2020-04-01', '2020-4-2')).toThrow();
  });
  it('counts days', () => {
    expect(daysBetween('2020-04-01', '2020-06-30')).toBe(90);
    expect(daysBetween('2020-06-30', '2020-04-01')).toBe(-90);
  });
});

describe('todayIso', () => {
  it('uses the local calendar day of the given instant', () => {
    expect(todayIso(new Date(2020, 3, 10, 23, 59))).toBe('2020-04-10');
    expect(todayIso(new Date(2020, 0, 1, 0, 0))).toBe('2020-01-01');
  });
  it('defaults to now', () => {
    expect(isValidIsoDate(todayIso())).toBe(true);
  });
});

describe('parseFlexibleDate', () => {
  it.each([
    ['2020-04-01', '2020-04-01'],
    ['2020/4/1', '2020-04-01'],
    ['2020.4.1', '2020-04-01'],
    ['2020年4月1日', '2020-04-01'],
    ['2020年04月01日', '2020-04-01'],
    ['2020年4月1号', '2020-04-01'],
    ['2020年4月1', '2020-04-01'],
    ['20200401', '2020-04-01'],
    [' 2020-4-1 ', '2020-04-01'],
    ['２０２０年４月１日', '2020-04-01'],
    ['2020 年 4 月 10 日', '2020-04-10'],
    ['2000/2/29', '2000-02-29'],
  ])('reads %j as %s', (text, expected) => expect(parseFlexibleDate(text)).toBe(expected));

  it.each(['', '2020-02-30', '1900/2/29', '2020/4-1', '2020-13-01', '202041', '2020040', '4/1/2020', '明天', '2020年4月'])(
    'rejects %j',
    (text) => expect(parseFlexibleDate(text)).toBeNull(),
  );

  it('round-trips every valid ISO date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseFlexibleDate(iso)).toBe(iso);
        expect(parseFlexibleDate(iso.replace(/-/g, ''))).toBe(iso);
      }),
    );
  });
});
