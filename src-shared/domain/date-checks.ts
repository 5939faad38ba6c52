/**
 * Dates that parse but are probably mistyped: before the campaign began, or later than today. These are warnings the
 * clerk confirms, never refusals: a late-filed record is real, but 2002 typed for 2020 is common.
 */
import { compareDates } from './dates';
import { ageOn } from './id-card';

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

/**
 * The ages the campaign's trainees have: the legal working age (16, 劳动法 art. 15) up to 65 as a sanity bound.
 * Outside it a registration is probably a mistyped ID number or date (a 1-year-old), never refused: warned.
 */
export const TRAINEE_AGE_RANGE = { min: 16, max: 65 } as const;

/** A warning (Chinese) when the trainee's age on `onIso` is outside TRAINEE_AGE_RANGE; null when plausible. */
export function ageWarning(birthDate: string, onIso: string): string | null {
  const age = ageOn(birthDate, onIso);
  if (age >= TRAINEE_AGE_RANGE.min && age <= TRAINEE_AGE_RANGE.max) return null;
  const said = age < 0 ? '尚未出生' : ` ${age} 岁`;
  return `按身份证号，注册时${said}，不在 ${TRAINEE_AGE_RANGE.min}-${TRAINEE_AGE_RANGE.max} 岁之间，请确认身份证号和注册日期没有写错`;
}
