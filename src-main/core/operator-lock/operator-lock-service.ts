/**
 * Logging in at the PC's keyboard (issue #19 item 3): a PIN per operator, set at first use, checked with
 * scrypt; 5 wrong PINs lock that operator for 15 minutes, counted in the store before the PIN is checked so
 * neither a restart nor parallel tries get round it. Every login, failure, lockout and PIN change is audited.
 */
import type { Knex } from 'knex';
import { pinProblem } from '../../../src-shared/domain/operator-pin';
import { AppError } from '../../../src-shared/errors';
import type { SessionState } from '../../../src-shared/schemas/session';
import { hashPassword, verifyPassword } from '../../../src-node/scrypt-hash';
import { recordAuditOnly, type Actor } from '../change-set';
import { OperatorCredentialsRepository } from '../db/repositories/operator-credentials-repository';
import { OperatorRepository, type OperatorRow } from '../db/repositories/operator-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { dataKeyFromRecoveryCode } from '../secrets/data-key';
import type { Session } from '../session';
import { MAX_PIN_FAILURES, PIN_LOCK_MS, readLockSettings } from './lock-settings';

/** 2^14: ~30-50 ms on a county PC; a PIN's strength is the lockout, the cost only slows a copied store's guessing. */
const PIN_SCRYPT = { N: 16384, r: 8, p: 1 } as const;

function lockedMessage(until: string): string {
  const time = new Date(until).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  return `连续输错 ${MAX_PIN_FAILURES} 次，该操作员已锁定 15 分钟，请于 ${time} 后再试；如忘记 PIN，请联系本单位其他操作员或技术支持`;
}

export class OperatorLockService {
  private readonly credentials: OperatorCredentialsRepository;
  private readonly operators: OperatorRepository;
  private readonly settings: SettingsRepository;

  constructor(
    private readonly db: Knex,
    private readonly session: Session,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.credentials = new OperatorCredentialsRepository(db);
    this.operators = new OperatorRepository(db);
    this.settings = new SettingsRepository(db);
  }

  async state(): Promise<SessionState> {
    const lock = await readLockSettings(this.db);
    const signedIn = this.session.keyboard.active();
    const rows = await this.operators.listActive();
    const nowIso = new Date(this.nowMs()).toISOString();
    const credentials = new Map((await this.db('operator_credentials').select<Array<{ operator_id: string; locked_until: string | null }>>('operator_id', 'locked_until')).map((r) => [r.operator_id, r.locked_until]));
    const countyCode = await this.settings.get<string>('countyCode');
    return {
      configured: Boolean(countyCode) && rows.length > 0,
      locked: signedIn === null,
      operator: signedIn ? { id: signedIn.operatorId, name: signedIn.operatorName } : null,
      lastOperatorId: await this.settings.get<string>('currentOperatorId'),
      operators: rows.map((row) => {
        const lockedUntil = credentials.get(row.id) ?? null;
        return { id: row.id, name: row.name, hasPin: credentials.has(row.id), lockedUntil: lockedUntil && lockedUntil > nowIso ? lockedUntil : null };
      }),
      idleLockMinutes: lock.idleLockMinutes,
      pinPolicy: lock.pinPolicy,
    };
  }

  async login(operatorId: string, pin: string): Promise<SessionState> {
    const operator = await this.activeOperator(operatorId);
    const claim = await this.credentials.claimAttempt(operatorId, new Date(this.nowMs()), MAX_PIN_FAILURES, PIN_LOCK_MS);
    if (!claim) throw new AppError('NOT_FOUND', `${operator.name} 还没有设置 PIN，请先设置`, { pinSet: false });
    if (claim.kind === 'locked') {
      await this.audit({ operatorId: null, operatorName: null }, operator, 'login_locked');
      throw new AppError('OPERATOR_LOCKED', lockedMessage(claim.lockedUntil), { lockedUntil: claim.lockedUntil });
    }
    if (!(await verifyPassword(pin, claim.row.pin_hash))) {
      await this.audit({ operatorId: null, operatorName: null }, operator, 'login_failed', { failures: claim.row.failed_count });
      if (claim.lockedBy) throw new AppError('OPERATOR_LOCKED', lockedMessage(claim.lockedBy), { lockedUntil: claim.lockedBy });
      const remaining = MAX_PIN_FAILURES - claim.row.failed_count;
      throw new AppError('WRONG_PIN', `PIN 不正确，还可再试 ${remaining} 次`, { remaining });
    }
    await this.credentials.clearAfterSuccess(operatorId, claim.lockedBy);
    return this.signIn(operator, 'login');
  }

  /** First use: an operator without a PIN chooses one and is logged in; refused once a PIN exists. */
  async setFirstPin(operatorId: string, pin: string): Promise<SessionState> {
    const operator = await this.activeOperator(operatorId);
    await this.assertPinRule(pin, 'pin');
    const hash = await hashPassword(pin, PIN_SCRYPT);
    const at = new Date(this.nowMs()).toISOString();
    const inserted = await this.credentials.insertFirst({ operator_id: operatorId, pin_hash: hash, pin_set_at: at });
    if (!inserted) throw new AppError('CONFLICT', `${operator.name} 已设置过 PIN，请输入 PIN 登录`);
    return this.signIn(operator, 'pin_set');
  }

