/**
 * Staff accounts and logins (等保 level 3). A login is: the password, then the second factor (a TOTP
 * code, or a recovery code; at the first login its enrolment instead), then a new password when the
 * old one has expired, and only then a full session. Each step answers a new token that opens only
 * the next step (staff-sessions.ts).
 *
 * The lockout is one count per name (login-attempts.ts), claimed in the database before any check:
 * password and second-factor attempts are counted together, and a right password does not clear the
 * count (only a finished login does), so knowing the password buys no fresh tries at the code.
 * Every password answer, whether the name is unknown, disabled, locked, wrong or right, costs exactly
 * one password check, so neither the answer nor its time tells which names exist or are locked.
 * Every outcome is written to the audit trail. The clock, the password check and the server key are
 * injected so tests can walk past the lockout, count the checks and read sealed secrets.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { citiesOfProvince, findUnit, provinceOf } from '../../src-shared/domain/units';
import { passwordRulesText, type LoginAnswer, type SecuritySettings } from '../../src-shared/staff-login-api';
import { appendAudit, recordAudit, type AuditEntry } from '../audit/audit-log';
import { ephemeralKeyring, type ServerKeyring } from '../secrets/server-keys';
import { serverProvince } from '../settings/server-province';
import { LOCKOUT_MS, LoginAttempts, MAX_FAILED_ATTEMPTS, type Claim } from './login-attempts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../src-node/scrypt-hash';
import { passwordProblem } from './password-policy';
import { issueRecoveryCodes, looksLikeRecoveryCode, matchingStep, newTotpSecret, openSecret, recoveryCodesLeft, sealSecret, spendRecoveryCode, takeStep, TOTP_ISSUER, totpUri } from './second-factor';
import { loadSecuritySettings } from './security-settings';
import { endSession, endSessionsOf, findSession, openSession, PENDING_MS, toUser, type LiveSession, type UserRow } from './staff-sessions';
import { fail, ok, type StaffResult } from './staff-result';
import type { StaffRole, StaffUser } from './staff-scope';

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS };

const BAD_LOGIN = '用户名或密码不正确';
const LOCKED_NOW = '连续输错密码或动态码次数过多，账号已锁定 15 分钟';
const STILL_LOCKED = '连续输错密码或动态码次数过多，账号已暂时锁定，请 15 分钟后再试';
const BAD_CODE = '动态码不正确或已使用过。请输入手机验证器上当前显示的 6 位数字（或一个未用过的恢复码）';

export type PasswordVerifier = (password: string, stored: string) => Promise<boolean>;

/** Who acts and from where, for the audit trail. */
export interface Actor {
  kind: 'staff' | 'admin';
  name: string;
  role?: string | null;
  address: string | null;
}

const ADMIN: Actor = { kind: 'admin', name: 'server-admin', address: 'server-admin' };

