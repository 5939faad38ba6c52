/**
 * The county's remembered value decisions, as the import page lists and edits them: 学习强国 -> “学习强国”技能频道,
 * 贫困户 -> 建档立卡贫困劳动力, 居民户口 -> left 待补充. A changed choice applies from the next dry run on; a forgotten
 * one is asked again. Each change is in the audit log (who changed which value when).
 */
import type { Knex } from 'knex';
import { AppError } from '../../../src-shared/errors';
import { fieldLabel, type ValueChoice, type ValueField } from '../../../src-shared/schemas/import';
import { recordAuditOnly } from '../change-set';
import { nowIso } from '../clock';
import { ValueChoiceRepository } from '../db/repositories/value-choice-repository';
import type { PlatformService } from '../services/platform-service';
import type { ReferenceService } from '../services/reference-service';
import type { Session } from '../session';
import { looseName } from './cells';
import { ValueResolver } from './value-resolver';

export class ValueChoiceService {
  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly platforms: PlatformService,
    private readonly reference: ReferenceService,
  ) {}

  /** Every target's name, from the same lists a dry run reads. */
  private async resolver(): Promise<ValueResolver> {
    const [platforms, occupations] = await Promise.all([this.platforms.list(), this.reference.occupations()]);
    return new ValueResolver('trainees', { platforms, occupations });
  }

  async list(): Promise<ValueChoice[]> {
    const [choices, resolver] = await Promise.all([new ValueChoiceRepository(this.db).list(), this.resolver()]);
    return choices.map((c) => ({
      field: c.field,
      label: fieldLabel('trainees', c.field),
      value: c.value,
      action: c.action,
      target: c.target,
      targetName: c.target === null ? null : resolver.targetName(c.target),
      updatedAt: c.updatedAt,
    }));
  }

  async set(choice: { field: ValueField; value: string; action: 'map' | 'empty'; target?: string }): Promise<void> {
    const resolver = await this.resolver();
    const target = choice.action === 'map' ? (choice.target ?? '') : null;
    if (target !== null && !resolver.isTarget(choice.field, target)) throw AppError.field('target', `所选的${fieldLabel('trainees', choice.field)}不在目录中，请重新选择。`);
    const actor = await this.session.actor();
    await this.db.transaction(async (trx) => {
      await new ValueChoiceRepository(trx).save([{ field: choice.field, valueKey: looseName(choice.value), value: choice.value, action: choice.action, target }], nowIso(), actor.operatorId);
      await recordAuditOnly(trx, actor, { entity: 'import_value_choice', entityId: choice.field, action: 'update', changes: { value: choice.value, action: choice.action, target } });
    });
  }

  async forget(field: ValueField, value: string): Promise<void> {
    const actor = await this.session.actor();
    await this.db.transaction(async (trx) => {
      // Forgetting what is not remembered (a second click, another window) leaves the same state: not an error.
      const removed = await new ValueChoiceRepository(trx).forget(field, looseName(value));
      if (removed) await recordAuditOnly(trx, actor, { entity: 'import_value_choice', entityId: field, action: 'delete', changes: { value } });
    });
  }
}
