/**
 * Calendar dates as 'YYYY-MM-DD' strings.
 *
 * Why strings and integer arithmetic instead of Date: a Date is an instant, and converting it to a calendar day
 * depends on the machine's time zone, which is how "born 1990-01-01" turns into 1989-12-31. Every function here
 * works on civil dates only (proleptic Gregorian calendar, days counted from 1970-01-01), so the result is the
 * same in Node, Electron and the browser whatever the time zone. `todayIso` is the only function that reads the
 * clock.
 */

import { stripAllSpaces, toHalfWidth } from './half-width';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds 'YYYY-MM-DD' from parts, or null when the day does not exist (1990-02-30) or the year is not 1..9999. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a valid 'YYYY-MM-DD' into numbers; null when the text is not an existing date in that exact format. */
export function parseIsoDate(text: string): CivilDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return toIsoDate(year, month, day) === null ? null : { year, month, day };
}

export function isValidIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

function requireDate(text: string): CivilDate {
  const parts = parseIsoDate(text);
  if (!parts) throw new Error(`Invalid date: ${JSON.stringify(text)} (expected an existing date as YYYY-MM-DD)`);
  return parts;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil: exact for every Gregorian date, no Date object). */
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of toDayNumber (H. Hinnant's civil_from_days). */
function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The date `days` days after (or before, if negative) `date`. Throws on an invalid date or a result outside 1..9999. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`addDays: days must be an integer, got ${days}`);
  const { year, month, day } = fromDayNumber(toDayNumber(requireDate(date)) + days);
  const result = toIsoDate(year, month, day);
  if (result === null) throw new Error(`addDays: result year ${year} is out of range 1..9999`);
  return result;
}

/** Day of the week: 0 = Sunday .. 6 = Saturday (as Date.getDay). */
export function weekday(date: string): number {
  // 1970-01-01 (day 0) was a Thursday (4).
  return (((toDayNumber(requireDate(date)) + 4) % 7) + 7) % 7;
}

/** Signed number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(requireDate(to)) - toDayNumber(requireDate(from));
}

/** -1, 0 or 1, usable as an Array.sort comparator. Throws on invalid dates rather than mis-sorting them. */
export function compareDates(a: string, b: string): number {
  requireDate(a);
  requireDate(b);
  // Zero-padded ISO dates sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Today's date on this computer's calendar. The clerk's notion of "today" is the local wall-clock day, so local
 * date parts are used on purpose. Pass `now` in tests.
 */
export function todayIso(now: Date = new Date()): string {
  const result = toIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (result === null) throw new Error('todayIso: the clock gives an invalid date');
  return result;
}

const FLEXIBLE_DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, // 2020-04-01, 2020/4/1, 2020.4.1 (one separator throughout)
  /^(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]?$/, // 2020年4月1日
  /^(\d{4})()(\d{2})(\d{2})$/, // 20200401
];

/**
 * Reads a date the way clerks and spreadsheets write it: '2020-04-01', '2020/4/1', '2020.4.1', '2020年4月1日',
 * '20200401' (full-width digits and surrounding spaces allowed). Returns 'YYYY-MM-DD', or null when the text is
 * not one of these forms or names a day that does not exist.
 */
export function parseFlexibleDate(text: string): string | null {
  const cleaned = stripAllSpaces(toHalfWidth(text));
  for (const pattern of FLEXIBLE_DATE_PATTERNS) {
    const m = pattern.exec(cleaned);
    if (m) return toIsoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  return null;
}