export class AccountService {
  private readonly attempts: LoginAttempts;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
    private readonly verify: PasswordVerifier = verifyPassword,
    private readonly keyring: ServerKeyring = ephemeralKeyring(),
  ) {
    this.attempts = new LoginAttempts(db);
  }

  settings(): Promise<SecuritySettings> {
    return loadSecuritySettings(this.db);
  }

  private audit(actor: Actor, entry: Omit<AuditEntry, 'actorKind' | 'actor' | 'address'>, trx?: Knex.Transaction): Promise<void> {
    const full: AuditEntry = { actorKind: actor.kind, actor: actor.name, actorRole: actor.role ?? null, address: actor.address, ...entry };
    return trx ? appendAudit(trx, full, this.now()) : recordAudit(this.db, full, this.now());
  }

  async addUser(input: { name: string; role: StaffRole; cityCode: string | null; password: string }, by: Actor = ADMIN): Promise<StaffResult<StaffUser>> {
    const name = input.name.trim();
    if (!/^[\p{L}\p{N}_.-]{2,64}$/u.test(name)) return fail('VALIDATION', '用户名为 2 到 64 位字母、数字、汉字或 _ . -');
    const province = await serverProvince(this.db);
    if (input.role === 'city' && (findUnit(input.cityCode ?? '')?.level !== 'city' || provinceOf(input.cityCode ?? '')?.code !== province.code)) {
      const example = citiesOfProvince(province.code)[0];
      return fail('VALIDATION', `地市账号需要${province.name}的有效地市代码${example ? `（如${example.name} ${example.code}）` : ''}`);
    }
    if (input.role === 'province' && input.cityCode) return fail('VALIDATION', '省级账号不绑定地市');
    const problem = passwordProblem(input.password, name, await this.settings());
    if (problem) return fail('VALIDATION', problem);
    if (await this.db('staff_users').where({ name }).first('id')) return fail('CONFLICT', `用户 ${name} 已存在`);
    const at = this.now().toISOString();
    const row = {
      id: randomUUID(),
      name,
      role: input.role,
      city_code: input.role === 'city' ? input.cityCode : null,
      password_hash: await hashPassword(input.password),
      password_changed_at: at,
      failed_attempts: 0,
      created_at: at,
      updated_at: at,
    };
    await this.db.transaction(async (trx) => {
      await trx('staff_users').insert(row);
      await this.audit(by, { action: 'account.added', target: name, detail: { role: row.role, cityCode: row.city_code } }, trx);
    });
    return ok(toUser({ ...row, disabled_at: null, totp_secret: null, totp_pending: null, totp_last_step: 0 }, province.code));
  }

  /** Disables the account and ends its sessions at once. */
  async disableUser(name: string, by: Actor = ADMIN): Promise<StaffResult<true>> {
    const at = this.now();
    return this.db.transaction(async (trx) => {
      const row = await trx('staff_users').where({ name }).whereNull('disabled_at').first<UserRow | undefined>();
      if (!row) return fail<true>('NOT_FOUND', `没有启用中的用户 ${name}`);
      await trx('staff_users').where({ id: row.id }).update({ disabled_at: at.toISOString(), updated_at: at.toISOString() });
      await endSessionsOf(trx, row.id, at);
      await this.audit(by, { action: 'account.disabled', target: name }, trx);
      return ok<true>(true);
    });
  }

  /** For a lost phone: the authenticator and the recovery codes are forgotten; the next login enrols anew. Sessions end. */
  async resetSecondFactor(name: string, by: Actor = ADMIN): Promise<StaffResult<true>> {
    const at = this.now();
    return this.db.transaction(async (trx) => {
      const row = await trx('staff_users').where({ name }).first<UserRow | undefined>();
      if (!row) return fail<true>('NOT_FOUND', `没有用户 ${name}`);
      await trx('staff_users').where({ id: row.id }).update({ totp_secret: null, totp_pending: null, totp_enrolled_at: null, updated_at: at.toISOString() });
      await trx('staff_recovery_codes').where({ user_id: row.id }).delete();
      await endSessionsOf(trx, row.id, at);
      await this.audit(by, { action: 'second_factor.reset', target: name }, trx);
      return ok<true>(true);
    });
  }

  private passwordExpiresAt(row: UserRow, settings: SecuritySettings): string | null {
    if (settings.passwordMaxAgeDays === 0) return null;
    const changed = row.password_changed_at ? Date.parse(row.password_changed_at) : 0;
    return new Date(changed + settings.passwordMaxAgeDays * 86_400_000).toISOString();
  }

  private async pending(trx: Knex | Knex.Transaction, row: UserRow, stage: 'second-factor' | 'enrol' | 'change-password', settings: SecuritySettings): Promise<LoginAnswer> {
    const at = this.now();
    const token = await openSession(trx, row.id, stage, at);
    return { stage, token, user: toUser(row, (await serverProvince(trx)).code), expiresAt: new Date(at.getTime() + PENDING_MS).toISOString(), serverTime: at.toISOString(), passwordRules: passwordRulesText(settings) };
  }

  /** After the second factor: a new password first if the old one expired, else the full session. */
  private async afterSecondFactor(trx: Knex.Transaction, row: UserRow, settings: SecuritySettings): Promise<LoginAnswer> {
    const expiresAt = this.passwordExpiresAt(row, settings);
    if (expiresAt && Date.parse(expiresAt) <= this.now().getTime()) return this.pending(trx, row, 'change-password', settings);
    return this.done(trx, row, settings);
  }

  private async done(trx: Knex | Knex.Transaction, row: UserRow, settings: SecuritySettings): Promise<LoginAnswer> {
    const token = await openSession(trx, row.id, 'full', this.now());
    return { stage: 'done', token, user: toUser(row, (await serverProvince(trx)).code), idleTimeoutMs: settings.idleTimeoutMinutes * 60_000, passwordExpiresAt: this.passwordExpiresAt(row, settings) };
  }

  /** The lock answer after a refused claim or a failure that took the last attempt, audited. */
  private async refuse(claim: Claim, name: string, address: string | null, action: 'login.failed' | 'second_factor.failed', wrongMessage: string): Promise<StaffResult<never>> {
    const actor: Actor = { kind: 'staff', name, address };
    if (!claim.granted) {
      await this.audit(actor, { action: 'login.locked', target: name, outcome: 'LOCKED', detail: { step: action === 'login.failed' ? 'password' : 'second-factor' } });
      return fail('LOCKED', STILL_LOCKED, { lockedUntil: claim.lockedUntil });
    }
    await this.audit(actor, { action, target: name, outcome: claim.lockedUntil ? 'LOCKED' : 'UNAUTHORIZED', detail: { attempt: claim.attempt } });
    return claim.lockedUntil ? fail('LOCKED', LOCKED_NOW, { lockedUntil: claim.lockedUntil }) : fail('UNAUTHORIZED', wrongMessage);
  }

  /** Step 1: the password. Answers the token of the second-factor step (or of its enrolment). */
  async login(name: string, password: string, address: string | null = null): Promise<StaffResult<LoginAnswer>> {
    const now = this.now();
    // Claimed before anything is checked: a burst cannot try more than MAX_FAILED_ATTEMPTS.
    const claim = await this.attempts.claim(name, now);
    const row = await this.db('staff_users').where({ name }).first<UserRow | undefined>();
    const account = claim.granted && row && !row.disabled_at ? row : null;
    // Exactly one check on every path; the account's own hash only when its attempt was claimed.
    const right = await this.verify(password, account ? account.password_hash : await dummyPasswordHash());
    if (!claim.granted || !account || !right) return this.refuse(claim, name.trim().slice(0, 64), address, 'login.failed', BAD_LOGIN);
    // Locked by another attempt while this one was checked: the lock holds, even for the right password.
    if (!(await this.attempts.holdsAfterPassword(claim, now))) {
      await this.audit({ kind: 'staff', name: account.name, address }, { action: 'login.locked', target: account.name, outcome: 'LOCKED', detail: { step: 'password' } });
      return fail('LOCKED', STILL_LOCKED);
    }
    const settings = await this.settings();
    // The claim stays counted until the second factor proves right.
    return ok(await this.pending(this.db, account, account.totp_secret ? 'second-factor' : 'enrol', settings));
  }

  /** Step 2: a TOTP code or a recovery code, counted in the same lockout as the password. */
  async secondFactor(session: LiveSession, code: string, address: string | null): Promise<StaffResult<LoginAnswer>> {
    const now = this.now();
    const row = session.row;
    const claim = await this.attempts.claim(row.name, now);
    const secret = openSecret(this.keyring, row.id, row.totp_secret);
    if (!secret) return fail('UNAVAILABLE', '服务器无法读取此账号的动态口令（服务器密钥不符）。请联系省级系统管理员重置动态口令');
    let factor: 'totp' | 'recovery' | null = null;
    if (claim.granted) {
      if (looksLikeRecoveryCode(code)) factor = (await spendRecoveryCode(this.db, this.keyring, row.id, code, now)) ? 'recovery' : null;
      else {
        const step = matchingStep(secret, code, now);
        factor = step !== null && (await takeStep(this.db, row.id, step)) ? 'totp' : null;
      }
    }
    if (!claim.granted || !factor) {
      if (!claim.granted || claim.lockedUntil) await endSession(this.db, session.tokenHash, now);
      return this.refuse(claim, row.name, address, 'second_factor.failed', BAD_CODE);
    }
    const settings = await this.settings();
    const actor: Actor = { kind: 'staff', name: row.name, role: row.role, address };
    const answer = await this.db.transaction(async (trx) => {
      if (!(await this.attempts.settleSuccess(trx, claim, this.now()))) return null;
      await endSession(trx, session.tokenHash, now);
      if (factor === 'recovery') await this.audit(actor, { action: 'second_factor.recovery_used', target: row.name }, trx);
      await this.audit(actor, { action: 'login.ok', target: row.name, detail: { factor: factor! } }, trx);
      return this.afterSecondFactor(trx, row, settings);
    });
    // Locked by another attempt while this one was checked: the lock holds, even for the right code.
    if (!answer) return fail('LOCKED', STILL_LOCKED);
    if (factor === 'recovery' && answer.stage === 'done') {
      return ok({ ...answer, recoveryCodesLeft: await recoveryCodesLeft(this.db, row.id) });
    }
    return ok(answer);
  }

  /** First login: a new TOTP secret, kept sealed as pending until a code from it is confirmed. Asking again replaces it. */
  async enrolStart(session: LiveSession): Promise<StaffResult<{ secret: string; uri: string; issuer: string; account: string }>> {
    const secret = newTotpSecret();
    await this.db('staff_users').where({ id: session.row.id }).update({ totp_pending: sealSecret(this.keyring, session.row.id, secret) });
    return ok({ secret, uri: totpUri(secret, session.row.name), issuer: TOTP_ISSUER, account: session.row.name });
  }

  /** First login: the first code of the new authenticator makes it the account's; answers the recovery codes, once. */
  async enrolConfirm(session: LiveSession, code: string, address: string | null): Promise<StaffResult<{ recoveryCodes: string[]; login: LoginAnswer }>> {
    const now = this.now();
    const row = (await this.db('staff_users').where({ id: session.row.id }).first()) as UserRow & { totp_pending: string | null };
    const secret = openSecret(this.keyring, row.id, row.totp_pending);
    if (!secret) return fail('VALIDATION', '请先在手机验证器中添加账号（扫描二维码），再输入它显示的动态码');
    const step = matchingStep(secret, code, now);
    if (step === null) return fail('VALIDATION', '动态码不正确。请确认手机时间准确，输入验证器上当前显示的 6 位数字');
    const settings = await this.settings();
    const actor: Actor = { kind: 'staff', name: row.name, role: row.role, address };
    // Settles the password's claim (still counted): the first finished login of this account.
    const claim = await this.attempts.claim(row.name, now);
    if (!claim.granted) return fail('LOCKED', STILL_LOCKED, { lockedUntil: claim.lockedUntil });
    const result = await this.db.transaction(async (trx) => {
      if (!(await this.attempts.settleSuccess(trx, claim, now))) return null;
      const updated = await trx('staff_users')
        .where({ id: row.id, totp_pending: row.totp_pending })
        .whereNull('totp_secret')
        .update({ totp_secret: row.totp_pending, totp_pending: null, totp_enrolled_at: now.toISOString(), totp_last_step: step, updated_at: now.toISOString() });
      if (updated !== 1) return null;
      const recoveryCodes = await issueRecoveryCodes(trx, this.keyring, row.id, now);
      await endSession(trx, session.tokenHash, now);
      await this.audit(actor, { action: 'second_factor.enrolled', target: row.name }, trx);
      await this.audit(actor, { action: 'login.ok', target: row.name, detail: { factor: 'totp', enrolled: true } }, trx);
      return { recoveryCodes, login: await this.afterSecondFactor(trx, { ...row, totp_secret: row.totp_pending }, settings) };
    });
    if (!result) return fail('LOCKED', STILL_LOCKED);
    return ok(result);
  }

  /**
   * A new password: in the change-password step of a login (the old one expired; password and second
   * factor were proven moments ago) or from a full session, which must give the current password
   * (claimed in the lockout like a login: a stolen session cannot guess it). Other sessions end.
   */
  async changePassword(session: LiveSession, input: { current?: string | null; next: string }, address: string | null): Promise<StaffResult<LoginAnswer>> {
    const now = this.now();
    const row = session.row;
    const actor: Actor = { kind: 'staff', name: row.name, role: row.role, address };
    const settings = await this.settings();
    if (session.stage === 'full') {
      const claim = await this.attempts.claim(row.name, now);
      const right = await this.verify(input.current ?? '', claim.granted ? row.password_hash : await dummyPasswordHash());
      if (!claim.granted || !right || claim.lockedUntil) {
        await this.audit(actor, { action: 'password.change_failed', target: row.name, outcome: claim.granted && !claim.lockedUntil ? 'UNAUTHORIZED' : 'LOCKED' });
        if (!claim.granted || claim.lockedUntil) {
          await endSessionsOf(this.db, row.id, now);
          return fail('LOCKED', claim.granted ? LOCKED_NOW : STILL_LOCKED);
        }
        return fail('UNAUTHORIZED', '当前密码不正确');
      }
      await this.db.transaction((trx) => this.attempts.settleSuccess(trx, claim, now));
    }
    const problem = passwordProblem(input.next, row.name, settings);
    if (problem) return fail('VALIDATION', problem);
    if (await this.verify(input.next, row.password_hash)) return fail('VALIDATION', '新密码不能与原密码相同，请换一个');
    const hash = await hashPassword(input.next);
    const answer = await this.db.transaction(async (trx) => {
      await trx('staff_users').where({ id: row.id }).update({ password_hash: hash, password_changed_at: now.toISOString(), updated_at: now.toISOString() });
      await endSessionsOf(trx, row.id, now);
      await this.audit(actor, { action: 'password.changed', target: row.name, detail: { expired: session.stage === 'change-password' } }, trx);
      return this.done(trx, { ...row, password_changed_at: now.toISOString() }, settings);
    });
    return ok(answer);
  }

  /** The live session of a token (any stage); the caller decides which stages its route accepts. */
  async session(token: string): Promise<LiveSession | null> {
    const settings = await this.settings();
    return findSession(this.db, token, this.now(), settings.idleTimeoutMinutes * 60_000);
  }

  /** The user of a live full session, sliding its idle limit; null otherwise. */
  async authenticate(token: string): Promise<StaffUser | null> {
    const found = await this.session(token);
    return found?.stage === 'full' ? found.user : null;
  }

  async logout(session: LiveSession, address: string | null): Promise<void> {
    await this.db.transaction(async (trx) => {
      await endSession(trx, session.tokenHash, this.now());
      if (session.stage === 'full') await this.audit({ kind: 'staff', name: session.user.name, role: session.user.role, address }, { action: 'logout', target: session.user.name }, trx);
    });
  }
}
