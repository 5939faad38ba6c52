/**
 * Columns the file lacks. A field may be given one value for every row (户籍 = 城镇 for the list of an urban
 * street office, 注册日期 = the day of a registration drive); 户籍 and 人员类别 may also stay unknown (待补充) when
 * nothing is given. What each field allows comes from the field table (src-shared/fields/trainee-fields.ts).
 */
import { AppError } from '../../../src-shared/errors';
import { TRAINEE_SHEET, type ImportDryRun, type ImportField, type ImportKind } from '../../../src-shared/schemas/import';
import { fieldLabel, fieldsOf, missingFields, type ColumnMap } from './headers';
import type { ColumnFill } from './row-parse';

/** Per-person values can never be the same on every row. */
const ENROLMENT_FILLABLE: ReadonlySet<ImportField> = new Set(['platform', 'occupation', 'courseName', 'startDate', 'endDate', 'hours', 'signedIn', 'learningRecord', 'testResult']);
const TRAINEE_FILLABLE: ReadonlySet<ImportField> = new Set(TRAINEE_SHEET.filter((c) => c.fillable).map((c) => c.name));
const MAY_STAY_UNKNOWN: ReadonlySet<ImportField> = new Set(TRAINEE_SHEET.filter((c) => c.mayStayUnknown).map((c) => c.name));

export function isFillable(kind: ImportKind, field: ImportField): boolean {
  return (kind === 'trainees' ? TRAINEE_FILLABLE : ENROLMENT_FILLABLE).has(field);
}

export function mayStayUnknown(kind: ImportKind, field: ImportField): boolean {
  return kind === 'trainees' && MAY_STAY_UNKNOWN.has(field);
}

/** Refuses a value for a field that has a column, that cannot be the same on every row, or an unknown where not allowed. */
export function checkFill(kind: ImportKind, map: ColumnMap, fill: ColumnFill): void {
  for (const [field, value] of Object.entries(fill) as Array<[ImportField, string | null | undefined]>) {
    if (value === undefined) continue;
    const label = fieldLabel(kind, field);
    if (!fieldsOf(kind).includes(field)) throw AppError.field('fill', `这类导入没有“${label}”这一项。`);
    if (map.fields.includes(field)) throw AppError.field('fill', `文件中已有“${label}”列，不能再统一填写。请去掉统一填写的值，或在列对应中忽略那一列。`);
    if (!isFillable(kind, field)) throw AppError.field('fill', `“${label}”每个人都不同，不能统一填写。请在文件中加上这一列。`);
    if ((value === null || value === '') && !mayStayUnknown(kind, field) && missingFields(kind, map).includes(field)) {
      throw AppError.field('fill', `“${label}”不能留待补充。请统一填写一个值，或在文件中加上这一列。`);
    }
  }
}

/** Required fields with neither a column nor a value for every row: the import cannot go on. */
export function stillMissing(kind: ImportKind, map: ColumnMap, fill: ColumnFill): ImportField[] {
  return missingFields(kind, map).filter((f) => typeof fill[f] !== 'string' || fill[f] === '');
}

/** Every field the file has no column for that the clerk can do something about. */
export function absentFields(kind: ImportKind, map: ColumnMap, fill: ColumnFill): ImportDryRun['absentFields'] {
  const missing = new Set(stillMissing(kind, map, fill));
  return fieldsOf(kind)
    .filter((field) => !map.fields.includes(field) && (isFillable(kind, field) || missing.has(field)))
    .map((field) => ({
      field,
      label: fieldLabel(kind, field),
      fill: typeof fill[field] === 'string' && fill[field] !== '' ? fill[field]! : null,
      mayStayUnknown: mayStayUnknown(kind, field),
      missing: missing.has(field),
    }));
}
