/**
 * What the level state machine (src-shared/domain/report-levels.ts) needs from the store, and where
 * its changes go: a city's world for one period (each county's stage, derived from the report as it
 * came by sync and the decision on that submission; the city report's stage; open correction
 * requests), the city_reports row, and the one history of every step (level_events).
 */
import type { Knex } from 'knex';
import { countyReviewer, type CityStage, type CityWorld, type CorrectionStage, type CountyStage, type LevelActionKind, type LevelRole } from '../../src-shared/domain/report-levels';
import { reportStatusItemSchema } from '../../src-shared/sync-protocol';
import { countiesOf, findUnit } from '../../src-shared/domain/units';
import { isPostgres } from '../db';
import { appendFeed } from '../repositories/feed-repository';
import { reportStanding } from './board-service';
import { findPeriod, reportsFor, reviewsFor, type CountyReport, type PeriodRow, type ReportHead, type Review } from './report-repository';

type Db = Knex | Knex.Transaction;

export const DIRECT_TO_PROVINCE_KEY = 'direct_to_province';

export interface CityReportRow {
  city_code: string;
  cutoff_date: string;
  stage: CityStage;
  note: string | null;
  force_reason: string | null;
  missing_counties: string | null;
  rows: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string | null;
}

export interface LevelEvent {
  cutoffDate: string;
  cityCode: string;
  countyCode: string | null;
  action: LevelActionKind;
  stage: string;
  actorRole: LevelRole;
  actorId: string | null;
  actorName: string;
  reason: string | null;
  at: string;
}

/** Everything loaded for one city and period: the machine's world and the rows it was derived from. */
export interface LoadedCity {
  period: PeriodRow;
  world: CityWorld;
  reports: Map<string, CountyReport>;
  reviews: Map<string, Review>;
  cityReport: CityReportRow | null;
  /** The open (requested) correction request of each county, by id. */
  openCorrections: Map<string, string>;
}

/** The county's stage from its report and the decision on that very submission. */
export function countyStage(period: PeriodRow, report: ReportHead | undefined, review: Review | undefined): CountyStage {
  const standing = reportStanding(period, report, review);
  if (standing.status === 'not_submitted') return 'not_submitted';
  if (standing.status === 'accepted' || standing.status === 'returned') return standing.status;
  return 'pending';
}

/**
 * Whether counties of a city without an enabled city account report straight to the province. Unset means yes: a
 * county must never wait for a city level that does not exist (a new server, a province that has not created every
 * city's account yet). The province turns it off only to hold such counties until their city's account is made.
 */
export const DIRECT_TO_PROVINCE_DEFAULT = true;

export async function directToProvince(db: Db): Promise<boolean> {
  const row = await db('server_settings').where({ key: DIRECT_TO_PROVINCE_KEY }).first<{ value: string } | undefined>('value');
  return row ? row.value === 'true' : DIRECT_TO_PROVINCE_DEFAULT;
}

/** The cities that have at least one enabled city account. */
export async function citiesWithAccount(db: Db): Promise<Set<string>> {
  const codes: Array<string | null> = await db('staff_users').where({ role: 'city' }).whereNull('disabled_at').distinct().pluck('city_code');
  return new Set(codes.filter((c): c is string => c !== null));
}

export async function cityReportsFor(db: Db, cutoffDate: string, cityCodes?: readonly string[]): Promise<Map<string, CityReportRow>> {
  const query = db('city_reports').where({ cutoff_date: cutoffDate });
  if (cityCodes) query.whereIn('city_code', cityCodes);
  const rows = await query.select<CityReportRow[]>();
  return new Map(rows.map((r) => [r.city_code, r]));
}

/**
 * Loads a city's world. Inside a deciding transaction `lock` serialises deciders of one city and
 * period on PostgreSQL (the row is created first so there is one to lock); SQLite has one writer.
 */
