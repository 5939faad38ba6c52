/**
 * Who is working, for which county: read from settings on each change so that switching operators
 * takes effect at once and the audit log always names the right clerk.
 */
import type { Knex } from 'knex';
import { AppError } from '../../src-shared/errors';
import type { Actor } from './change-set';
import { OperatorRepository } from './db/repositories/operator-repository';
import { SettingsRepository } from './db/repositories/settings-repository';

export class Session {
  private readonly settings: SettingsRepository;
  private readonly operators: OperatorRepository;

  constructor(db: Knex) {
    this.settings = new SettingsRepository(db);
    this.operators = new OperatorRepository(db);
  }

  async countyCode(): Promise<string> {
    const code = await this.settings.get<string>('countyCode');
    if (!code) throw new AppError('NOT_CONFIGURED', '尚未设置本单位，请先完成首次设置（选择县区并填写操作员）');
    return code;
  }

  async actor(): Promise<Actor> {
    const id = await this.settings.get<string>('currentOperatorId');
    const operator = id ? await this.operators.find(id) : null;
    if (!operator) throw new AppError('NOT_CONFIGURED', '请先选择或添加操作员');
    return { operatorId: operator.id, operatorName: operator.name };
  }
}
