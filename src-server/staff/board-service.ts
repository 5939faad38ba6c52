/**
 * The completeness board of one period: every county in the user's scope with the status of its
 * report, when it was submitted, when the county last synced, and a flag when that was more than a
 * week ago (its figures may be stale or its PC broken). Counts by status head the list.
 */
import type { Knex } from 'knex';
import { countyDisplayName, countiesInScope, type StaffUser } from './staff-scope';
import { findPeriod, reportHeads, reviewsFor, type PeriodRow, type ReportHead, type Review } from './report-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { boardLevels, type CitySummary, type CityReportView, type CountyLevel } from './board-levels';
import type { BoardShortCode } from '../../src-shared/short-code-api';
import { boardCodes } from '../short-codes/report-code-repository';

export const BOARD_STATUSES = ['not_submitted', 'on_time', 'late', 'returned', 'accepted'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export const STALE_SYNC_MS = 7 * 24 * 60 * 60_000;

export interface BoardRow extends CountyLevel {
  countyCode: string;
  countyName: string;
  cityCode: string;
  status: BoardStatus;
  /** Submitted after the due date (also for an accepted or returned report). */
  late: boolean;
  submittedAt: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  lastSyncAt: string | null;
  syncStale: boolean;
  /** The newest short code received for the period (issue #16), provisional until the full report reconciles it. */
  shortCode: BoardShortCode | null;
}

/** The calendar day in China of an ISO instant: a report sent at 23:30 on the due day is on time. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 60 * 60_000).toISOString().slice(0, 10);
}

/**
 * Where a county's report stands for the province. A review applies only to the submission it judged:
 * after a return the county resubmits with a new submittedAt, and the report is submitted again.
 */
export function reportStanding(period: Pick<PeriodRow, 'dueDate'>, report: ReportHead | undefined, review: Review | undefined): { status: BoardStatus; late: boolean; current: boolean } {
  if (!report || !report.submittedAt) return { status: 'not_submitted', late: false, current: false };
  const late = chinaDate(report.submittedAt) > period.dueDate;
  if (review && review.submittedAt === report.submittedAt) return { status: review.status, late, current: review.status === 'accepted' };
  if (report.status === 'returned') return { status: 'returned', late, current: false };
  if (report.status === 'draft') return { status: 'not_submitted', late: false, current: false };
  return { status: late ? 'late' : 'on_time', late, current: true };
}

/** The newest of each county's device contact and batch arrival. */
export async function lastSyncByCounty(db: Knex, countyCodes: readonly string[]): Promise<Map<string, string>> {
  const seen = await db('devices').whereIn('county_code', countyCodes).groupBy('county_code').select<Array<{ county_code: string; at: string | null }>>('county_code', db.raw('max(last_seen_at) as at'));
  const pushed = await db('push_batches').whereIn('county_code', countyCodes).groupBy('county_code').select<Array<{ county_code: string; at: string | null }>>('county_code', db.raw('max(created_at) as at'));
  const latest = new Map<string, string>();
  for (const row of [...seen, ...pushed]) {
    if (row.at && row.at > (latest.get(row.county_code) ?? '')) latest.set(row.county_code, row.at);
  }
  return latest;
}

export async function buildBoard(db: Knex, user: StaffUser, cutoffDate: string, now: Date, cityCode?: string | null) {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const period = await findPeriod(db, cutoffDate);
  if (!period) return fail('NOT_FOUND', `没有截止日期为 ${cutoffDate} 的调度期次`);
  const codes = scope.data.map((c) => c.code);
  const [reports, reviews, syncs, shortCodes] = await Promise.all([reportHeads(db, cutoffDate, codes), reviewsFor(db, cutoffDate, codes), lastSyncByCounty(db, codes), boardCodes(db, cutoffDate, codes)]);
  const levels = await boardLevels(db, user, period, codes, reports, reviews, cityCode ?? null, now);
  const rows: BoardRow[] = scope.data.map((county) => {
    const report = reports.get(county.code);
    const review = reviews.get(county.code);
    const standing = reportStanding(period, report, review);
    const lastSyncAt = syncs.get(county.code) ?? null;
    const reviewApplies = review !== undefined && report?.submittedAt === review.submittedAt;
    return {
      countyCode: county.code,
      countyName: countyDisplayName(county.code),
      cityCode: county.parentCode ?? '',
      status: standing.status,
      late: standing.late,
      submittedAt: report?.submittedAt ?? null,
      reviewComment: reviewApplies ? review.comment : null,
      reviewedAt: reviewApplies ? review.reviewedAt : null,
      lastSyncAt,
      syncStale: lastSyncAt === null || now.getTime() - Date.parse(lastSyncAt) > STALE_SYNC_MS,
      shortCode: shortCodes.get(county.code) ?? null,
      ...levels.counties.get(county.code)!,
    };
  });
  const counts = Object.fromEntries(BOARD_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<BoardStatus, number>;
  const result: StaffResult<{ period: PeriodRow; counts: Record<BoardStatus, number> & { total: number; syncStale: number }; rows: BoardRow[]; cityReport: CityReportView | null; cities: CitySummary[] }> = ok({
    period,
    counts: { ...counts, total: rows.length, syncStale: rows.filter((r) => r.syncStale).length },
    rows,
    cityReport: levels.cityReport,
    cities: levels.cities,
  });
  return result;
}
