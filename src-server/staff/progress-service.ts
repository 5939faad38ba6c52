/**
 * Progress against the province's target of 100,000 registered person-times: the cumulative count at
 * every period cutoff (for the chart), per city, per person category and per occupation (training
 * person-times, the occupation being on the training record). Counted from the synced records, in the
 * user's scope. Each breakdown is one grouped query; the cumulative series is summed here, so the
 * cost does not grow with the number of periods.
 */
import type { Knex } from 'knex';
import { categoryName, isPersonCategory } from '../../src-shared/domain/categories';
import { compareDates } from '../../src-shared/domain/dates';
import { occupationIdFor } from '../../src-node/reference-ids';
import { SEED_GENERAL_CONTENT, SEED_OCCUPATIONS } from '../../src-shared/reference-data';
import { liveRecords, ofDeletedTrainees } from './computed-figures';
import { serverTarget } from '../settings/server-province';
import { listPeriods } from './report-repository';
import { ok, type StaffResult } from './staff-result';
import { cityOfCounty, countiesInScope, provinceMembers, type StaffUser } from './staff-scope';


const OCCUPATION_NAMES = new Map([...SEED_OCCUPATIONS, ...SEED_GENERAL_CONTENT].map((name) => [occupationIdFor(name), name]));

export interface Progress {
  target: number;
  registered: number;
  series: Array<{ seq: number; cutoffDate: string; registered: number; share: number }>;
  byCity: Array<{ cityCode: string; cityName: string; registered: number }>;
  byCategory: Array<{ category: string; name: string; registered: number }>;
  byOccupation: Array<{ occupationId: string | null; name: string; personTimes: number }>;
}

export async function buildProgress(db: Knex, user: StaffUser, cityCode: string | null): Promise<StaffResult<Progress>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const codes = scope.data.map((c) => c.code);
  const live = () => db('trainees').whereIn('county_code', codes).whereNull('deleted_at');
  // Records of live trainees per occupation: all live records less those of deleted trainees (see computed-figures.ts).
  const perOccupation = (records: Knex.QueryBuilder) => records.groupBy('e.occupation_id').select<Array<{ occupation_id: string | null; n: number | string }>>('e.occupation_id', db.raw('count(*) as n'));
  const [byDay, byCategories, allRecords, recordsOfDeleted, periods, target] = await Promise.all([
    live().groupBy('county_code', 'registered_at').select<Array<{ county_code: string; registered_at: string; n: number | string }>>('county_code', 'registered_at', db.raw('count(*) as n')),
    live().groupBy('categories').select<Array<{ categories: string; n: number | string }>>('categories', db.raw('count(*) as n')),
    perOccupation(liveRecords(db, codes)),
    perOccupation(ofDeletedTrainees(liveRecords(db, codes))),
    listPeriods(db),
    serverTarget(db),
  ]);
  const occupationCounts = new Map(allRecords.map((r) => [r.occupation_id, Number(r.n)]));
  for (const r of recordsOfDeleted) occupationCounts.set(r.occupation_id, occupationCounts.get(r.occupation_id)! - Number(r.n));
  const byOccupation = [...occupationCounts].filter(([, n]) => n > 0).map(([occupation_id, n]) => ({ occupation_id, n }));

  // Summed per day first: a campaign has ~100 days but byDay has a row per county and day.
  const perDay = new Map<string, number>();
  for (const r of byDay) perDay.set(r.registered_at, (perDay.get(r.registered_at) ?? 0) + Number(r.n));
  const series = periods.map((p) => {
    let registered = 0;
    for (const [day, n] of perDay) if (compareDates(day, p.cutoffDate) <= 0) registered += n;
    return { seq: p.seq, cutoffDate: p.cutoffDate, registered, share: registered / target };
  });
  // Per city; a county under no city (a municipality's district) is its own line, as on the province's table.
  const memberOf = (county: string) => {
    const parent = cityOfCounty(county);
    return parent === user.provinceCode ? county : (parent ?? '');
  };
  const perCity = new Map<string, number>();
  for (const r of byDay) {
    const member = memberOf(r.county_code);
    perCity.set(member, (perCity.get(member) ?? 0) + Number(r.n));
  }
  const cities = provinceMembers(user.provinceCode).filter((unit) => codes.some((code) => memberOf(code) === unit.code));
  const perCategory = new Map<string, number>();
  for (const r of byCategories) {
    for (const code of parseCategories(r.categories)) perCategory.set(code, (perCategory.get(code) ?? 0) + Number(r.n));
  }
  return ok({
    target,
    registered: byDay.reduce((n, r) => n + Number(r.n), 0),
    series,
    byCity: cities.map((c) => ({ cityCode: c.code, cityName: c.name, registered: perCity.get(c.code) ?? 0 })),
    byCategory: [...perCategory].map(([category, registered]) => ({ category, name: isPersonCategory(category) ? categoryName(category) : category, registered })).sort((a, b) => b.registered - a.registered),
    byOccupation: byOccupation
      .map((r) => ({ occupationId: r.occupation_id, name: r.occupation_id ? (OCCUPATION_NAMES.get(r.occupation_id) ?? '其他职业') : '未填写职业', personTimes: Number(r.n) }))
      .sort((a, b) => b.personTimes - a.personTimes),
  });
}

function parseCategories(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