  /** The logged-in operator changes their own PIN, proving the current one (counted like a login). */
  async changePin(current: string, next: string): Promise<void> {
    const who = this.session.keyboard.actor();
    if (!who?.operatorId) throw new AppError('LOCKED', '请先登录');
    const operator = await this.activeOperator(who.operatorId);
    await this.assertPinRule(next, 'next');
    const claim = await this.credentials.claimAttempt(operator.id, new Date(this.nowMs()), MAX_PIN_FAILURES, PIN_LOCK_MS);
    if (!claim || claim.kind === 'locked') throw new AppError('OPERATOR_LOCKED', '输错次数过多，请稍后再试');
    if (!(await verifyPassword(current, claim.row.pin_hash))) {
      if (claim.lockedBy) this.session.keyboard.lock();
      throw AppError.field('current', `当前 PIN 不正确，还可再试 ${Math.max(0, MAX_PIN_FAILURES - claim.row.failed_count)} 次`);
    }
    const hash = await hashPassword(next, PIN_SCRYPT);
    await this.db.transaction(async (trx) => {
      await this.credentials.replacePin(operator.id, hash, new Date(this.nowMs()).toISOString(), trx);
      await recordAuditOnly(trx, who, { entity: 'operator', entityId: operator.id, action: 'pin_changed' });
    });
  }

  /**
   * 忘记 PIN: the recovery code (it opens the data key, so it is the strongest secret of the PC) clears one
   * operator's PIN and lockout; nobody is logged in by it, the operator sets a new PIN at the lock screen.
   * A wrong code changes nothing and is audited.
   */
  async resetPinWithRecoveryCode(operatorId: string, code: string): Promise<SessionState> {
    const operator = await this.activeOperator(operatorId);
    const anonymous = { operatorId: null, operatorName: null };
    try {
      await dataKeyFromRecoveryCode(this.db, code);
    } catch (error) {
      await this.audit(anonymous, operator, 'pin_reset_refused', { method: 'recovery_code' });
      throw error;
    }
    await this.db.transaction(async (trx) => {
      await this.credentials.remove(operator.id, trx);
      await recordAuditOnly(trx, anonymous, { entity: 'operator', entityId: operator.id, action: 'pin_reset', changes: { method: 'recovery_code' } });
    });
    return this.state();
  }

  /**
   * A colleague forgot their PIN (or locked themselves out): the logged-in operator clears it, proving their own
   * PIN first (counted like a login, so an unlocked, unattended PC is no way to take over another operator).
   */
  async resetColleaguePin(operatorId: string, myPin: string): Promise<void> {
    const who = this.session.keyboard.actor();
    if (!who?.operatorId) throw new AppError('LOCKED', '请先登录');
    if (who.operatorId === operatorId) throw new AppError('VALIDATION', '不能重置自己的 PIN，请用“修改我的 PIN”');
    const colleague = await this.activeOperator(operatorId);
    const claim = await this.credentials.claimAttempt(who.operatorId, new Date(this.nowMs()), MAX_PIN_FAILURES, PIN_LOCK_MS);
    if (!claim || claim.kind === 'locked') throw new AppError('OPERATOR_LOCKED', '输错次数过多，请稍后再试');
    if (!(await verifyPassword(myPin, claim.row.pin_hash))) {
      if (claim.lockedBy) this.session.keyboard.lock();
      throw AppError.field('myPin', `您的 PIN 不正确，还可再试 ${Math.max(0, MAX_PIN_FAILURES - claim.row.failed_count)} 次`);
    }
    await this.credentials.clearAfterSuccess(who.operatorId, claim.lockedBy);
    await this.db.transaction(async (trx) => {
      await this.credentials.remove(colleague.id, trx);
      await recordAuditOnly(trx, who, { entity: 'operator', entityId: colleague.id, action: 'pin_reset', changes: { method: 'colleague' } });
    });
  }

  /** For the file transfer routes outside the router (uploads, downloads): the same idle rule as the gate. */
  isLocked(): Promise<boolean> {
    return Promise.resolve(this.session.keyboard.active() === null);
  }

  lock(): void {
    this.session.keyboard.lock();
  }

  /** Refuses a PIN that breaks the rule of the settings, naming `field` (so setup can check before it writes). */
  async assertPinRule(pin: string, field: string): Promise<void> {
    const problem = pinProblem(pin, (await readLockSettings(this.db)).pinPolicy);
    if (problem) throw AppError.field(field, problem);
  }

  private async activeOperator(id: string): Promise<OperatorRow> {
    const operator = await this.operators.find(id);
    if (!operator || operator.disabled_at) throw new AppError('NOT_FOUND', '没有这个操作员，请从名单中选择');
    return operator;
  }

  private async signIn(operator: OperatorRow, action: 'login' | 'pin_set'): Promise<SessionState> {
    const actor = { operatorId: operator.id, operatorName: operator.name };
    await this.db.transaction(async (trx) => {
      await this.settings.set('currentOperatorId', operator.id, trx);
      await recordAuditOnly(trx, actor, { entity: 'operator', entityId: operator.id, action });
    });
    this.session.keyboard.signIn(actor);
    return this.state();
  }

  private async audit(actor: Actor, operator: OperatorRow, action: string, changes?: Record<string, unknown>): Promise<void> {
    await this.db.transaction((trx) => recordAuditOnly(trx, actor, { entity: 'operator', entityId: operator.id, action, ...(changes ? { changes } : {}) }));
  }
}
