/**
 * The province's platform directory and period calendar, maintained by staff and published to the
 * counties through the pull feed (datasets platforms and periods). A city account may maintain only
 * the city-level platforms of its own city; the calendar and the other levels are the province's.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { compareDates } from '../../src-shared/domain/dates';
import { findUnit } from '../../src-shared/domain/units';
import { periodItemSchema } from '../../src-shared/sync-protocol';
import { publishItems } from '../admin';
import { appendFeed, type FeedItemInput } from '../repositories/feed-repository';
import { listPeriods, type PeriodRow } from './report-repository';
import { fail, FORBIDDEN_MESSAGE, ok, type StaffResult } from './staff-result';
import type { StaffUser } from './staff-scope';
import type { calendarBody, platformBody } from '../../src-shared/staff-requests';

export interface DirectoryPlatform {
  id: string;
  name: string;
  url: string | null;
  level: 'national' | 'province' | 'city';
  cityCode: string | null;
}

export async function listDirectory(db: Knex, user: StaffUser): Promise<DirectoryPlatform[]> {
  const query = db('platforms').whereNull('county_code').whereNull('deleted_at').orderBy([{ column: 'level' }, { column: 'name' }]);
  // A city sees the national and provincial entries and its own city's, not other cities' lists.
  if (user.role === 'city') query.where((q) => q.whereNot('level', 'city').orWhere('city_code', user.cityCode));
  const rows = await query.select<Array<{ id: string; name: string; url: string | null; level: DirectoryPlatform['level']; city_code: string | null }>>('id', 'name', 'url', 'level', 'city_code');
  return rows.map((r) => ({ id: r.id, name: r.name, url: r.url, level: r.level, cityCode: r.city_code }));
}

function mayEdit(user: StaffUser, platform: { level: string; cityCode: string | null }): boolean {
  return user.role === 'province' || (platform.level === 'city' && platform.cityCode === user.cityCode);
}

export async function savePlatform(db: Knex, user: StaffUser, input: z.output<typeof platformBody>): Promise<StaffResult<DirectoryPlatform>> {
  if (input.level === 'city' && findUnit(input.cityCode ?? '')?.level !== 'city') return fail('VALIDATION', '地市级平台需要填写所属地市代码', { fields: [{ field: 'cityCode', message: '请选择地市' }] });
  const cityCode = input.level === 'city' ? input.cityCode : null;
  if (!mayEdit(user, { level: input.level, cityCode })) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
  const id = input.id ?? randomUUID();
  const existing = await db('platforms').where({ id }).first<{ county_code: string | null; level: string; city_code: string | null } | undefined>('county_code', 'level', 'city_code');
  if (existing?.county_code) return fail('CONFLICT', '这是某个县自建的平台，不能在省目录中修改');
  if (existing && !mayEdit(user, { level: existing.level, cityCode: existing.city_code })) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
  const platform: DirectoryPlatform = { id, name: input.name, url: input.url, level: input.level, cityCode };
  await publishItems(db, 'platforms', null, [{ id, payload: { name: platform.name, url: platform.url, level: platform.level, cityCode } }]);
  return ok(platform);
}

export async function removePlatform(db: Knex, user: StaffUser, id: string): Promise<StaffResult<{ id: string }>> {
  const existing = await db('platforms').where({ id }).whereNull('county_code').whereNull('deleted_at').first<{ level: string; city_code: string | null } | undefined>('level', 'city_code');
  if (!existing) return fail('NOT_FOUND', '省平台目录中没有这个平台');
  if (!mayEdit(user, { level: existing.level, cityCode: existing.city_code })) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
  await publishItems(db, 'platforms', null, [{ id, deleted: true, payload: null }]);
  return ok({ id });
}

/** Why a calendar cannot be published, or null: periods in order, contiguous, each due on or after its cutoff. */
export function calendarProblem(periods: ReadonlyArray<{ seq: number; startDate: string; cutoffDate: string; dueDate: string }>): string | null {
  for (const [i, p] of periods.entries()) {
    if (p.seq !== i + 1) return `期次应从 1 起连续编号（第 ${i + 1} 行为 ${p.seq}）`;
    if (compareDates(p.startDate, p.cutoffDate) > 0) return `第 ${p.seq} 期的开始日期晚于截止日期`;
    if (compareDates(p.dueDate, p.cutoffDate) < 0) return `第 ${p.seq} 期的上报日期早于截止日期`;
    if (i > 0 && compareDates(periods[i - 1]!.cutoffDate, p.startDate) >= 0) return `第 ${p.seq} 期与上一期的日期重叠`;
  }
  return null;
}

/**
 * Replaces the calendar: periods keep their published id when their cutoff stays (a county's report
 * points at it), new cutoffs get new ids, dropped cutoffs are published as deleted. One transaction.
 */
export async function replaceCalendar(db: Knex, user: StaffUser, input: z.output<typeof calendarBody>, now: Date): Promise<StaffResult<PeriodRow[]>> {
  const allowed = user.role === 'province';
  if (!allowed) return fail('FORBIDDEN', '只有省级账号可以修改调度日历');
  const problem = calendarProblem(input.periods);
  if (problem) return fail('VALIDATION', problem);
  const at = now.toISOString();
  await db.transaction(async (trx) => {
    const existing = await trx('staff_periods').select<Array<{ id: string; cutoff_date: string }>>('id', 'cutoff_date');
    const idByCutoff = new Map(existing.map((r) => [r.cutoff_date, r.id]));
    const kept = new Set(input.periods.map((p) => p.cutoffDate));
    const feed: FeedItemInput[] = existing.filter((r) => !kept.has(r.cutoff_date)).map((r) => ({ dataset: 'periods', countyCode: null, itemId: r.id, deleted: true, payload: null }));
    await trx('staff_periods').delete();
    for (const p of input.periods) {
      const id = idByCutoff.get(p.cutoffDate) ?? randomUUID();
      await trx('staff_periods').insert({ id, seq: p.seq, start_date: p.startDate, cutoff_date: p.cutoffDate, due_date: p.dueDate, updated_at: at });
      feed.push({ dataset: 'periods', countyCode: null, itemId: id, payload: periodItemSchema.parse(p) });
    }
    await appendFeed(trx, feed, at);
  });
  return ok(await listPeriods(db));
}
