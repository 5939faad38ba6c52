/**
 * Level data for the roll-up benchmark (issue #15): what reporting level by level leaves in a province's server
 * after a campaign, loaded beside the reports rollup-province.ts generated: one history row per county submission
 * and per decision (level_events), a city report per city and period (the earlier periods accepted by the
 * province, the measured one submitted by some cities, open in the others), and a correction request for about
 * one county report in fifty. The roll-up is then measured again against its figures without these rows.
 */
import type { Knex } from 'knex';
import { findUnit } from '../../src-shared/domain/units';
import { citiesOfProvince, HEILONGJIANG_CODE } from '../../src-shared/domain/units';

const CITIES = citiesOfProvince(HEILONGJIANG_CODE);
import { SeededRandom } from '../../src-main/core/demo/random';

type Row = Record<string, string | number | null>;

export interface LoadedLevels {
  events: number;
  cityReports: number;
  corrections: number;
}

const INSERT_CHUNK = 2000;

async function insertChunked(db: Knex, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db(table).insert(rows.slice(i, i + INSERT_CHUNK));
}

export async function loadLevelData(db: Knex, measured: string): Promise<LoadedLevels> {
  const random = new SeededRandom(15);
  const reports = await db('county_records').where({ entity: 'dispatch_report' }).whereNotNull('report_submitted_at').select<Array<{ id: string; county_code: string; report_cutoff: string; report_submitted_at: string }>>('id', 'county_code', 'report_cutoff', 'report_submitted_at');
  const reviews = await db('report_reviews').select<Array<{ county_code: string; cutoff_date: string; status: string; comment: string | null; reviewed_at: string }>>('county_code', 'cutoff_date', 'status', 'comment', 'reviewed_at');
  const events: Row[] = [];
  const corrections: Row[] = [];
  const event = (cutoff: string, city: string, county: string | null, action: string, stage: string, role: string, name: string, reason: string | null, at: string) =>
    events.push({ cutoff_date: cutoff, city_code: city, county_code: county, action, stage, actor_role: role, actor_id: null, actor_name: name, reason, at });
  for (const r of reports) {
    const city = findUnit(r.county_code)?.parentCode ?? '';
    event(r.report_cutoff, city, r.county_code, 'county.submit', 'pending', 'county', '县级填报员', null, r.report_submitted_at);
    if (r.report_cutoff !== measured && random.chance(0.02)) {
      corrections.push({ id: `bench-correction-${r.id}`, county_code: r.county_code, cutoff_date: r.report_cutoff, report_id: r.id, what: '补报 3 名学员', why: '平台数据晚到', requested_at: r.report_submitted_at, requested_by_name: '县级填报员', stage: 'refused', decided_at: r.report_submitted_at, decided_by: 'bench-province', decided_by_name: '省级', decision_comment: '已过补报时限' });
    }
  }
  for (const r of reviews) {
    const city = findUnit(r.county_code)?.parentCode ?? '';
    event(r.cutoff_date, city, r.county_code, r.status === 'accepted' ? 'county.accept' : 'county.return', r.status, 'city', '市级审核员', r.comment, r.reviewed_at);
  }
  const cutoffs = [...new Set(reports.map((r) => r.report_cutoff))].sort();
  const cityReports: Row[] = [];
  for (const cutoff of cutoffs) {
    for (const city of CITIES) {
      const isMeasured = cutoff === measured;
      const stage = isMeasured ? (random.chance(0.4) ? 'submitted' : 'open') : 'accepted';
      const at = `${cutoff}T12:00:00.000Z`;
      const handedIn = stage !== 'open';
      cityReports.push({
        city_code: city.code, cutoff_date: cutoff, stage, note: null, force_reason: null, missing_counties: '[]', rows: handedIn ? '[]' : null,
        submitted_at: handedIn ? at : null, submitted_by: handedIn ? 'bench-city' : null, submitted_by_name: handedIn ? '市级审核员' : null,
        decided_at: stage === 'accepted' ? at : null, decided_by: stage === 'accepted' ? 'bench-province' : null, decision_comment: null, updated_at: at,
      });
      if (handedIn) event(cutoff, city.code, null, 'city.submit', 'submitted', 'city', '市级审核员', null, at);
      if (stage === 'accepted') event(cutoff, city.code, null, 'city.accept', 'accepted', 'province', '省级', null, at);
    }
  }
  await insertChunked(db, 'level_events', events);
  await insertChunked(db, 'city_reports', cityReports);
  await insertChunked(db, 'correction_requests', corrections);
  return { events: events.length, cityReports: cityReports.length, corrections: corrections.length };
}
