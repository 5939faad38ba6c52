/**
 * The city report (市级报表): a city submits its roll-up to the province (one row per county with the
 * figures of its accepted report, 合计, a note, who submitted), or withdraws it before the province has
 * decided; the province accepts or returns it (returning reopens the city's review: the city decides
 * which counties to return). Every step goes through the level state machine and into the history.
 */
import type { Knex } from 'knex';
import { sumFigures, zeroFigures, type Figures } from '../../src-shared/domain/dispatch-figures';
import { transition, type CityStage, type LevelAction } from '../../src-shared/domain/report-levels';
import { findUnit } from '../../src-shared/domain/units';
import { failures, runCityRules, ruleTag } from '../../src-shared/domain/run-rules';
import { cityRulesInForce } from './check-rule-service';
import { loadCity, recordEvents, type LoadedCity } from './level-repository';
import { event } from './review-service';
import { fail, ok, type StaffResult } from './staff-result';
import type { StaffUser } from './staff-scope';

export interface CityReportAnswer {
  cityCode: string;
  cutoffDate: string;
  stage: CityStage;
  at: string;
}

/** The rows a city report freezes: each county's accepted figures (zero when left out), and their sum. */
export function cityReportRows(loaded: LoadedCity): { rows: Array<{ countyCode: string; countyName: string; accepted: boolean; figures: Figures; nationalPlatformNames: string[] }>; total: Figures } {
  const rows = loaded.world.counties.map((c) => {
    const report = loaded.reports.get(c.code);
    const accepted = c.stage === 'accepted' && report !== undefined;
    // The names go with the figures so the printed 附页 is the one the city submitted (city-report-print.ts).
    return { countyCode: c.code, countyName: c.name, accepted, figures: accepted ? report.figures : zeroFigures(), nationalPlatformNames: accepted ? report.nationalPlatformNames : [] };
  });
  return { rows, total: sumFigures(rows.map((r) => r.figures)) };
}

type CityInput = { cityCode: string; cutoffDate: string };

export async function submitCityReport(db: Knex, user: StaffUser, input: CityInput & { note: string | null; forceReason: string | null }, now: Date): Promise<StaffResult<CityReportAnswer>> {
  const refused = await citySumRefusal(db, input);
  if (refused) return refused;
  return decide(db, user, input, { kind: 'city.submit', forceReason: input.forceReason }, now, async (trx, loaded, change, at) => {
    const forced = change.missing.length > 0;
    await trx('city_reports')
      .where({ city_code: input.cityCode, cutoff_date: input.cutoffDate })
      .update({
        stage: 'submitted',
        note: input.note,
        force_reason: forced ? input.forceReason : null,
        missing_counties: JSON.stringify(change.missing),
        rows: JSON.stringify(cityReportRows(loaded)),
        submitted_at: at,
        submitted_by: user.id,
        submitted_by_name: user.name,
        decided_at: null,
        decided_by: null,
        decision_comment: null,
        updated_at: at,
      });
    return forced ? input.forceReason : input.note;
  });
}

/** A city_sum rule of the province that fails on the roll-up: 强制 refuses, 提示 needs the note to say why. */
async function citySumRefusal(db: Knex, input: CityInput & { note: string | null }): Promise<StaffResult<never> | null> {
  const rules = await cityRulesInForce(db);
  if (rules.length === 0) return null;
  const loaded = await loadCity(db, input.cityCode, input.cutoffDate);
  if (!loaded) return null;
  const { rows, total } = cityReportRows(loaded);
  const failed = failures(runCityRules(rules, rows.map((r) => r.figures), total));
  const first = failed.mandatory[0] ?? (input.note?.trim() ? undefined : failed.advisory[0]);
  return first ? fail('VALIDATION', `${ruleTag(first)}：${first.message}`, { fields: [{ field: 'note', message: first.message }] }) : null;
}

export async function withdrawCityReport(db: Knex, user: StaffUser, input: CityInput & { reason: string | null }, now: Date): Promise<StaffResult<CityReportAnswer>> {
  return decide(db, user, input, { kind: 'city.withdraw' }, now, async (trx, _loaded, _change, at) => {
    await trx('city_reports').where({ city_code: input.cityCode, cutoff_date: input.cutoffDate }).update({ stage: 'withdrawn', updated_at: at });
    return input.reason;
  });
}

export async function reviewCityReport(db: Knex, user: StaffUser, input: CityInput & { decision: 'accepted' | 'returned'; comment: string | null }, now: Date): Promise<StaffResult<CityReportAnswer>> {
  const action: LevelAction = input.decision === 'accepted' ? { kind: 'city.accept' } : { kind: 'city.return', reason: input.comment ?? '' };
  return decide(db, user, input, action, now, async (trx, _loaded, change, at) => {
    await trx('city_reports').where({ city_code: input.cityCode, cutoff_date: input.cutoffDate }).update({ stage: change.city, decided_at: at, decided_by: user.id, decision_comment: input.comment, updated_at: at });
    return input.comment;
  });
}

type Write = (trx: Knex.Transaction, loaded: LoadedCity, change: { city: CityStage | null; missing: string[] }, at: string) => Promise<string | null>;

async function decide(db: Knex, user: StaffUser, input: CityInput, action: LevelAction, now: Date, write: Write): Promise<StaffResult<CityReportAnswer>> {
  if (findUnit(input.cityCode)?.level !== 'city') return fail('NOT_FOUND', `没有代码为 ${input.cityCode} 的地市`);
  const at = now.toISOString();
  return db.transaction(async (trx) => {
    const loaded = await loadCity(trx, input.cityCode, input.cutoffDate, { lock: true });
    if (!loaded) return fail('NOT_FOUND', `没有截止日期为 ${input.cutoffDate} 的调度期次`);
    const result = transition(loaded.world, { role: user.role, cityCode: user.cityCode }, action);
    if (!result.ok) return fail(result.error.code, result.error.message, result.error.details);
    const stage = result.change.city!;
    const reason = await write(trx, loaded, result.change, at);
    await recordEvents(trx, [event(loaded, null, action.kind, stage, user, reason, at)]);
    return ok({ cityCode: input.cityCode, cutoffDate: input.cutoffDate, stage, at });
  });
}
