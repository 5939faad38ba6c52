/**
 * Every field of a trainee that is synced, declared once. The zod rules (and their messages) stay in
 * schemas/trainee.ts; field-table.test.ts fails when the two disagree. Labels are the entry form's words.
 * Adding a field: docs/recipes/add-a-field.md.
 */
import { PERSON_CATEGORY_CODES } from '../domain/categories';
import { parseIdNumber } from '../domain/id-card';
import { parsePhone } from '../domain/phone';
import {
  dateCodec,
  derivedCodec,
  optionalFlagCodec,
  optionalTextCodec,
  referenceCodec,
  SLOW,
  textCodec,
  type FieldCodec,
  type SyncedField,
} from './field-spec';

const CATEGORIES: ReadonlySet<string> = new Set(PERSON_CATEGORY_CODES);

/** The normalised 18-character number; its check is kept for birth date and sex. */
const idNumberCodec: FieldCodec = {
  kind: 'idNumber',
  toColumn: (v) => v,
  fromColumn: (v) => v,
  fast(v, context) {
    if (typeof v !== 'string') return SLOW;
    const idCard = parseIdNumber(v, { today: context.today });
    if (!idCard.ok || idCard.value.idNumber !== v) return SLOW;
    context.idCard = idCard;
    return v;
  },
};

const phoneCodec: FieldCodec = {
  kind: 'phone',
  toColumn: (v) => v,
  fromColumn: (v) => v,
  fast(v) {
    if (typeof v !== 'string') return SLOW;
    const parsed = parsePhone(v);
    return parsed.ok && parsed.value === v ? v : SLOW;
  },
};

/** Codes on the wire; a JSON array on the server; a table of their own on the desktop. Duplicates fold, as in zod. */
const categoriesCodec: FieldCodec = {
  kind: 'categories',
  toColumn: (v) => JSON.stringify(v),
  fromColumn: (v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v),
  fast(v) {
    if (!Array.isArray(v) || v.length > CATEGORIES.size) return SLOW;
    for (const code of v) if (typeof code !== 'string' || !CATEGORIES.has(code)) return SLOW;
    return [...new Set(v)];
  },
};

const ID_NUMBER_SYNONYMS = ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '证件号', '身份证', '身份号码'];
export const NAME_SYNONYMS = ['姓名', '名字', '学员姓名'];
export { ID_NUMBER_SYNONYMS };

export const TRAINEE_TABLE = [
  {
    field: 'idNumber', column: 'id_number', label: '身份证号', codec: idNumberCodec, display: 'idNumber', absent: 'required', merge: 'lww',
    sheet: { position: 2, width: 22, text: true, required: true, synonyms: ID_NUMBER_SYNONYMS },
  },
  {
    field: 'name', column: 'name', label: '姓名', codec: textCodec(1, 30, /[0-9@#$%^&*=<>]/), display: 'plain', absent: 'required', merge: 'lww',
    sheet: { position: 1, width: 12, required: true, synonyms: NAME_SYNONYMS },
  },
  {
    field: 'phone', column: 'phone', label: '联系电话', codec: phoneCodec, display: 'phone', absent: 'required', merge: 'lww',
    sheet: { position: 3, width: 16, text: true, required: true, synonyms: ['手机', '手机号', '手机号码', '联系电话', '电话', '电话号码', '联系方式'] },
  },
  {
    field: 'categories', column: 'categories', label: '人员类别', codec: categoriesCodec, display: 'categories', absent: 'required', merge: 'lww', storedApart: true,
    sheet: { position: 4, width: 30, mayStayUnknown: true, fillable: true, synonyms: ['人员类别', '类别', '人员类型', '对象类别', '培训对象类别', '身份类别'] },
  },
  {
    field: 'ruralHukou', column: 'rural_hukou', label: '户籍', codec: optionalFlagCodec, display: 'hukou', absent: 'required', merge: 'lww',
    sheet: { position: 5, width: 10, mayStayUnknown: true, fillable: true, synonyms: ['户籍', '户口性质', '户籍性质', '户口类型', '户籍类型', '户口', '是否农村户籍', '是否农村户口'] },
  },
  {
    field: 'registeredAt', column: 'registered_at', label: '注册日期', codec: dateCodec, display: 'plain', absent: 'required', merge: 'lww',
    sheet: { position: 6, width: 14, required: true, fillable: true, synonyms: ['注册日期', '登记日期', '注册时间', '登记时间', '报名日期', '报名时间', '实名注册日期'] },
  },
  {
    field: 'platformId', column: 'platform_id', label: '注册平台', codec: referenceCodec, display: 'reference', absent: 'null', merge: 'lww',
    sheet: { position: 7, width: 36, sheetField: 'platform', fillable: true, synonyms: ['注册平台', '平台', '平台名称', '培训平台'] },
  },
  {
    field: 'note', column: 'note', label: '备注', codec: optionalTextCodec(200), display: 'plain', absent: 'keep', merge: 'lww',
    sheet: { position: 8, width: 24, fillable: true, synonyms: ['备注', '说明'] },
  },
  // Derived from the ID number on both sides; sent along in a put and a patch, recomputed by the server.
  { field: 'birthDate', column: 'birth_date', label: '出生日期', codec: derivedCodec, display: 'plain', absent: 'keep', merge: 'derived' },
  { field: 'sex', column: 'sex', label: '性别', codec: derivedCodec, display: 'sex', absent: 'keep', merge: 'derived' },
] as const satisfies readonly SyncedField[];

export type TraineeFieldName = (typeof TRAINEE_TABLE)[number]['field'];
