/**
 * Accepting or returning a county report, through the level state machine
 * (src-shared/domain/report-levels.ts): the city judges its counties; the province judges the counties
 * routed straight to it and may return any county report directly (the city report holding it goes
 * back to the city with it). The decision is stored against the submission it judged, recorded in the
 * history, and published in the same transaction to that county's report_status feed: on its next
 * sync the PC marks the report accepted, or returned with the comment, who returned it and when
 * (src-main/core/sync/pull-apply.ts). The feed item carries the PC's own period id.
 */
import type { Knex } from 'knex';
import { transition, type LevelChange } from '../../src-shared/domain/report-levels';
import { reportStatusItemSchema } from '../../src-shared/sync-protocol';
import { appendFeed } from '../repositories/feed-repository';
import { loadCity, recordEvents, type LevelEvent, type LoadedCity } from './level-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { cityOfCounty, mayAccessCounty, type StaffUser } from './staff-scope';

export type Decision = 'accepted' | 'returned';

export interface ReviewAnswer {
  countyCode: string;
  cutoffDate: string;
  status: Decision;
  comment: string | null;
  reviewedAt: string;
}

export async function reviewReport(
  db: Knex,
  user: StaffUser,
  input: { countyCode: string; cutoffDate: string; decision: Decision; comment: string | null },
  now: Date,
): Promise<StaffResult<ReviewAnswer>> {
  const access = mayAccessCounty(user, input.countyCode);
  if (!access.ok) return access;
  const cityCode = cityOfCounty(input.countyCode)!;
  const reviewedAt = now.toISOString();
  return db.transaction(async (trx) => {
    const loaded = await loadCity(trx, cityCode, input.cutoffDate, { lock: true });
    if (!loaded) return fail('NOT_FOUND', `没有截止日期为 ${input.cutoffDate} 的调度期次`);
    const action = input.decision === 'accepted' ? { kind: 'county.accept' as const, county: input.countyCode } : { kind: 'county.return' as const, county: input.countyCode, reason: input.comment ?? '' };
    const result = transition(loaded.world, { role: user.role, cityCode: user.cityCode }, action);
    if (!result.ok) return fail(result.error.code, result.error.message, result.error.details);
    await writeCountyDecision(trx, loaded, input.countyCode, { status: input.decision, comment: input.comment, by: user, at: reviewedAt });
    // A returned report is open again: a correction request of it has nothing left to reopen.
    if (input.decision === 'returned') {
      await trx('correction_requests')
        .where({ county_code: input.countyCode, cutoff_date: input.cutoffDate, stage: 'requested' })
        .update({ stage: 'refused', decided_at: reviewedAt, decided_by: user.id, decided_by_name: user.name, decision_comment: '报表已退回，可直接修改后重新上报，本申请自动结束' });
    }
    const events: LevelEvent[] = [event(loaded, input.countyCode, action.kind, input.decision, user, input.comment, reviewedAt)];
    await writeCityChange(trx, loaded, result.change, user, input.comment, reviewedAt, events);
    await recordEvents(trx, events);
    return ok({ countyCode: input.countyCode, cutoffDate: input.cutoffDate, status: input.decision, comment: input.comment, reviewedAt });
  });
}

/** Stores the decision on the county's current submission and tells the county's PCs by the feed. */
export async function writeCountyDecision(
  trx: Knex.Transaction,
  loaded: LoadedCity,
  countyCode: string,
  decision: { status: Decision; comment: string | null; by: StaffUser; at: string },
): Promise<void> {
  const report = loaded.reports.get(countyCode);
  if (!report?.submittedAt) throw new Error('a county decision needs a submitted report');
  const key = { county_code: countyCode, cutoff_date: loaded.period.cutoffDate };
  const values = { report_id: report.id, status: decision.status, comment: decision.comment, submitted_at: report.submittedAt, reviewed_at: decision.at, reviewed_by: decision.by.id };
  if (loaded.reviews.has(countyCode)) await trx('report_reviews').where(key).update(values);
  else await trx('report_reviews').insert({ ...key, ...values });
  const payload = reportStatusItemSchema.parse({ periodId: report.periodId, status: decision.status, comment: decision.comment, reviewedAt: decision.at, reviewedBy: decision.by.name, reviewedLevel: decision.by.role });
  await appendFeed(trx, [{ dataset: 'report_status', countyCode, itemId: report.id, payload }], decision.at);
}

/** The city report's part of a change (a return of the city report with a county's return or grant). */
export async function writeCityChange(trx: Knex.Transaction, loaded: LoadedCity, change: LevelChange, user: StaffUser, reason: string | null, at: string, events: LevelEvent[]): Promise<void> {
  if (!change.city) return;
  await trx('city_reports')
    .where({ city_code: loaded.world.cityCode, cutoff_date: loaded.period.cutoffDate })
    .update({ stage: change.city, decided_at: at, decided_by: user.id, decision_comment: reason, updated_at: at });
  events.push(event(loaded, null, 'city.return', change.city, user, reason, at));
}

export function event(loaded: LoadedCity, countyCode: string | null, action: LevelEvent['action'], stage: string, user: StaffUser, reason: string | null, at: string): LevelEvent {
  return { cutoffDate: loaded.period.cutoffDate, cityCode: loaded.world.cityCode, countyCode, action, stage, actorRole: user.role, actorId: user.id, actorName: user.name, reason, at };
}
