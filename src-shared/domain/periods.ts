/**
 * Biweekly reporting periods of the campaign (双周调度). The plan (黑人社函〔2020〕60号 七(三)) asks counties to report
 * "每月隔周周末", on the weekend of every other week, from April to the end of June 2020.
 *
 * Our reading, which the province can change by passing a different calendar:
 * - figures are cumulative up to a cutoff day (截止日期), by default a Friday, so the weekend is left for reporting;
 * - the first cutoff is the cutoff weekday of the campaign's SECOND week: the first cutoff weekday on or after
 *   campaignStart, plus 7 days (2020-04-01 is a Wednesday: Friday 04-03 is too early for a first report, so the
 *   first cutoff is Friday 2020-04-10). The first period therefore lasts 8 to 14 days;
 * - every following cutoff is 14 days after the previous one;
 * - the last period ends on campaignEnd when the regular cutoff would fall after it;
 * - each report is due on the first due weekday (default Sunday) strictly after its cutoff.
 * Periods are contiguous: each starts the day after the previous cutoff.
 */
import { addDays, compareDates, isValidIsoDate, parseIsoDate, weekday } from './dates';

export interface PeriodSpec {
  /** 1, 2, 3, ... */
  seq: number;
  /** First day, 'YYYY-MM-DD' (inclusive). */
  startDate: string;
  /** Last day counted (截止日期), inclusive. */
  cutoffDate: string;
  /** Day the county report is due. */
  dueDate: string;
}

export interface CampaignCalendar {
  campaignStart: string;
  campaignEnd: string;
  /** 0 = Sunday .. 6 = Saturday; default 5 (Friday). */
  cutoffWeekday?: number;
  /** 0 = Sunday .. 6 = Saturday; default 0 (the Sunday after the cutoff). */
  dueWeekday?: number;
}

export const DEFAULT_CAMPAIGN = Object.freeze({
  campaignStart: '2020-04-01',
  campaignEnd: '2020-06-30',
} as const) satisfies CampaignCalendar;

const DEFAULT_CUTOFF_WEEKDAY = 5;
const DEFAULT_DUE_WEEKDAY = 0;
const PERIOD_DAYS = 14;
/** A campaign longer than this is surely a typo (e.g. 2200 for 2020); refuse rather than produce thousands of rows. */
const MAX_PERIODS = 200;

function checkWeekday(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 6) {
    throw new Error(`${name} must be an integer 0 (Sunday) .. 6 (Saturday), got ${value}`);
  }
}

/** The first day on or after `date` that falls on `day` (0..6). */
function nextWeekdayOnOrAfter(date: string, day: number): string {
  return addDays(date, (day - weekday(date) + 7) % 7);
}

/** Splits the campaign into reporting periods. Throws an Error (English) on invalid dates or weekdays. */
export function generatePeriods(calendar: CampaignCalendar): PeriodSpec[] {
  const { campaignStart, campaignEnd } = calendar;
  const cutoffWeekday = calendar.cutoffWeekday ?? DEFAULT_CUTOFF_WEEKDAY;
  const dueWeekday = calendar.dueWeekday ?? DEFAULT_DUE_WEEKDAY;
  if (!isValidIsoDate(campaignStart)) throw new Error(`campaignStart is not a valid YYYY-MM-DD date: ${campaignStart}`);
  if (!isValidIsoDate(campaignEnd)) throw new Error(`campaignEnd is not a valid YYYY-MM-DD date: ${campaignEnd}`);
  if (compareDates(campaignEnd, campaignStart) < 0) {
    throw new Error(`campaignEnd ${campaignEnd} is before campaignStart ${campaignStart}`);
  }
  checkWeekday('cutoffWeekday', cutoffWeekday);
  checkWeekday('dueWeekday', dueWeekday);

  const periods: PeriodSpec[] = [];
  let startDate = campaignStart;
  let regularCutoff = addDays(nextWeekdayOnOrAfter(campaignStart, cutoffWeekday), 7);
  while (compareDates(startDate, campaignEnd) <= 0) {
    if (periods.length >= MAX_PERIODS) throw new Error(`campaign yields more than ${MAX_PERIODS} periods`);
    const cutoffDate = compareDates(regularCutoff, campaignEnd) > 0 ? campaignEnd : regularCutoff;
    const dueDate = nextWeekdayOnOrAfter(addDays(cutoffDate, 1), dueWeekday);
    periods.push({ seq: periods.length + 1, startDate, cutoffDate, dueDate });
    startDate = addDays(cutoffDate, 1);
    regularCutoff = addDays(regularCutoff, PERIOD_DAYS);
  }
  return periods;
}

/** The period whose startDate..cutoffDate contains `date`, or null outside the campaign. Throws on an invalid date. */
export function periodForDate(periods: readonly PeriodSpec[], date: string): PeriodSpec | null {
  if (!isValidIsoDate(date)) throw new Error(`periodForDate: invalid date ${JSON.stringify(date)}`);
  return (
    periods.find((p) => compareDates(p.startDate, date) <= 0 && compareDates(date, p.cutoffDate) <= 0) ?? null
  );
}

/** '2020-04-10' -> '2020年4月10日', as printed after 截止日期 on the dispatch table. */
export function formatChineseDate(date: string): string {
  const parts = parseIsoDate(date);
  if (!parts) throw new Error(`formatChineseDate: invalid date ${JSON.stringify(date)}`);
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/** '第1期（2020年4月1日至2020年4月10日）', for lists and headings. */
export function periodLabel(period: PeriodSpec): string {
  return `第${period.seq}期（${formatChineseDate(period.startDate)}至${formatChineseDate(period.cutoffDate)}）`;
}
