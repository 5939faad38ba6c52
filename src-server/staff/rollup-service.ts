/**
 * The official table rolled up: for a city one row per county, for the province one row per city,
 * each with 合计, built with the desktop's table model (src-shared/domain/dispatch-table.ts) so the
 * renderers print it unchanged. Figures are the sum of the county reports as submitted (a report
 * counts while it is submitted or accepted, not once returned); beside them, what the county's
 * synced records compute, and which figures differ, so staff see a report that does not match data.
 * Every figure of a unit row and of 合计 is a plain sum of the reports, as the counties signed them; the
 * distinct national platforms (a platform adopted by two counties is one) are on the attached page,
 * which lists each adopted platform with the number of units adopting it.
 */
import type { Knex } from 'knex';
import { FIGURE_KEYS, sumFigures, zeroFigures, type FigureKey, type Figures } from '../../src-shared/domain/dispatch-figures';
import { buildRollupTable, type DispatchTableModel } from '../../src-shared/domain/dispatch-table';
import { countiesOf, findUnit } from '../../src-shared/domain/units';
import { reportStanding, type BoardStatus } from './board-service';
import { computedFiguresByCounty } from './computed-figures';
import { findPeriod, reportsFor, reviewsFor } from './report-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { countiesInScope, countyDisplayName, provinceMembers, type StaffUser } from './staff-scope';

export interface RollupRow {
  unitCode: string;
  unitName: string;
  /** County rows: the report's standing. City rows: how many of its counties have a counted report. */
  status: BoardStatus | null;
  reportedCounties: number;
  countyCount: number;
  submitted: Figures;
  computed: Figures;
  /** Figures where the submitted report differs from what the synced records compute. */
  differs: FigureKey[];
  nationalPlatformNames: string[];
}

export interface Rollup {
  level: 'city' | 'province';
  unitCode: string;
  unitName: string;
  cutoffDate: string;
  rows: RollupRow[];
  total: Figures;
  computedTotal: Figures;
  table: DispatchTableModel;
}

function differences(a: Figures, b: Figures): FigureKey[] {
  return FIGURE_KEYS.filter((k) => a[k] !== b[k]);
}

export async function buildRollup(db: Knex, user: StaffUser, cutoffDate: string, cityCode: string | null, today: string): Promise<StaffResult<Rollup>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const period = await findPeriod(db, cutoffDate);
  if (!period) return fail('NOT_FOUND', `没有截止日期为 ${cutoffDate} 的调度期次`);
  const codes = scope.data.map((c) => c.code);
  const [reports, reviews, computed] = await Promise.all([reportsFor(db, cutoffDate, codes), reviewsFor(db, cutoffDate, codes), computedFiguresByCounty(db, cutoffDate, codes)]);

  const countyRows: RollupRow[] = scope.data.map((county) => {
    const report = reports.get(county.code);
    const standing = reportStanding(period, report, reviews.get(county.code));
    const submitted = standing.current && report ? report.figures : zeroFigures();
    const own = computed.get(county.code) ?? zeroFigures();
    return {
      unitCode: county.code,
      unitName: countyDisplayName(county.code).replace(findUnit(county.parentCode ?? '')?.name ?? '', ''),
      status: standing.status,
      reportedCounties: standing.current ? 1 : 0,
      countyCount: 1,
      submitted,
      computed: own,
      differs: standing.current ? differences(submitted, own) : [],
      nationalPlatformNames: standing.current && report ? report.nationalPlatformNames : [],
    };
  });

  const level = user.role === 'city' || cityCode ? 'city' : 'province';
  const unitCode = level === 'city' ? (cityCode ?? user.cityCode!) : user.provinceCode;
  // The province's table: a row per city, and the counties under no city (a municipality's districts) as their own.
  const countyRow = new Map(countyRows.map((r) => [r.unitCode, r]));
  const rows =
    level === 'city'
      ? countyRows
      : provinceMembers(user.provinceCode).map((unit) => (unit.level === 'city' ? cityRow(unit.code, unit.name, countyRows) : { ...countyRow.get(unit.code)!, unitName: unit.name }));
  const total = sumFigures(rows.map((r) => r.submitted));
  const unitName = findUnit(unitCode)?.name ?? unitCode;
  const table = buildRollupTable({
    unitName,
    cutoffDate,
    units: rows.map((r) => ({ unitName: r.unitName, figures: r.submitted, nationalPlatformNames: r.nationalPlatformNames })),
    signatures: { filledBy: '', phone: '', filledOn: today },
  });
  return ok({ level, unitCode, unitName, cutoffDate, rows, total, computedTotal: sumFigures(rows.map((r) => r.computed)), table });
}

function cityRow(code: string, name: string, countyRows: readonly RollupRow[]): RollupRow {
  const members = new Set(countiesOf(code).map((c) => c.code));
  const mine = countyRows.filter((r) => members.has(r.unitCode));
  const submitted = sumFigures(mine.map((r) => r.submitted));
  const names = [...new Set(mine.flatMap((r) => r.nationalPlatformNames))];
  return {
    unitCode: code,
    unitName: name,
    status: null,
    reportedCounties: mine.reduce((n, r) => n + r.reportedCounties, 0),
    countyCount: mine.length,
    submitted,
    computed: sumFigures(mine.map((r) => r.computed)),
    differs: [...new Set(mine.flatMap((r) => r.differs))],
    nationalPlatformNames: names,
  };
}
