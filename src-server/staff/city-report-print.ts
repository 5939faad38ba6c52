/**
 * The city report printed (issue #15 item 6): the official table with one row per county and 合计, the 附页 of the
 * adopted ministry-recommended platforms, and the 填表人 / 审核人 / 联系电话 / 填报日期 lines, built with the table model
 * the county table and the roll-up use (src-shared/domain/dispatch-table.ts), so the same HTML, PDF and .xlsx
 * renderers print it. It prints the rows **as the city submitted them** (city_reports.rows, frozen at 上报), not
 * today's roll-up: what the province judges is what the city signed. A county left out by 强制上报 prints with 0, and
 * the note under the table names the counties left out (in the narrow unit column a mark would wrap). 填表人 is who submitted it and 填报日期 the day (China time); 审核人 and 联系电话 stay blank
 * for the hand signature and the stamp, as on the county table printed without them.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { FIGURE_KEYS, type Figures } from '../../src-shared/domain/dispatch-figures';
import { buildRollupTable, type DispatchTableModel } from '../../src-shared/domain/dispatch-table';
import { findUnit } from '../../src-shared/domain/units';
import { chinaDate } from './board-service';
import { cityReportsFor } from './level-repository';
import { reportsFor } from './report-repository';
import { fail, ok, type StaffResult } from './staff-result';
import { countiesInScope, type StaffUser } from './staff-scope';

const figures = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number()])) as Record<(typeof FIGURE_KEYS)[number], z.ZodNumber>);

/** city_reports.rows as city-report-service.ts writes them; platform names only since the city report was printable. */
export const frozenRowsSchema = z.object({
  rows: z.array(z.object({ countyCode: z.string(), countyName: z.string(), accepted: z.boolean(), figures, nationalPlatformNames: z.array(z.string()).optional() })),
});

/** The note's addition naming the counties a 强制上报 left out. */
export function leftOutNote(names: readonly string[]): string {
  return names.length > 0 ? `；${names.join('、')}本期未审核通过，未计入本表（强制上报）` : '';
}

export interface CityReportTable {
  cityName: string;
  cutoffDate: string;
  table: DispatchTableModel;
}

export async function cityReportTable(db: Knex, user: StaffUser, cityCode: string, cutoffDate: string): Promise<StaffResult<CityReportTable>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const city = findUnit(cityCode);
  if (city?.level !== 'city') return fail('NOT_FOUND', `没有代码为 ${cityCode} 的地市`);
  const row = (await cityReportsFor(db, cutoffDate, [cityCode])).get(cityCode);
  if (!row || !row.rows || !row.submitted_at || row.stage === 'open' || row.stage === 'withdrawn') {
    return fail('CONFLICT', `${city.name}本期（截至 ${cutoffDate}）还没有上报市级报表，没有可打印的市级报表。上报后再打印；各县汇总数可在“汇总调度表”查看和打印。`);
  }
  const parsed = frozenRowsSchema.safeParse(safeJson(row.rows));
  if (!parsed.success) return fail('UNAVAILABLE', '市级报表的内容无法读取，请联系省里的系统管理员');
  const frozen = parsed.data.rows;
  // City reports submitted before the rows kept platform names: the accepted reports, locked since, still hold them.
  const reports = frozen.some((r) => r.accepted && !r.nationalPlatformNames) ? await reportsFor(db, cutoffDate, frozen.map((r) => r.countyCode)) : new Map();
  const table = buildRollupTable({
    unitName: city.name,
    cutoffDate,
    units: frozen.map((r) => ({
      unitName: r.countyName,
      figures: r.figures as Figures,
      nationalPlatformNames: r.accepted ? (r.nationalPlatformNames ?? reports.get(r.countyCode)?.nationalPlatformNames ?? []) : [],
    })),
    signatures: { filledBy: row.submitted_by_name ?? '', phone: '', filledOn: chinaDate(row.submitted_at) },
  });
  const leftOut = frozen.filter((r) => !r.accepted).map((r) => r.countyName);
  return ok({ cityName: city.name, cutoffDate, table: { ...table, note: `${table.note}${leftOutNote(leftOut)}` } });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
