/**
 * What a staff user may see: the province role sees every county, a city role only the counties of
 * its city. Every service narrows its queries with this before reading, so a city account never
 * receives another city's rows, and an explicit request for them is refused with FORBIDDEN.
 */
import { citiesOfProvince, countiesOf, countiesOfProvince, findUnit, provinceOf, type Unit } from '../../src-shared/domain/units';
import { fail, FORBIDDEN_MESSAGE, ok, type StaffResult } from './staff-result';

export type StaffRole = 'province' | 'city';

export interface StaffUser {
  id: string;
  name: string;
  role: StaffRole;
  /** Set for a city account. */
  cityCode: string | null;
  /** The province the server serves (server-admin init --province): a province account sees its units only. */
  provinceCode: string;
}

/**
 * The units whose figures make up the province's table, in code order: its cities, and the counties with no city
 * above them (the districts of a municipality, 省直辖县级 units such as 济源市), which report to the province itself.
 */
export function provinceMembers(provinceCode: string): Unit[] {
  const direct = countiesOfProvince(provinceCode).filter((c) => c.parentCode === provinceCode);
  return [...citiesOfProvince(provinceCode), ...direct].sort((a, b) => a.code.localeCompare(b.code));
}

/** The cities of the user's province that the user sees: all of them for the province, its own for a city. */
export function citiesInScope(user: StaffUser): Unit[] {
  const cities = citiesOfProvince(user.provinceCode);
  return user.role === 'city' ? cities.filter((c) => c.code === user.cityCode) : cities;
}

export function cityOfCounty(countyCode: string): string | null {
  return findUnit(countyCode)?.parentCode ?? null;
}

/** The counties the user sees, narrowed to `cityCode` when given (403 for a city the user is not bound to). */
export function countiesInScope(user: StaffUser, cityCode?: string | null): StaffResult<Unit[]> {
  if (cityCode) {
    if (findUnit(cityCode)?.level !== 'city' || provinceOf(cityCode)?.code !== user.provinceCode) return fail('VALIDATION', `本省没有代码为 ${cityCode} 的地市`);
    if (user.role === 'city' && user.cityCode !== cityCode) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
    return ok(countiesOf(cityCode));
  }
  if (user.role === 'city') return ok(countiesOf(user.cityCode ?? ''));
  return ok(countiesOfProvince(user.provinceCode));
}

export function mayAccessCounty(user: StaffUser, countyCode: string): StaffResult<Unit> {
  const county = findUnit(countyCode);
  if (county?.level !== 'county' || provinceOf(countyCode)?.code !== user.provinceCode) return fail('NOT_FOUND', `本省没有代码为 ${countyCode} 的县（区、市）`);
  if (user.role === 'city' && county.parentCode !== user.cityCode) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
  return ok(county);
}

export function requireProvince(user: StaffUser): StaffResult<true> {
  return user.role === 'province' ? ok(true) : fail('FORBIDDEN', '只有省级账号可以进行此操作');
}

/** 'Harbin Daoli district' as the table prints it: the city name, then the county name. */
export function countyDisplayName(code: string): string {
  const county = findUnit(code);
  if (!county) return code;
  const city = county.parentCode ? findUnit(county.parentCode) : null;
  return `${city?.name ?? ''}${county.name}`;
}
