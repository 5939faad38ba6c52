/**
 * Exports of the trainee list and the training records to .xlsx, with the template's columns so an export can be
 * imported again (into another store, or after corrections). ID numbers and phones are masked unless the clerk asks
 * for full numbers, which is recorded in the audit log. Rows are read in keyset pages of 1,000 and streamed out.
 */
import type { Knex } from 'knex';
import { categoryName, type PersonCategory } from '../../../src-shared/domain/categories';
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import { maskPhone } from '../../../src-shared/domain/phone';
import { TRAINEE_SHEET, type ImportKind } from '../../../src-shared/schemas/import';
import { recordAuditOnly } from '../change-set';
import { openTraineeColumns } from '../db/trainee-sealing';
import { templateColumns } from '../import/template';
import { personalDataOf } from '../secrets/personal-data';
import type { Session } from '../session';
import { writeXlsxList, type ListValue } from './xlsx-list';

const PAGE = 1000;

/** The trainee row as exported: the sheet's stored columns and the platform's name. */
type TraineeExportRow = Record<string, unknown> & { id: string; platform_name: string | null };

/** The stored columns the trainee sheet reads (categories come from their own table, the platform by name). */
const TRAINEE_EXPORT_COLUMNS = TRAINEE_SHEET.filter((c) => !c.spec.storedApart && c.spec.display !== 'reference').map((c) => `t.${c.spec.column}`);

/** One sheet cell of a trainee, in the words the template uses, numbers masked unless `full`. */
function traineeCell(column: (typeof TRAINEE_SHEET)[number], row: TraineeExportRow, categories: readonly PersonCategory[], full: boolean): ListValue {
  const value = row[column.spec.column];
  switch (column.spec.display) {
    case 'idNumber':
      return full ? (value as string) : maskIdNumber(value as string);
    case 'phone':
      return full ? (value as string) : maskPhone(value as string);
    case 'categories':
      return categories.map(categoryName).join('、');
    case 'hukou':
      // 待补充 reads back as unknown on a re-import (readHukou), not as a wrong value.
      return value === null || value === undefined ? '待补充' : value === 1 ? '农村' : '城镇';
    case 'reference':
      return row.platform_name;
    default:
      return (value ?? null) as ListValue;
  }
}

interface EnrolmentExportRow {
  id: string;
  id_number: string;
  name: string;
  platform_name: string;
  occupation_name: string | null;
  course_name: string;
  start_date: string;
  end_date: string | null;
  hours: number;
  signed_in: number;
  learning_record: string | null;
  test_result: string | null;
}

async function* traineeRows(db: Knex, full: boolean): AsyncGenerator<ListValue[]> {
  const cipher = personalDataOf(db);
  let after = '';
  for (;;) {
    const page = await db('trainees as t')
      .leftJoin('platforms as p', 'p.id', 't.platform_id')
      .whereNull('t.deleted_at')
      .where('t.id', '>', after)
      .orderBy('t.id')
      .limit(PAGE)
      .select<TraineeExportRow[]>('t.id', ...TRAINEE_EXPORT_COLUMNS, 'p.name as platform_name');
    if (page.length === 0) return;
    const categories = new Map<string, PersonCategory[]>();
    const categoryRows = await db('trainee_categories')
      .whereIn('trainee_id', page.map((r) => r.id))
      .select<Array<{ trainee_id: string; category: PersonCategory }>>('trainee_id', 'category');
    for (const c of categoryRows) categories.set(c.trainee_id, [...(categories.get(c.trainee_id) ?? []), c.category]);
    for (const sealed of page) {
      const r = openTraineeColumns(cipher, sealed);
      const own = categories.get(r.id) ?? [];
      yield TRAINEE_SHEET.map((column) => traineeCell(column, r, own, full));
    }
    after = page[page.length - 1]!.id;
  }
}

async function* enrolmentRows(db: Knex, full: boolean): AsyncGenerator<ListValue[]> {
  const cipher = personalDataOf(db);
  let after = '';
  for (;;) {
    const page = await db('enrolments as e')
      .join('trainees as t', 't.id', 'e.trainee_id')
      .join('platforms as p', 'p.id', 'e.platform_id')
      .leftJoin('occupations as o', 'o.id', 'e.occupation_id')
      .whereNull('e.deleted_at')
      .whereNull('t.deleted_at')
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(PAGE)
      .select<EnrolmentExportRow[]>(
        'e.id', 't.id_number', 't.name', 'p.name as platform_name', 'o.name as occupation_name', 'e.course_name', 'e.start_date',
        'e.end_date', 'e.hours', 'e.signed_in', 'e.learning_record', 'e.test_result',
      );
    if (page.length === 0) return;
    for (const r of page) {
      yield [
        full ? cipher.open(r.id_number) : maskIdNumber(cipher.open(r.id_number)),
        r.name,
        r.platform_name,
        r.occupation_name,
        r.course_name,
        r.start_date,
        r.end_date,
        Number(r.hours),
        r.signed_in === 1 ? '是' : '否',
        r.learning_record,
        r.test_result,
      ];
    }
    after = page[page.length - 1]!.id;
  }
}

/** Writes the export to `file`; returns the number of data rows. */
export async function exportList(db: Knex, session: Session, kind: ImportKind, fullNumbers: boolean, file: string): Promise<number> {
  const actor = await session.actor();
  const columns = templateColumns(kind);
  const rows = kind === 'trainees' ? traineeRows(db, fullNumbers) : enrolmentRows(db, fullNumbers);
  const count = await writeXlsxList(file, kind === 'trainees' ? '学员名单' : '培训记录', columns, rows);
  if (fullNumbers) {
    // Who took a file of full ID numbers off this computer, and when: the same trail as revealing one number.
    await db.transaction((trx) =>
      recordAuditOnly(trx, actor, { entity: 'export', entityId: kind, action: 'export_full_numbers', changes: { kind, rows: count } }),
    );
  }
  return count;
}

export function exportFileName(kind: ImportKind, today: string): string {
  return `${kind === 'trainees' ? '学员名单' : '培训记录'}-${today}.xlsx`;
}
