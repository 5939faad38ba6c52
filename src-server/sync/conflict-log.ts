/**
 * Keeps the value that lost a field-level merge: a row in sync_conflicts (the database may hold personal
 * data, logs may not) and one notice to the county per op, so the clerk can review it and, if the kept
 * value is wrong, simply edit the record again (that edit carries a newer stamp and wins).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { maskPhone } from '../../src-shared/domain/phone';
import type { FeedItemInput } from '../repositories/feed-repository';
import type { FieldConflict } from './field-merge';
import type { SyncedField } from '../../src-shared/fields/field-spec';
import { ENROLMENT_TABLE } from '../../src-shared/fields/enrolment-fields';
import { TRAINEE_TABLE } from '../../src-shared/fields/trainee-fields';
import type { PersonalDataCipher } from '../secrets/personal-data';
import { conflictPlace } from '../secrets/seal-stored-data';

/** Trainee columns stored sealed (secrets/personal-data.ts): their kept and lost values are sealed here too. */
const SEALED_TRAINEE_COLUMNS = new Set(['id_number', 'phone']);

/** Per entity, the stored column -> its table entry (label and how its value reads). */
const FIELDS_BY_COLUMN: Record<ConflictContext['entity'], ReadonlyMap<string, SyncedField>> = {
  trainee: new Map(TRAINEE_TABLE.map((f) => [f.column, f])),
  enrolment: new Map(ENROLMENT_TABLE.map((f) => [f.column, f])),
};

const ENTITY_LABELS: Record<string, string> = { trainee: '学员', enrolment: '培训记录' };

/** What the clerk reads for a value: ID numbers and phones masked, flags in the form's words, ids not shown at all. */
function shown(spec: SyncedField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return spec?.display === 'hukou' ? '待补充' : '（空）';
  switch (spec?.display) {
    case 'idNumber':
      return typeof value === 'string' ? maskIdNumber(value) : String(value);
    case 'phone':
      // The notice is stored in the feed: masked like the ID number, so the feed holds no phone either.
      return typeof value === 'string' ? maskPhone(value) : String(value);
    case 'hukou':
      return Number(value) === 1 ? '农村' : '城镇';
    case 'yesNo':
      return Number(value) === 1 ? '是' : '否';
    case 'reference':
      return '另一项';
    default:
      return String(value).slice(0, 100);
  }
}

export interface ConflictContext {
  countyCode: string;
  entity: 'trainee' | 'enrolment';
  entityId: string;
  opId: string;
  now: string;
}

export async function recordConflicts(trx: Knex.Transaction, ctx: ConflictContext, conflicts: readonly FieldConflict[], feed: FeedItemInput[], cipher: PersonalDataCipher): Promise<void> {
  if (conflicts.length === 0) return;
  await trx('sync_conflicts').insert(
    conflicts.map((c) => {
      const id = randomUUID();
      const sealed = ctx.entity === 'trainee' && SEALED_TRAINEE_COLUMNS.has(c.field);
      const kept = (side: 'kept' | 'lost', value: unknown) => JSON.stringify(sealed && typeof value === 'string' ? cipher.sealKept(conflictPlace(id, side), value) : (value ?? null));
      return {
        id,
        county_code: ctx.countyCode,
        entity: ctx.entity,
        entity_id: ctx.entityId,
        field: c.field,
        kept_value: kept('kept', c.keptValue),
        kept_hlc: c.keptHlc,
        lost_value: kept('lost', c.lostValue),
        lost_hlc: c.lostHlc,
        lost_op_id: c.incomingLost ? ctx.opId : null,
        at: ctx.now,
      };
    }),
  );
  const fields = FIELDS_BY_COLUMN[ctx.entity];
  const lines = conflicts.map((c) => {
    const spec = fields.get(c.field);
    return `“${spec?.label ?? c.field}”保留为 ${shown(spec, c.keptValue)}（较晚的修改），未采用 ${shown(spec, c.lostValue)}`;
  });
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
