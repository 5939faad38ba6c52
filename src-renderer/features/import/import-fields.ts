/**
 * Chinese names of the fields a column can be mapped to. The main side keeps the same labels in
 * src-main/core/import/headers.ts (FIELD_LABELS), which the renderer may not import; keep the two in step
 * (moving them to src-shared would remove the copy).
 */
import {
  ENROLMENT_FIELDS,
  TRAINEE_FIELDS,
  type ImportField,
  type ImportKind,
} from '../../../src-shared/schemas/import';

const FIELD_LABELS: Record<ImportField, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  categories: '人员类别',
  ruralHukou: '户籍',
  registeredAt: '注册日期',
  platform: '注册平台',
  note: '备注',
  occupation: '职业（工种）',
  courseName: '课程名称',
  startDate: '开始日期',
  endDate: '结束日期',
  hours: '学时',
  signedIn: '是否签到',
  learningRecord: '学习记录',
  testResult: '答疑测试结果',
};

export const KIND_LABELS: Record<ImportKind, string> = { trainees: '学员名单', enrolments: '培训记录' };

export function fieldLabel(kind: ImportKind, field: ImportField): string {
  return kind === 'enrolments' && field === 'platform' ? '培训平台' : FIELD_LABELS[field];
}

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'trainees' ? TRAINEE_FIELDS : ENROLMENT_FIELDS;
}
