/**
 * Every field of a training record (enrolment) that is synced, declared once; the zod rules stay in
 * schemas/enrolment.ts (field-table.test.ts holds the two together). Labels are the course form's words.
 * The import sheet of training records names the trainee by ID number instead of traineeId, so its
 * columns stay in schemas/import.ts.
 */
import {
  dateCodec,
  flagCodec,
  optionalDateCodec,
  optionalTextCodec,
  referenceCodec,
  requiredReferenceCodec,
  SLOW,
  textCodec,
  type FieldCodec,
  type SyncedField,
} from './field-spec';

const hoursCodec: FieldCodec = {
  kind: 'hours',
  toColumn: (v) => v,
  fromColumn: (v) => Number(v),
  fast: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 2000 ? v : SLOW),
};

export const ENROLMENT_TABLE = [
  { field: 'traineeId', column: 'trainee_id', label: '所属学员', codec: requiredReferenceCodec, display: 'reference', absent: 'required', merge: 'lww' },
  { field: 'platformId', column: 'platform_id', label: '培训平台', codec: requiredReferenceCodec, display: 'reference', absent: 'required', merge: 'lww' },
  { field: 'occupationId', column: 'occupation_id', label: '职业（工种）', codec: referenceCodec, display: 'reference', absent: 'null', merge: 'lww' },
  { field: 'courseName', column: 'course_name', label: '课程名称', codec: textCodec(1, 100), display: 'plain', absent: 'required', merge: 'lww' },
  { field: 'startDate', column: 'start_date', label: '开始日期', codec: dateCodec, display: 'plain', absent: 'required', merge: 'lww' },
  { field: 'endDate', column: 'end_date', label: '结束日期', codec: optionalDateCodec, display: 'plain', absent: 'null', merge: 'lww' },
  { field: 'hours', column: 'hours', label: '学时', codec: hoursCodec, display: 'plain', absent: 'required', merge: 'lww' },
  { field: 'signedIn', column: 'signed_in', label: '已签到', codec: flagCodec, display: 'yesNo', absent: 'required', merge: 'lww' },
  { field: 'learningRecord', column: 'learning_record', label: '学习记录', codec: optionalTextCodec(500), display: 'plain', absent: 'keep', merge: 'lww' },
  { field: 'testResult', column: 'test_result', label: '测试结果', codec: optionalTextCodec(200), display: 'plain', absent: 'keep', merge: 'lww' },
] as const satisfies readonly SyncedField[];

export type EnrolmentFieldName = (typeof ENROLMENT_TABLE)[number]['field'];
