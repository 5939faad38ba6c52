/**
 * What a staff user may see: the province role sees every county, a city role only the counties of
 * its city. Every service narrows its queries with this before reading, so a city account never
 * receives another city's rows, and an explicit request for them is refused with FORBIDDEN.
 */
import { countiesOf, findUnit, HEILONGJIANG_UNITS, type Unit } from '../../src-shared/domain/units';
import { fail, FORBIDDEN_MESSAGE, ok, type StaffResult } from './staff-result';

export type StaffRole = 'province' | 'city';

export interface StaffUser {
  id: string;
  name: string;
  role: StaffRole;
  /** Set for a city account. */
  cityCode: string | null;
}

export const CITIES: readonly Unit[] = HEILONGJIANG_UNITS.filter((u) => u.level === 'city');
export const ALL_COUNTIES: readonly Unit[] = HEILONGJIANG_UNITS.filter((u) => u.level === 'county');

export function cityOfCounty(countyCode: string): string | null {
  return findUnit(countyCode)?.parentCode ?? null;
}

/** The counties the user sees, narrowed to `cityCode` when given (403 for a city the user is not bound to). */
export function countiesInScope(user: StaffUser, cityCode?: string | null): StaffResult<Unit[]> {
  if (cityCode) {
    if (findUnit(cityCode)?.level !== 'city') return fail('VALIDATION', `没有代码为 ${cityCode} 的地市`);
    if (user.role === 'city' && user.cityCode !== cityCode) return fail('FORBIDDEN', FORBIDDEN_MESSAGE);
    return ok(countiesOf(cityCode));
  }
  if (user.role === 'city') return ok(countiesOf(user.cityCode ?? ''));
  return ok([...ALL_COUNTIES]);
}

export function mayAccessCounty(user: StaffUser, countyCode: string): StaffResult<Unit> {
  const county = findUnit(countyCode);
  if (county?.level !== 'county') return fail('NOT_FOUND', `没有代码为 ${countyCode} 的县（区、市）`);
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
