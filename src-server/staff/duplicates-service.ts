/**
 * ID numbers live in more than one county (the seed asks to stop double subsidy claims). Numbers are
 * masked before they leave this module; a city user sees the cases that involve one of its counties,
 * with every county involved (it needs to know whom to call), nothing else of other cities.
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { ok, type StaffResult } from './staff-result';
import { countiesInScope, countyDisplayName, type StaffUser } from './staff-scope';

/** Numbers per lookup: well under SQLite's limit of bound parameters. */
const NUMBERS_PER_QUERY = 500;

export interface DuplicateCase {
  maskedIdNumber: string;
  registrations: Array<{ countyCode: string; countyName: string; registeredAt: string; syncedAt: string }>;
}

export async function listDuplicates(db: Knex, user: StaffUser, cityCode: string | null): Promise<StaffResult<{ cases: DuplicateCase[] }>> {
  const scope = countiesInScope(user, cityCode);
  if (!scope.ok) return scope;
  const mine = scope.data.map((c) => c.code);
  // A number is live at most once per county (unique index trainees_county_id_number_live), so more
  // than one live row is more than one county: count(*) streams over the live (id_number, county_code)
  // index, where count(distinct county_code) would sort within every number. The numbers are fetched
  // first and their rows by index afterwards: as one statement, PostgreSQL expected a third of all
  // numbers to match and read the whole table to join them.
  const numbers = await db('trainees').whereNull('deleted_at').groupBy('id_number').havingRaw('count(*) > 1').orderBy('id_number').pluck<string[]>('id_number');
  const rows: Array<{ id_number: string; county_code: string; registered_at: string; created_at: string }> = [];
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_QUERY) {
    rows.push(
      ...(await db('trainees')
        .whereNull('deleted_at')
        .whereIn('id_number', numbers.slice(start, start + NUMBERS_PER_QUERY))
        .orderBy([{ column: 'id_number' }, { column: 'registered_at' }])
        .select<typeof rows>('id_number', 'county_code', 'registered_at', 'created_at')),
    );
  }
  const inScope = new Set(mine);
  const byNumber = new Map<string, typeof rows>();
  for (const row of rows) byNumber.set(row.id_number, [...(byNumber.get(row.id_number) ?? []), row]);
  const cases: DuplicateCase[] = [];
  for (const [idNumber, group] of byNumber) {
    // A sync between the two queries may have deleted one of the pair: only what is still a case is shown.
    if (new Set(group.map((r) => r.county_code)).size < 2 || !group.some((r) => inScope.has(r.county_code))) continue;
    cases.push({
      maskedIdNumber: maskIdNumber(idNumber),
      registrations: group.map((r) => ({ countyCode: r.county_code, countyName: countyDisplayName(r.county_code), registeredAt: r.registered_at, syncedAt: r.created_at })),
    });
  }
  return ok({ cases });
}

export async function duplicatesXlsx(cases: readonly DuplicateCase[], created: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Skills Desk server';
  book.created = created;
  const sheet = book.addWorksheet('跨县重复登记');
  sheet.columns = [
    { header: '序号', width: 8 },
    { header: '身份证号（已隐去部分）', width: 24 },
    { header: '登记单位', width: 24 },
    { header: '登记日期', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  cases.forEach((c, index) => {
    for (const r of c.registrations) sheet.addRow([index + 1, c.maskedIdNumber, r.countyName, r.registeredAt]);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
