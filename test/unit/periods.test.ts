import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekday } from '../../src-shared/domain/dates';
import {
  DEFAULT_CAMPAIGN,
  formatChineseDate,
  generatePeriods,
  periodForDate,
  periodLabel,
  type PeriodSpec,
} from '../../src-shared/domain/periods';

describe('generatePeriods for the 2020 campaign', () => {
  const periods = generatePeriods(DEFAULT_CAMPAIGN);

  it('gives seven periods, cut off on alternate Fridays and due on the Sunday after', () => {
    expect(periods).toEqual([
      { seq: 1, startDate: '2020-04-01', cutoffDate: '2020-04-10', dueDate: '2020-04-12' },
      { seq: 2, startDate: '2020-04-11', cutoffDate: '2020-04-24', dueDate: '2020-04-26' },
      { seq: 3, startDate: '2020-04-25', cutoffDate: '2020-05-08', dueDate: '2020-05-10' },
      { seq: 4, startDate: '2020-05-09', cutoffDate: '2020-05-22', dueDate: '2020-05-24' },
      { seq: 5, startDate: '2020-05-23', cutoffDate: '2020-06-05', dueDate: '2020-06-07' },
      { seq: 6, startDate: '2020-06-06', cutoffDate: '2020-06-19', dueDate: '2020-06-21' },
      { seq: 7, startDate: '2020-06-20', cutoffDate: '2020-06-30', dueDate: '2020-07-05' },
    ]);
  });

  it('DEFAULT_CAMPAIGN is April to the end of June 2020', () => {
    expect(DEFAULT_CAMPAIGN).toEqual({ campaignStart: '2020-04-01', campaignEnd: '2020-06-30' });
  });
});

describe('generatePeriods options', () => {
  it('uses another cutoff and due weekday', () => {
    // Cutoff Saturday, due Monday.
    expect(generatePeriods({ ...DEFAULT_CAMPAIGN, cutoffWeekday: 6, dueWeekday: 1 }).slice(0, 2)).toEqual([
      { seq: 1, startDate: '2020-04-01', cutoffDate: '2020-04-11', dueDate: '2020-04-13' },
      { seq: 2, startDate: '2020-04-12', cutoffDate: '2020-04-25', dueDate: '2020-04-27' },
    ]);
  });

  it('a due weekday equal to the cutoff weekday means one week later, never the cutoff day', () => {
    const [first] = generatePeriods({ ...DEFAULT_CAMPAIGN, dueWeekday: 5 });
    expect(first.dueDate).toBe('2020-04-17');
  });

  it('a campaign starting on the cutoff weekday gets an 8-day first period', () => {
    expect(generatePeriods({ campaignStart: '2020-04-03', campaignEnd: '2020-04-30' })[0]).toEqual({
      seq: 1,
      startDate: '2020-04-03',
      cutoffDate: '2020-04-10',
      dueDate: '2020-04-12',
    });
  });

  it('a campaign starting the day after the cutoff weekday gets a 14-day first period', () => {
    expect(generatePeriods({ campaignStart: '2020-04-04', campaignEnd: '2020-04-30' })[0].cutoffDate).toBe('2020-04-17');
  });

  it('a one-day campaign is one period', () => {
    expect(generatePeriods({ campaignStart: '2020-06-30', campaignEnd: '2020-06-30' })).toEqual([
      { seq: 1, startDate: '2020-06-30', cutoffDate: '2020-06-30', dueDate: '2020-07-05' },
    ]);
  });

  it('ends exactly on a regular cutoff without an empty extra period', () => {
    const periods = generatePeriods({ campaignStart: '2020-04-01', campaignEnd: '2020-04-24' });
    expect(periods.map((p) => p.cutoffDate)).toEqual(['2020-04-10', '2020-04-24']);
  });

  it('a campaign ending on a Sunday is due the following Sunday', () => {
    const periods = generatePeriods({ campaignStart: '2020-04-01', campaignEnd: '2020-04-12' });
    expect(periods.at(-1)).toEqual({ seq: 2, startDate: '2020-04-11', cutoffDate: '2020-04-12', dueDate: '2020-04-19' });
  });

  it.each([
    [{ campaignStart: '2020-02-30', campaignEnd: '2020-06-30' }, /campaignStart/],
    [{ campaignStart: '2020-04-01', campaignEnd: '2020/06/30' }, /campaignEnd/],
    [{ campaignStart: '2020-06-30', campaignEnd: '2020-04-01' }, /before/],
    [{ ...DEFAULT_CAMPAIGN, cutoffWeekday: 7 }, /cutoffWeekday/],
    [{ ...DEFAULT_CAMPAIGN, dueWeekday: -1 }, /dueWeekday/],
    [{ ...DEFAULT_CAMPAIGN, cutoffWeekday: 1.5 }, /cutoffWeekday/],
    [{ campaignStart: '2020-01-01', campaignEnd: '2200-01-01' }, /more than/],
  ])('throws on %j', (calendar, message) => {
    expect(() => generatePeriods(calendar)).toThrow(message);
  });

  it('any campaign: contiguous, non-overlapping, covering start..end, on the right weekdays', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (offset, length, cutoffWeekday, dueWeekday) => {
          const campaignStart = addDays('2015-01-01', offset);
          const campaignEnd = addDays(campaignStart, length);
          const periods = generatePeriods({ campaignStart, campaignEnd, cutoffWeekday, dueWeekday });
          checkInvariants(periods, campaignStart, campaignEnd, cutoffWeekday, dueWeekday);
        },
      ),
    );
  });
});

