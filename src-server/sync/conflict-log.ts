/**
 * Keeps the value that lost a field-level merge: a row in sync_conflicts (the database may hold personal
 * data, logs may not) and one notice to the county per op, so the clerk can review it and, if the kept
 * value is wrong, simply edit the record again (that edit carries a newer stamp and wins).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import type { FeedItemInput } from '../repositories/feed-repository';
import type { FieldConflict } from './field-merge';

const FIELD_LABELS: Record<string, string> = {
  id_number: '身份证号',
  name: '姓名',
  phone: '手机号',
  categories: '人员类别',
  rural_hukou: '农村户籍',
  registered_at: '登记日期',
  platform_id: '培训平台',
  note: '备注',
  course_name: '课程名称',
  hours: '学时',
  start_date: '开始日期',
  end_date: '结束日期',
  signed_in: '是否签到',
  learning_record: '学习记录',
  test_result: '测试结果',
  occupation_id: '培训工种',
  trainee_id: '所属学员',
};

const ENTITY_LABELS: Record<string, string> = { trainee: '学员', enrolment: '培训记录' };

/** What the clerk reads for a value: ID numbers masked, flags as 是/否, ids not shown at all. */
function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'id_number' && typeof value === 'string') return maskIdNumber(value);
  if (field === 'rural_hukou' || field === 'signed_in') return Number(value) === 1 ? '是' : '否';
  if (field === 'platform_id' || field === 'trainee_id' || field === 'occupation_id') return '另一项';
  return String(value).slice(0, 100);
}

export interface ConflictContext {
  countyCode: string;
  entity: 'trainee' | 'enrolment';
  entityId: string;
  opId: string;
  now: string;
}

export async function recordConflicts(trx: Knex.Transaction, ctx: ConflictContext, conflicts: readonly FieldConflict[], feed: FeedItemInput[]): Promise<void> {
  if (conflicts.length === 0) return;
  await trx('sync_conflicts').insert(
    conflicts.map((c) => ({
      id: randomUUID(),
      county_code: ctx.countyCode,
      entity: ctx.entity,
      entity_id: ctx.entityId,
      field: c.field,
      kept_value: JSON.stringify(c.keptValue ?? null),
      kept_hlc: c.keptHlc,
      lost_value: JSON.stringify(c.lostValue ?? null),
      lost_hlc: c.lostHlc,
      lost_op_id: c.incomingLost ? ctx.opId : null,
      at: ctx.now,
    })),
  );
  const lines = conflicts.map((c) => `“${FIELD_LABELS[c.field] ?? c.field}”保留为 ${shown(c.field, c.keptValue)}（较晚的修改），未采用 ${shown(c.field, c.lostValue)}`);
  feed.push({
    dataset: 'notices',
    countyCode: ctx.countyCode,
    itemId: randomUUID(),
    payload: {
      kind: 'sync_conflict',
      title: `两台电脑修改了同一条${ENTITY_LABELS[ctx.entity]}`,
      body: `本单位两台电脑对同一条${ENTITY_LABELS[ctx.entity]}做了不同的修改：${lines.join('；')}。未采用的内容已在省服务器留存备查；如保留的内容不对，请打开该记录重新修改。`,
      createdAt: ctx.now,
      entity: ctx.entity,
      entityId: ctx.entityId,
    },
  });
}
