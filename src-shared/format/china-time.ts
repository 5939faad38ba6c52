/**
 * Every date and time the two UIs and the printed table show, in China's time zone (Asia/Shanghai).
 *
 * Why a fixed +08:00 instead of the computer's zone: stamps are stored as UTC instants (`2026-12-03T23:30:00Z`),
 * and the first ten characters of one are the UTC day, which is the previous day in Heilongjiang before 08:00.
 * A county PC or a staff browser whose zone is set wrong (a fresh Windows install defaults to UTC-8) must still
 * show the day the clerk saw on the wall. China has had one zone without daylight saving since 1991, so the offset
 * is exact for every stamp this product holds; no Intl or time-zone database is needed (src-shared runs anywhere).
 */
import { toIsoDate } from '../domain/dates';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export type Instant = string | number | Date;

interface WallClock {
  date: string;
  hh: string;
  mm: string;
  ss: string;
}

/** The instant on China's wall clock, or null for text that is not an instant (never 'Invalid Date' on screen). */
function wallClock(instant: Instant): WallClock | null {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return null;
  const shifted = new Date(ms + CHINA_OFFSET_MS);
  const date = toIsoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
  if (date === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date, hh: pad(shifted.getUTCHours()), mm: pad(shifted.getUTCMinutes()), ss: pad(shifted.getUTCSeconds()) };
}

const DASH = '—';

/** 'YYYY-MM-DD' in China; '—' when there is no instant. */
export function chinaDate(instant: Instant | null | undefined): string {
  const clock = instant === null || instant === undefined ? null : wallClock(instant);
  return clock ? clock.date : DASH;
}

/** 'YYYY-MM-DD HH:mm' in China; '—' when there is no instant. */
export function chinaDateTime(instant: Instant | null | undefined): string {
  const clock = instant === null || instant === undefined ? null : wallClock(instant);
  return clock ? `${clock.date} ${clock.hh}:${clock.mm}` : DASH;
}

/** 'YYYY-MM-DD HH:mm:ss' in China (history trails, server receipts); '—' when there is no instant. */
export function chinaDateTimeSeconds(instant: Instant | null | undefined): string {
  const clock = instant === null || instant === undefined ? null : wallClock(instant);
  return clock ? `${clock.date} ${clock.hh}:${clock.mm}:${clock.ss}` : DASH;
}

/** Today's date in China: the default of date fields and the "today" of the date warnings. */
export function chinaToday(now: Instant = Date.now()): string {
  const clock = wallClock(now);
  if (!clock) throw new Error('chinaToday: the clock gives an invalid date');
  return clock.date;
}