function checkInvariants(
  periods: PeriodSpec[],
  start: string,
  end: string,
  cutoffWeekday: number,
  dueWeekday: number,
): void {
  expect(periods[0].startDate).toBe(start);
  expect(periods.at(-1)?.cutoffDate).toBe(end);
  periods.forEach((p, i) => {
    expect(p.seq).toBe(i + 1);
    expect(daysBetween(p.startDate, p.cutoffDate)).toBeGreaterThanOrEqual(0);
    expect(daysBetween(p.startDate, p.cutoffDate)).toBeLessThan(14);
    if (i > 0) expect(p.startDate).toBe(addDays(periods[i - 1].cutoffDate, 1));
    if (i < periods.length - 1) expect(weekday(p.cutoffDate)).toBe(cutoffWeekday);
    if (i > 0 && i < periods.length - 1) expect(daysBetween(p.startDate, p.cutoffDate)).toBe(13);
    expect(weekday(p.dueDate)).toBe(dueWeekday);
    expect(daysBetween(p.cutoffDate, p.dueDate)).toBeGreaterThanOrEqual(1);
    expect(daysBetween(p.cutoffDate, p.dueDate)).toBeLessThanOrEqual(7);
  });
}

describe('periodForDate', () => {
  const periods = generatePeriods(DEFAULT_CAMPAIGN);
  it.each([
    ['2020-04-01', 1],
    ['2020-04-10', 1],
    ['2020-04-11', 2],
    ['2020-05-08', 3],
    ['2020-06-19', 6],
    ['2020-06-20', 7],
    ['2020-06-30', 7],
  ])('%s is in period %i', (date, seq) => expect(periodForDate(periods, date)?.seq).toBe(seq));

  it('is null outside the campaign', () => {
    expect(periodForDate(periods, '2020-03-31')).toBeNull();
    expect(periodForDate(periods, '2020-07-01')).toBeNull();
    expect(periodForDate([], '2020-04-01')).toBeNull();
  });

  it('throws on an invalid date', () => {
    expect(() => periodForDate(periods, '2020-04-31')).toThrow();
  });
});

describe('formatChineseDate and periodLabel', () => {
  it('drops leading zeros as on the printed table', () => {
    expect(formatChineseDate('2020-04-10')).toBe('2020年4月10日');
    expect(formatChineseDate('2020-06-05')).toBe('2020年6月5日');
    expect(formatChineseDate('2020-12-31')).toBe('2020年12月31日');
    expect(() => formatChineseDate('2020-6-5')).toThrow();
  });
  it('labels a period', () => {
    expect(periodLabel(generatePeriods(DEFAULT_CAMPAIGN)[0])).toBe('第1期（2020年4月1日至2020年4月10日）');
  });
});
