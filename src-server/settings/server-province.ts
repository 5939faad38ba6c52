/**
 * The one province a provincial server serves (issue #15 item 7). Set by `server-admin init --province CODE`; a store
 * set up before the setting existed serves Heilongjiang, the only province offered then. The province decides which
 * counties may enrol a PC. It cannot change once a county of it has a PC or data on the server: the rows would
 * belong to no unit of the new province.
 */
import type { Knex } from 'knex';
import { countiesOfProvince, findUnit, HEILONGJIANG_CODE, provinceOf, type Unit } from '../../src-shared/domain/units';

const PROVINCE_KEY = 'province';

export type ProvinceResult<T> = { ok: true; value: T } | { ok: false; message: string };

export async function serverProvince(db: Knex): Promise<Unit> {
  const row = await db('server_settings').where({ key: PROVINCE_KEY }).first<{ value: string } | undefined>('value');
  const unit = findUnit(row?.value ?? HEILONGJIANG_CODE);
  if (unit?.level !== 'province') throw new Error(`server_settings.province holds ${JSON.stringify(row?.value)}, not a province-level code`);
  return unit;
}

/** Sets the server's province; the same province again is a no-op, another one is refused once counties are in. */
export async function setServerProvince(db: Knex, code: string, now = new Date()): Promise<ProvinceResult<Unit>> {
  const unit = findUnit(code);
  if (unit?.level !== 'province') return { ok: false, message: `${code} is not a mainland province-level code (GB/T 2260, e.g. 230000 for 黑龙江省, 410000 for 河南省)` };
  return db.transaction(async (trx) => {
    const current = await serverProvince(trx);
    if (current.code !== unit.code) {
      const counties = new Set<string>();
      for (const table of ['enrol_codes', 'devices', 'county_records'] as const) {
        const rows = await trx(table).distinct('county_code').pluck<string[]>('county_code');
        for (const county of rows) counties.add(county);
      }
      const cityAccounts = await trx('staff_users').whereNotNull('city_code').distinct('city_code').pluck<string[]>('city_code');
      for (const city of cityAccounts) counties.add(city);
      const foreign = [...counties].filter((c) => provinceOf(c)?.code !== unit.code);
      if (foreign.length > 0) {
        return { ok: false, message: `this server already holds counties or city accounts of ${current.name} (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); its province cannot change to ${unit.name}` } as const;
      }
    }
    await trx('server_settings')
      .insert({ key: PROVINCE_KEY, value: unit.code, updated_at: now.toISOString(), updated_by: 'server-admin' })
      .onConflict('key')
      .merge(['value', 'updated_at', 'updated_by']);
    return { ok: true, value: unit } as const;
  });
}

/** A county that may enrol a PC on this server: a county-level unit of the server's province. */
export async function enrollableCounty(db: Knex, code: string): Promise<ProvinceResult<Unit>> {
  const province = await serverProvince(db);
  const county = findUnit(code);
  if (county?.level === 'county' && provinceOf(code)?.code === province.code) return { ok: true, value: county };
  const example = countiesOfProvince(province.code)[0];
  const what = county ? `${county.name} (${code}) is not a county-level unit of ${province.name}` : `${code} is not a county-level unit code`;
  return { ok: false, message: `${what}; this server serves ${province.name}${example ? ` (e.g. --county ${example.code} for ${example.name})` : ''}` };
}

const TARGET_KEY = 'target';
/** The notice's figure for Heilongjiang; other provinces set theirs with `server-admin init --target N`. */
export const DEFAULT_TARGET = 100_000;

/** How many registrations the province aims for (the progress page's 目标). */
export async function serverTarget(db: Knex): Promise<number> {
  const row = await db('server_settings').where({ key: TARGET_KEY }).first<{ value: string } | undefined>('value');
  const target = row ? Number(row.value) : DEFAULT_TARGET;
  return Number.isSafeInteger(target) && target > 0 ? target : DEFAULT_TARGET;
}

export function parseTarget(text: string): ProvinceResult<number> {
  if (!/^[1-9]\d{0,8}$/.test(text)) return { ok: false, message: `the target must be a whole number of registrations from 1 to 999999999, got "${text}"` };
  return { ok: true, value: Number(text) };
}

export async function setServerTarget(db: Knex, target: number, now = new Date()): Promise<void> {
  await db('server_settings')
    .insert({ key: TARGET_KEY, value: String(target), updated_at: now.toISOString(), updated_by: 'server-admin' })
    .onConflict('key')
    .merge(['value', 'updated_at', 'updated_by']);
}