export async function loadCity(db: Db, cityCode: string, cutoffDate: string, options: { lock?: boolean } = {}): Promise<LoadedCity | null> {
  const period = await findPeriod(db, cutoffDate);
  if (!period || findUnit(cityCode)?.level !== 'city') return null;
  if (options.lock) {
    await db('city_reports').insert({ city_code: cityCode, cutoff_date: cutoffDate, stage: 'open', updated_at: new Date().toISOString() }).onConflict(['city_code', 'cutoff_date']).ignore();
    if (isPostgres(db as Knex)) await db('city_reports').where({ city_code: cityCode, cutoff_date: cutoffDate }).forUpdate().first('stage');
  }
  const counties = countiesOf(cityCode);
  const codes = counties.map((c) => c.code);
  // One after the other: inside a transaction they share one connection (pg queues, and warns about, parallel queries).
  const reports = await reportsFor(db, cutoffDate, codes);
  const reviews = await reviewsFor(db, cutoffDate, codes);
  const cityReports = await cityReportsFor(db, cutoffDate, [cityCode]);
  const direct = await directToProvince(db);
  const accounts = await citiesWithAccount(db);
  const corrections = await db('correction_requests').where({ cutoff_date: cutoffDate }).whereIn('county_code', codes).orderBy('requested_at').select<Array<{ id: string; county_code: string; stage: CorrectionStage }>>('id', 'county_code', 'stage');
  const cityReport = cityReports.get(cityCode) ?? null;
  const latestCorrection = new Map<string, CorrectionStage>();
  const openCorrections = new Map<string, string>();
  for (const c of corrections) {
    latestCorrection.set(c.county_code, c.stage);
    if (c.stage === 'requested') openCorrections.set(c.county_code, c.id);
  }
  const world: CityWorld = {
    cityCode,
    hasCityAccount: accounts.has(cityCode),
    directToProvince: direct,
    cityStage: cityReport?.stage ?? 'open',
    counties: counties.map((c) => {
      const stage = countyStage(period, reports.get(c.code), reviews.get(c.code));
      // A request outlives only the acceptance it asked to reopen.
      const correction = stage === 'accepted' ? (latestCorrection.get(c.code) ?? null) : null;
      return { code: c.code, name: c.name, stage, correction };
    }),
  };
  return { period, world, reports, reviews, cityReport, openCorrections };
}

export async function recordEvents(trx: Knex.Transaction, events: readonly LevelEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx('level_events').insert(
    events.map((e) => ({
      cutoff_date: e.cutoffDate,
      city_code: e.cityCode,
      county_code: e.countyCode,
      action: e.action,
      stage: e.stage,
      actor_role: e.actorRole,
      actor_id: e.actorId,
      actor_name: e.actorName,
      reason: e.reason,
      at: e.at,
    })),
  );
}

/** The history of a city's reports for a period, oldest first; narrowed to one county (and its city report) when given. */
export async function eventsOf(db: Db, cutoffDate: string, cityCode: string, countyCode: string | null): Promise<LevelEvent[]> {
  const query = db('level_events').where({ cutoff_date: cutoffDate, city_code: cityCode });
  if (countyCode) query.andWhere((q) => q.where({ county_code: countyCode }).orWhereNull('county_code'));
  const rows = await query.orderBy('id').select<Array<{ cutoff_date: string; city_code: string; county_code: string | null; action: LevelActionKind; stage: string; actor_role: LevelRole; actor_id: string | null; actor_name: string; reason: string | null; at: string }>>();
  return rows.map((r) => ({ cutoffDate: r.cutoff_date, cityCode: r.city_code, countyCode: r.county_code, action: r.action, stage: r.stage, actorRole: r.actor_role, actorId: r.actor_id, actorName: r.actor_name, reason: r.reason, at: r.at }));
}

/**
 * A report arriving by sync with a new submission time is a submission: it goes into the history, and the county's
 * PCs are told it arrived and which level has it (a `received` report_status item: 已送达市级 / 已送达省级).
 */
export async function recordCountySubmission(trx: Knex.Transaction, countyCode: string, reportId: string, previous: Record<string, unknown>, next: Record<string, unknown>, now: string): Promise<void> {
  const submittedAt = typeof next.submittedAt === 'string' ? next.submittedAt : null;
  const cutoffDate = typeof next.cutoffDate === 'string' ? next.cutoffDate : null;
  const cityCode = findUnit(countyCode)?.parentCode;
  if (next.status !== 'submitted' || !submittedAt || !cutoffDate || !cityCode || previous.submittedAt === submittedAt) return;
  const forceReason = typeof next.forceReason === 'string' && next.forceReason ? `上报说明：${next.forceReason}` : null;
  const by = typeof next.submittedByName === 'string' && next.submittedByName ? next.submittedByName : (findUnit(countyCode)?.name ?? countyCode);
  await recordEvents(trx, [{ cutoffDate, cityCode, countyCode, action: 'county.submit', stage: 'pending', actorRole: 'county', actorId: null, actorName: by, reason: forceReason, at: submittedAt < now ? submittedAt : now }]);
  const periodId = typeof next.periodId === 'string' ? next.periodId : null;
  if (!periodId) return;
  const reviewer = countyReviewer({ hasCityAccount: (await citiesWithAccount(trx)).has(cityCode), directToProvince: await directToProvince(trx) });
  const payload = reportStatusItemSchema.parse({ periodId, status: 'received', comment: null, reviewedAt: now, reviewedBy: null, reviewedLevel: reviewer });
  await appendFeed(trx, [{ dataset: 'report_status', countyCode, itemId: reportId, payload }], now);
}
