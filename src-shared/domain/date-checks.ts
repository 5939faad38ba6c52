/**
 * Dates that parse but are probably mistyped: before the campaign began, or later than today. These are warnings the
 * clerk confirms, never refusals: a late-filed record is real, but 2002 typed for 2020 is common.
 */
import { compareDates } from './dates';

export interface DateCheckContext {
  /** Today in China ('YYYY-MM-DD'). */
  today: string;
  /** The campaign's first day, from the settings. */
  campaignStart: string;
}

/** Warnings (Chinese) for a date field; empty when the date is plausible. */
export function dateWarnings(label: string, iso: string, context: DateCheckContext): string[] {
  const warnings: string[] = [];
  if (compareDates(iso, context.campaignStart) < 0) {
    warnings.push(`${label} ${iso} 早于本次行动开始日期（${context.campaignStart}），请确认年份和月份没有写错`);
  }
  if (compareDates(iso, context.today) > 0) warnings.push(`${label} ${iso} 晚于今天（${context.today}），请确认没有写错`);
  return warnings;
}
