/**
 * Who is working, for which county. The operator is the one logged in at the keyboard with their PIN
 * (operator-lock/keyboard-session.ts), never a name sent with a request: the router refuses every call
 * while nobody is logged in, so each audit and outbox row names the clerk who was at the keyboard.
 */
import type { Knex } from 'knex';
import { AppError } from '../../src-shared/errors';
import type { Actor } from './change-set';
import { OperatorRepository } from './db/repositories/operator-repository';
import { SettingsRepository } from './db/repositories/settings-repository';
import { KeyboardSession } from './operator-lock/keyboard-session';

export class Session {
  private readonly settings: SettingsRepository;
  private readonly operators: OperatorRepository;

  constructor(
    db: Knex,
    readonly keyboard: KeyboardSession = new KeyboardSession(),
  ) {
    this.settings = new SettingsRepository(db);
    this.operators = new OperatorRepository(db);
  }

  /** The same session reading through a transaction (services bound to it must not use the root db). */
  on(trx: Knex): Session {
    return new Session(trx, this.keyboard);
  }

  async countyCode(): Promise<string> {
    const code = await this.settings.get<string>('countyCode');
    if (!code) throw new AppError('NOT_CONFIGURED', '尚未设置本单位，请先完成首次设置（选择县区并填写操作员）');
    return code;
  }

  async actor(): Promise<Actor> {
    const atKeyboard = this.keyboard.actor();
    if (atKeyboard) return atKeyboard;
    // Outside the router only: the headless commands (skills-desk import, sync, export, run by the user who owns
    // the data folder) act as the operator who last logged in on this PC with their PIN.
    const id = await this.settings.get<string>('currentOperatorId');
    const operator = id ? await this.operators.find(id) : null;
    if (!operator) throw new AppError('LOCKED', '请先登录：选择操作员并输入 PIN');
    return { operatorId: operator.id, operatorName: operator.name };
  }
}
