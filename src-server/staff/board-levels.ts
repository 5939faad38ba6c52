/**
 * The level columns of the completeness board: each county's stage in the level state machine and who
 * decides it next, who made the decision shown, the city report of the city shown, and one summary
 * line per city (city-report stage, counties accepted / returned / pending / missing, timeliness
 * against the due date). Read in a few queries for the whole province.
 */
import type { Knex } from 'knex';
import { countyReviewer, type CityStage, type CorrectionStage, type CountyStage } from '../../src-shared/domain/report-levels';
import { countiesOf, findUnit } from '../../src-shared/domain/units';
import { chinaDate } from './board-service';
import { citiesWithAccount, cityReportsFor, countyStage, directToProvince, type CityReportRow } from './level-repository';
import { daysLate } from '../../src-shared/domain/dispatch-status';
import type { PeriodRow, ReportHead, Review } from './report-repository';
import { citiesInScope, type StaffUser } from './staff-scope';

export interface CountyLevel {
  stage: CountyStage;
  awaiting: 'city' | 'province' | null;
  reviewedBy: string | null;
  reviewedLevel: 'city' | 'province' | null;
  correction: CorrectionStage | null;
  /** Days past the due date: of the submission when it came late, of today while none is in (0: on time). */
  daysLate: number;
}

export interface CityReportView {
  cityCode: string;
  cityName: string;
  stage: CityStage;
  reviewer: 'city' | 'province';
  note: string | null;
  forceReason: string | null;
  missing: string[];
  submittedAt: string | null;
  submittedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface CitySummary {
  cityCode: string;
  cityName: string;
  stage: CityStage;
  reviewer: 'city' | 'province';
  submittedAt: string | null;
  late: boolean;
  /** Days the city report is past its due date (by its submission, or today while it is not in); 0 on time. */
  daysLate: number;
  /** Counties whose report came after the due date or is still not in after it. */
  lateCounties: number;
  accepted: number;
  returned: number;
  pending: number;
  missing: number;
  total: number;
}

export interface BoardLevels {
  counties: Map<string, CountyLevel>;
  cityReport: CityReportView | null;
  cities: CitySummary[];
}

export async function boardLevels(
  db: Knex,
  user: StaffUser,
  period: PeriodRow,
  codes: readonly string[],
  reports: Map<string, ReportHead>,
  reviews: Map<string, Review>,
  shownCity: string | null,
  now: Date,
): Promise<BoardLevels> {
  const reviewerIds = [...new Set([...reviews.values()].map((r) => r.reviewedBy))];
  const [cityReports, accounts, direct, reviewers, corrections] = await Promise.all([
    cityReportsFor(db, period.cutoffDate),
    citiesWithAccount(db),
    directToProvince(db),
    reviewerIds.length ? db('staff_users').whereIn('id', reviewerIds).select<Array<{ id: string; name: string; role: 'city' | 'province' }>>('id', 'name', 'role') : Promise.resolve([]),
    db('correction_requests').where({ cutoff_date: period.cutoffDate }).whereIn('county_code', codes).orderBy('requested_at').select<Array<{ county_code: string; stage: CorrectionStage }>>('county_code', 'stage'),
  ]);
  const byId = new Map(reviewers.map((r) => [r.id, r]));
  const lastCorrection = new Map(corrections.map((c) => [c.county_code, c.stage]));
  const reviewerOf = (cityCode: string) => countyReviewer({ hasCityAccount: accounts.has(cityCode), directToProvince: direct });
  const counties = new Map<string, CountyLevel>();
  for (const code of codes) {
    const report = reports.get(code);
    const review = reviews.get(code);
    const stage = countyStage(period, report, review);
    const applies = review !== undefined && review.submittedAt === report?.submittedAt;
    const who = applies ? byId.get(review.reviewedBy) : undefined;
    counties.set(code, {
      stage,
      awaiting: stage === 'pending' ? reviewerOf(findUnit(code)?.parentCode ?? '') : null,
      reviewedBy: who?.name ?? null,
      reviewedLevel: who?.role ?? null,
      correction: stage === 'accepted' ? (lastCorrection.get(code) ?? null) : null,
      daysLate: countyDaysLate(period.dueDate, stage, report?.submittedAt ?? null, now),
    });
  }
  const cityCodes = citiesInScope(user).map((c) => c.code);
  const cities = cityCodes.map((cityCode) => summary(cityCode, cityReports.get(cityCode), counties, reviewerOf(cityCode), period, now));
  const shown = shownCity ?? (user.role === 'city' ? user.cityCode : null);
  const cityReport = shown ? view(shown, cityReports.get(shown), reviewerOf(shown)) : null;
  return { counties, cityReport, cities };
}

/** A report still to come (none, or returned) is late by today; one that is in, by the day it came. */
function countyDaysLate(dueDate: string, stage: CountyStage, submittedAt: string | null, now: Date): number {
  const waiting = stage === 'not_submitted' || stage === 'returned' || !submittedAt;
  return daysLate(dueDate, waiting ? null : chinaDate(submittedAt), chinaDate(now.toISOString()));
}

function view(cityCode: string, row: CityReportRow | undefined, reviewer: 'city' | 'province'): CityReportView {
  return {
    cityCode,
    cityName: findUnit(cityCode)?.name ?? cityCode,
    stage: row?.stage ?? 'open',
    reviewer,
    note: row?.note ?? null,
    forceReason: row?.force_reason ?? null,
    missing: row?.missing_counties ? (JSON.parse(row.missing_counties) as string[]) : [],
    submittedAt: row?.submitted_at ?? null,
    submittedBy: row?.submitted_by_name ?? null,
    decidedAt: row?.decided_at ?? null,
    decisionComment: row?.decision_comment ?? null,
  };
}

function summary(cityCode: string, row: CityReportRow | undefined, counties: Map<string, CountyLevel>, reviewer: 'city' | 'province', period: PeriodRow, now: Date): CitySummary {
  const members = countiesOf(cityCode).map((c) => counties.get(c.code)).filter((c): c is CountyLevel => c !== undefined);
  const count = (stage: CountyStage) => members.filter((c) => c.stage === stage).length;
  const stage = row?.stage ?? 'open';
  const submittedAt = row?.submitted_at ?? null;
  const handedIn = (stage === 'submitted' || stage === 'accepted') && submittedAt !== null;
  const days = daysLate(period.dueDate, handedIn ? chinaDate(submittedAt) : null, chinaDate(now.toISOString()));
  return {
    cityCode,
    cityName: findUnit(cityCode)?.name ?? cityCode,
    stage,
    reviewer,
    submittedAt,
    late: days > 0,
    daysLate: days,
    lateCounties: members.filter((c) => c.daysLate > 0).length,
    accepted: count('accepted'),
    returned: count('returned'),
    pending: count('pending'),
    missing: count('not_submitted'),
    total: members.length,
  };
}
