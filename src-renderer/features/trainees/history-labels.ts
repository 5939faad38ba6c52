import { categoryName, isPersonCategory } from '../../../src-shared/domain/categories';
import { maskIdNumber } from '../../../src-shared/domain/id-card';
import { maskPhone } from '../../../src-shared/domain/phone';
import type { SyncedField } from '../../../src-shared/fields/field-spec';
import { TRAINEE_TABLE } from '../../../src-shared/fields/trainee-fields';
import type { HistoryEntry } from '../../../src-shared/schemas/trainee';
import { sexLabel } from './trainee-labels';

/** The form's own labels (the field table's), so the history reads like the record the clerk edits. */
const FIELDS = new Map<string, SyncedField>(TRAINEE_TABLE.map((f) => [f.field, f]));

const ACTION_LABELS: Record<string, string> = {
  create: '登记',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  reveal: '查看完整号码',
};

export function fieldLabel(field: string): string {
  return FIELDS.get(field)?.label ?? field;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** A reveal names the field that was looked at, in words: 查看完整身份证号. */
export function revealLabel(entry: HistoryEntry): string {
  const field = entry.changes[0]?.field;
  return field === 'phone' ? '查看完整电话' : field === 'idNumber' ? '查看完整身份证号' : '查看完整号码';
}

/**
 * One stored value in words. ID numbers and phones stay masked here as in the list: reading the
 * history must not be a way around the recorded reveal.
 */
export function describeValue(field: string, value: unknown, platformName: (id: string) => string | null): string {
  if (value === null || value === undefined || value === '') return FIELDS.get(field)?.display === 'hukou' ? '待补充' : '（空）';
  switch (FIELDS.get(field)?.display) {
    case 'idNumber':
      return maskIdNumber(String(value));
    case 'phone':
      return maskPhone(String(value));
    case 'categories':
      return Array.isArray(value) && value.length > 0 ? value.map(categoryLabel).join('、') : '（无）';
    case 'hukou':
      return value === true || value === 1 ? '农村' : '城镇';
    case 'sex':
      return value === 'M' || value === 'F' ? sexLabel(value) : String(value);
    case 'reference':
      return platformName(String(value)) ?? '（已不在目录中的平台）';
    default:
      return String(value);
  }
}

function categoryLabel(code: unknown): string {
  return typeof code === 'string' && isPersonCategory(code) ? categoryName(code) : String(code);
}
