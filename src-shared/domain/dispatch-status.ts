/**
 * Where a period stands for the clerk, from its dates, its report (if any) and today's date:
 *
 * - `open`      统计中: the cutoff has not passed yet, figures still grow; nothing to submit yet;
 * - `due`       待上报: the cutoff has passed, the report is not yet due or due today;
 * - `overdue`   已逾期: the due date has passed and nothing was submitted;
 * - `draft`     草稿: a clerk has started the report (adjusted a figure) but not submitted it;
 * - `submitted` 已上报, `accepted` 已审核, `returned` 已退回 (with the province's comment; editable again).
 *
 * `overdue` is also reported as a separate flag so that a late draft or a late returned report is shown as late.
 */
import { compareDates, daysBetween } from './dates';

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const PERIOD_STATUSES = ['open', 'due', 'overdue', 'draft', 'submitted', 'accepted', 'returned'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const PERIOD_STATUS_LABELS: Readonly<Record<PeriodStatus, string>> = {
  open: '统计中',
  due: '待上报',
  overdue: '已逾期',
  draft: '草稿',
  submitted: '已上报',
  accepted: '已通过',
  returned: '已退回',
};

export interface PeriodDates {
  cutoffDate: string;
  dueDate: string;
}

/** A submitted or accepted report is closed to edits; a returned one is open again. */
export function isLocked(reportStatus: ReportStatus | null): boolean {
  return reportStatus === 'submitted' || reportStatus === 'accepted';
}

export function isOverdue(period: PeriodDates, reportStatus: ReportStatus | null, today: string): boolean {
  return !isLocked(reportStatus) && compareDates(today, period.dueDate) > 0;
}

/**
 * How many days a report is late against its due date (the day after the due date is 1): by the day it was handed
 * in, or, while it is still not in, by today. 0 when on time or not yet due. Dates are China calendar days.
 */
export function daysLate(dueDate: string, handedIn: string | null, today: string): number {
  return Math.max(0, daysBetween(dueDate, handedIn ?? today));
}

/** '已逾期 3 天' for the overdue notices; '' when on time. */
export function lateText(days: number): string {
  return days > 0 ? `已逾期 ${days} 天` : '';
}

export function periodStatus(period: PeriodDates, reportStatus: ReportStatus | null, today: string): PeriodStatus {
  if (reportStatus === 'submitted' || reportStatus === 'accepted' || reportStatus === 'returned') return reportStatus;
  if (reportStatus === 'draft') return 'draft';
  if (compareDates(today, period.cutoffDate) <= 0) return 'open';
  return compareDates(today, period.dueDate) <= 0 ? 'due' : 'overdue';
}

/** A report can go up once its cutoff day has come (the cutoff is counted in full by the end of that day). */
export function canSubmitOn(period: PeriodDates, today: string): boolean {
  return compareDates(today, period.cutoffDate) >= 0;
}

export interface NextDue {
  periodId: string;
  seq: number;
  dueDate: string;
  daysLeft: number;
  /** '还有 3 天上报', '明天上报', '今天是上报日'. */
  text: string;
}

export function countdownText(daysLeft: number): string {
  if (daysLeft <= 0) return '今天是上报日';
  if (daysLeft === 1) return '明天上报';
  return `还有 ${daysLeft} 天上报`;
}

/** The next report still to submit whose due date is today or later, or null when none is left. */
export function nextDue(
  periods: ReadonlyArray<PeriodDates & { id: string; seq: number; reportStatus: ReportStatus | null }>,
  today: string,
): NextDue | null {
  const pending = periods
    .filter((p) => !isLocked(p.reportStatus) && compareDates(p.dueDate, today) >= 0)
    .sort((a, b) => compareDates(a.dueDate, b.dueDate));
  const first = pending[0];
  if (!first) return null;
  const daysLeft = daysBetween(today, first.dueDate);
  return { periodId: first.id, seq: first.seq, dueDate: first.dueDate, daysLeft, text: countdownText(daysLeft) };
}

/**
 * Where a submitted report is (issue #15): still in this PC's outbox (`unsent`: 已上报，待同步), on the server and
 * waiting at the city or the province (as the server said by sync), or on a server too old to say (`server`).
 */
export const DELIVERIES = ['unsent', 'server', 'city', 'province'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DELIVERY_LABELS: Readonly<Record<Delivery, string>> = { unsent: '已上报，待同步', server: '已送达省服务器', city: '已送达市级', province: '已送达省级' };

export type ReviewLevel = 'city' | 'province';
export const REVIEW_LEVEL_LABELS: Readonly<Record<ReviewLevel, string>> = { city: '市级', province: '省级' };

/** Only a submission waiting for a decision has a delivery to show; decisions say more. */
export function deliveryOf(reportStatus: ReportStatus | null, unsent: boolean, deliveredLevel: ReviewLevel | null): Delivery | null {
  if (reportStatus !== 'submitted') return null;
  if (unsent) return 'unsent';
  return deliveredLevel ?? 'server';
}

/** 'city 张三' → '市级 张三'; the level alone, the name alone, or '上级单位' when the server did not say. */
export function reviewerText(level: ReviewLevel | null, name: string | null): string {
  const parts = [level ? REVIEW_LEVEL_LABELS[level] : null, name].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' ') : '上级单位';
}
