/**
 * The province's reporting settings: whether counties of a city without a city account report
 * straight to the province (small provinces, pilot roll-outs). Read by the level state machine's
 * world (level-repository.ts); changed by the province only.
 */
import type { Knex } from 'knex';
import { citiesWithAccount, DIRECT_TO_PROVINCE_KEY, directToProvince } from './level-repository';
import { ok, type StaffResult } from './staff-result';
import { requireProvince, type StaffUser } from './staff-scope';

export interface LevelSettings {
  directToProvince: boolean;
  citiesWithAccount: string[];
}

export async function readLevelSettings(db: Knex): Promise<LevelSettings> {
  const [direct, cities] = await Promise.all([directToProvince(db), citiesWithAccount(db)]);
  return { directToProvince: direct, citiesWithAccount: [...cities].sort() };
}

export async function saveLevelSettings(db: Knex, user: StaffUser, input: { directToProvince: boolean }, now: Date): Promise<StaffResult<LevelSettings>> {
  const allowed = requireProvince(user);
  if (!allowed.ok) return allowed;
  const at = now.toISOString();
  await db('server_settings')
    .insert({ key: DIRECT_TO_PROVINCE_KEY, value: String(input.directToProvince), updated_at: at, updated_by: user.id })
    .onConflict('key')
    .merge(['value', 'updated_at', 'updated_by']);
  return ok(await readLevelSettings(db));
}
