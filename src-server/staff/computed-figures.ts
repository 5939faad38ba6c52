/**
 * The dispatch figures each county's synced records compute as of a cutoff, counted the way the PC
 * counts them (src-main/core/db/repositories/dispatch-repository.ts): live trainees registered by the
 * cutoff, live training records of live trainees started by the cutoff, province/city platforms in
 * the county's local directory, adopted national platforms. One grouped query per figure for all
 * counties at once, so a province roll-up costs a few queries whatever the number of counties.
 *
 * At a million trainees the counts read partial indexes on live rows only (migration
 * 20261126100000_rollup_indexes), never the wide synced rows. "Records of live trainees" is counted
 * as all live records less the records of deleted trainees: sync stores a record only for a trainee
 * of the same county already on the server and never removes a trainee row (apply-ops.ts), so every
 * record has its trainee, and the deleted ones are few and found by their own index.
 */
import type { Knex } from 'knex';
import { zeroFigures, type Figures } from '../../src-shared/domain/dispatch-figures';

type Counted = Array<{ county_code: string; n: number | string }>;

export async function computedFiguresByCounty(db: Knex, cutoffDate: string, countyCodes: readonly string[]): Promise<Map<string, Figures>> {
  const result = new Map<string, Figures>(countyCodes.map((c) => [c, zeroFigures()]));
  const [registered, started, startedOfDeleted] = await Promise.all([
    db('trainees')
      .whereIn('county_code', countyCodes)
      .whereNull('deleted_at')
      .where('registered_at', '<=', cutoffDate)
      .groupBy('county_code')
      .select<Counted>('county_code', db.raw('count(*) as n')),
    liveRecords(db, countyCodes, cutoffDate).groupBy('e.county_code').select<Counted>('e.county_code', db.raw('count(*) as n')),
    ofDeletedTrainees(liveRecords(db, countyCodes, cutoffDate)).groupBy('e.county_code').select<Counted>('e.county_code', db.raw('count(*) as n')),
  ]);
  const platforms = await db('platform_adoptions as a')
    .join('platforms as p', 'p.id', 'a.platform_id')
    .whereIn('a.county_code', countyCodes)
    .whereNull('p.deleted_at')
    .where((q) =>
      q.where((inner) => inner.whereIn('p.level', ['province', 'city']).where('a.in_local_directory', 1)).orWhere((inner) => inner.where('p.level', 'national').where('a.adopted', 1)),
    )
    .groupBy('a.county_code', 'p.level')
    .select<Array<{ county_code: string; level: string; n: number | string }>>('a.county_code', 'p.level', db.raw('count(*) as n'));
  for (const r of registered) result.get(r.county_code)!.registeredTrainees = Number(r.n);
  for (const r of started) result.get(r.county_code)!.trainingPersonTimes += Number(r.n);
  for (const r of startedOfDeleted) result.get(r.county_code)!.trainingPersonTimes -= Number(r.n);
  for (const r of platforms) {
    const figures = result.get(r.county_code)!;
    if (r.level === 'province') figures.provincePlatforms = Number(r.n);
    else if (r.level === 'city') figures.cityPlatforms = Number(r.n);
    else figures.nationalPlatforms = Number(r.n);
  }
  return result;
}

/** Live training records of the counties, as `e`; with `startedBy`, those started by that day. */
export function liveRecords(db: Knex, countyCodes: readonly string[], startedBy?: string): Knex.QueryBuilder {
  const query = db('enrolments as e').whereIn('e.county_code', countyCodes).whereNull('e.deleted_at');
  return startedBy === undefined ? query : query.where('e.start_date', '<=', startedBy);
}

/** Narrows records `e` to those of deleted trainees: subtracted from all records, they leave the records of live trainees. */
export function ofDeletedTrainees(records: Knex.QueryBuilder): Knex.QueryBuilder {
  return records.join('trainees as t', 't.id', 'e.trainee_id').whereNotNull('t.deleted_at');
}
