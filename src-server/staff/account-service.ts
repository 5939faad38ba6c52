/**
 * Staff accounts and sessions. Login checks the scrypt hash; 5 failed attempts lock the name for
 * 15 minutes (per name, so an attacker cannot lock out a whole office by address). Each attempt is
 * claimed in the database before the check (login-attempts.ts), and every answer, whether the name is
 * unknown, disabled, locked, wrong or right, costs exactly one password check, so neither the answer
 * nor its time tells which names exist or which are locked. A session token is 256 random bits,
 * stored only as its sha-256, and ends after 8 hours without use. The clock and the password check
 * are injected so tests can walk past the lockout and count the checks.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { findUnit } from '../../src-shared/domain/units';
import { sha256Hex } from '../../src-node/digest';
import { LOCKOUT_MS, LoginAttempts, MAX_FAILED_ATTEMPTS } from './login-attempts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { fail, ok, type StaffResult } from './staff-result';
import type { StaffRole, StaffUser } from './staff-scope';

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS };
export const SESSION_IDLE_MS = 8 * 60 * 60_000;

interface UserRow {
  id: string;
  name: string;
  role: StaffRole;
  city_code: string | null;
  password_hash: string;
  disabled_at: string | null;
}

const BAD_LOGIN = '用户名或密码不正确';
const LOCKED_NOW = '连续输错密码次数过多，账号已锁定 15 分钟';
const STILL_LOCKED = '连续输错密码次数过多，账号已暂时锁定，请 15 分钟后再试';

export type PasswordVerifier = (password: string, stored: string) => Promise<boolean>;

function toUser(row: UserRow): StaffUser {
  return { id: row.id, name: row.name, role: row.role, cityCode: row.city_code };
}

export class AccountService {
  private readonly attempts: LoginAttempts;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
    private readonly verify: PasswordVerifier = verifyPassword,
  ) {
    this.attempts = new LoginAttempts(db);
  }

  async addUser(input: { name: string; role: StaffRole; cityCode: string | null; password: string }): Promise<StaffResult<StaffUser>> {
    const name = input.name.trim();
    if (!/^[\p{L}\p{N}_.-]{2,64}$/u.test(name)) return fail('VALIDATION', '用户名为 2 到 64 位字母、数字、汉字或 _ . -');
    if (input.role === 'city' && findUnit(input.cityCode ?? '')?.level !== 'city') return fail('VALIDATION', '地市账号需要有效的地市代码（如哈尔滨市 230100）');
    if (input.role === 'province' && input.cityCode) return fail('VALIDATION', '省级账号不绑定地市');
    const problem = passwordProblem(input.password);
    if (problem) return fail('VALIDATION', problem);
    if (await this.db('staff_users').where({ name }).first('id')) return fail('CONFLICT', `用户 ${name} 已存在`);
    const at = this.now().toISOString();
    const row = { id: randomUUID(), name, role: input.role, city_code: input.role === 'city' ? input.cityCode : null, password_hash: await hashPassword(input.password), failed_attempts: 0, created_at: at, updated_at: at };
    await this.db('staff_users').insert(row);
    return ok(toUser({ ...row, disabled_at: null }));
  }

  /** Disables the account and ends its sessions at once. */
  async disableUser(name: string): Promise<StaffResult<true>> {
    const at = this.now().toISOString();
    return this.db.transaction(async (trx) => {
      const row = await trx('staff_users').where({ name }).whereNull('disabled_at').first<UserRow | undefined>();
      if (!row) return fail<true>('NOT_FOUND', `没有启用中的用户 ${name}`);
      await trx('staff_users').where({ id: row.id }).update({ disabled_at: at, updated_at: at });
      await trx('staff_sessions').where({ user_id: row.id }).whereNull('ended_at').update({ ended_at: at });
      return ok<true>(true);
    });
  }

  async login(name: string, password: string): Promise<StaffResult<{ token: string; user: StaffUser; idleTimeoutMs: number }>> {
    const now = this.now();
    // Claimed before anything is checked: a burst cannot try more than MAX_FAILED_ATTEMPTS.
    const claim = await this.attempts.claim(name, now);
    const row = await this.db('staff_users').where({ name }).first<UserRow | undefined>();
    const account = claim.granted && row && !row.disabled_at ? row : null;
    // Exactly one check on every path; the account's own hash only when its attempt was claimed.
    const right = await this.verify(password, account ? account.password_hash : await dummyPasswordHash());
    if (!claim.granted) return fail('LOCKED', STILL_LOCKED, { lockedUntil: claim.lockedUntil });
    if (!account || !right) {
      return claim.lockedUntil ? fail('LOCKED', LOCKED_NOW, { lockedUntil: claim.lockedUntil }) : fail('UNAUTHORIZED', BAD_LOGIN);
    }
    const token = randomBytes(32).toString('base64url');
    const at = now.toISOString();
    const opened = await this.db.transaction(async (trx) => {
      if (!(await this.attempts.settleSuccess(trx, claim, this.now()))) return false;
      await trx('staff_sessions').insert({ token_hash: sha256Hex(token), user_id: account.id, created_at: at, last_used_at: at });
      return true;
    });
    // Locked by another attempt while this one was checked: the lock holds, even for the right password.
    if (!opened) return fail('LOCKED', STILL_LOCKED);
    return ok({ token, user: toUser(account), idleTimeoutMs: SESSION_IDLE_MS });
  }

  /** The user of a live session, sliding its idle limit; null when unknown, ended, idle too long or disabled. */
  async authenticate(token: string): Promise<StaffUser | null> {
    const now = this.now();
    const session = await this.db('staff_sessions as s')
      .join('staff_users as u', 'u.id', 's.user_id')
      .where('s.token_hash', sha256Hex(token))
      .whereNull('s.ended_at')
      .whereNull('u.disabled_at')
      .first<(UserRow & { last_used_at: string }) | undefined>('u.*', 's.last_used_at');
    if (!session) return null;
    if (now.getTime() - Date.parse(session.last_used_at) > SESSION_IDLE_MS) {
      await this.db('staff_sessions').where({ token_hash: sha256Hex(token) }).update({ ended_at: now.toISOString() });
      return null;
    }
    await this.db('staff_sessions').where({ token_hash: sha256Hex(token) }).update({ last_used_at: now.toISOString() });
    return toUser(session);
  }

  async logout(token: string): Promise<void> {
    await this.db('staff_sessions').where({ token_hash: sha256Hex(token) }).whereNull('ended_at').update({ ended_at: this.now().toISOString() });
  }
}
