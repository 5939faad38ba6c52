/**
 * Finding the header row and the meaning of each column. County sheets put a merged title (and sometimes a unit
 * and date line) above the header, name columns in many ways (身份证号/身份证号码/公民身份号码/证件号码...), and
 * decorate them ('*姓名', '联系电话（手机）'). A column is recognised by its cleaned header: exactly a synonym, or
 * containing one; the longest synonym wins so that '培训开始日期' is a start date and not just 'a date'.
 */
import { stripAllSpaces, toHalfWidth } from '../../../src-shared/domain/half-width';
import {
  ENROLMENT_FIELDS,
  TRAINEE_FIELDS,
  TRAINEE_SHEET,
  type EnrolmentField,
  type ImportField,
  type ImportKind,
  type TraineeField,
} from '../../../src-shared/schemas/import';
import { ID_NUMBER_SYNONYMS, NAME_SYNONYMS } from '../../../src-shared/fields/trainee-fields';
import { cellText } from './cells';
import type { RawCell, SheetRow } from './sheet-source';

const ID_NUMBER = [...ID_NUMBER_SYNONYMS];
const NAME = [...NAME_SYNONYMS];

/** The trainee sheet's header words come with the field table (the label is always one of them). */
const TRAINEE_SYNONYMS = Object.fromEntries(TRAINEE_SHEET.map((c) => [c.name, [...c.synonyms]])) as Record<TraineeField, string[]>;

const ENROLMENT_SYNONYMS: Record<EnrolmentField, string[]> = {
  idNumber: ID_NUMBER,
  name: NAME,
  platform: ['培训平台', '平台', '平台名称', '线上平台'],
  occupation: ['职业', '工种', '职业工种', '培训职业', '培训工种'],
  courseName: ['课程名称', '课程', '培训课程', '课程名', '培训项目', '培训内容'],
  startDate: ['开始日期', '开始时间', '培训开始日期', '开课日期', '起始日期'],
  endDate: ['结束日期', '结束时间', '培训结束日期', '结业日期'],
  hours: ['学时', '课时', '培训学时', '学时数'],
  signedIn: ['签到', '是否签到', '签到情况'],
  learningRecord: ['学习记录', '学习情况', '学习进度'],
  testResult: ['答疑测试结果', '测试结果', '答疑测试', '考试结果', '测试成绩', '考核结果', '成绩'],
  // A platform's record sheet often carries the learner's own details: read to register an unregistered trainee.
  phone: TRAINEE_SYNONYMS.phone,
  categories: TRAINEE_SYNONYMS.categories,
  ruralHukou: TRAINEE_SYNONYMS.ruralHukou,
  registeredAt: TRAINEE_SYNONYMS.registeredAt,
};


export const REQUIRED_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  trainees: TRAINEE_SHEET.filter((c) => c.required).map((c) => c.name),
  enrolments: ['idNumber', 'platform', 'courseName', 'startDate', 'hours', 'signedIn'],
};

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'trainees' ? TRAINEE_FIELDS : ENROLMENT_FIELDS;
}

function synonymsOf(kind: ImportKind): Array<[ImportField, string[]]> {
  return Object.entries(kind === 'trainees' ? TRAINEE_SYNONYMS : ENROLMENT_SYNONYMS) as Array<[ImportField, string[]]>;
}

/** '*身份证号码（必填）' -> '身份证号码': marks, spaces and bracketed remarks removed. */
export function cleanHeader(text: string): string {
  return stripAllSpaces(toHalfWidth(text))
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[*※:：#]/g, '');
}

export function matchHeader(kind: ImportKind, header: string): ImportField | null {
  const cleaned = cleanHeader(header);
  if (cleaned === '') return null;
  let best: { field: ImportField; length: number; exact: boolean } | null = null;
  let tie = false;
  for (const [field, synonyms] of synonymsOf(kind)) {
    for (const synonym of synonyms) {
      const exact = cleaned === synonym;
      if (!exact && !cleaned.includes(synonym)) continue;
      const better = !best || (exact && !best.exact) || (exact === best.exact && synonym.length > best.length);
      if (better) {
        tie = false;
        best = { field, length: synonym.length, exact };
      } else if (best && best.field !== field && exact === best.exact && synonym.length === best.length) tie = true;
    }
  }
  return best && !tie ? best.field : null;
}

export interface ColumnMap {
  headerRow: number;
  headers: string[];
  /** Index 0 = column A. */
  fields: Array<ImportField | null>;
}

/**
 * Maps each header cell to a field; a field claimed twice keeps its first column. `manual` (from the UI: column
 * number 1 = A -> field or null) overrides what the synonyms found.
 */
export function mapColumns(kind: ImportKind, header: SheetRow, manual: Record<string, ImportField | null> = {}): ColumnMap {
  const headers = header.cells.map((c: RawCell) => cellText(c));
  const allowed = new Set(fieldsOf(kind));
  const fields: Array<ImportField | null> = headers.map((h) => matchHeader(kind, h));
  for (const [column, field] of Object.entries(manual)) {
    const index = Number(column) - 1;
    if (index < 0) continue;
    while (headers.length <= index) headers.push('');
    fields[index] = field !== null && allowed.has(field) ? field : null;
  }
  const claimed = new Set<ImportField>();
  const manualFields = new Set(Object.values(manual).filter((f): f is ImportField => f !== null));
  // A hand-mapped column wins over a synonym match for the same field.
  fields.forEach((field, index) => {
    if (field === null) return;
    const isManual = Object.hasOwn(manual, String(index + 1));
    if (claimed.has(field) || (!isManual && manualFields.has(field))) fields[index] = null;
    else claimed.add(field);
  });
  return { headerRow: header.rowNumber, headers, fields };
}

export function missingFields(kind: ImportKind, map: ColumnMap): ImportField[] {
  return REQUIRED_FIELDS[kind].filter((f) => !map.fields.includes(f));
}

// The labels are shared with the renderer's column-mapping screen.
export { fieldLabel, FIELD_LABELS } from '../../../src-shared/schemas/import';
