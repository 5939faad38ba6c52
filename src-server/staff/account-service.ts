/**
 * Staff accounts and sessions. Login checks the scrypt hash; 5 failed attempts lock the account for
 * 15 minutes (per user, so an attacker cannot lock out a whole office by address). A session token
 * is 256 random bits, stored only as its sha-256, and ends after 8 hours without use. The clock is
 * injected so tests can walk past the lockout and the idle limit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { findUnit } from '../../src-shared/domain/units';
import { sha256Hex } from '../repositories/device-repository';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { fail, ok, type StaffResult } from './staff-result';
import type { StaffRole, StaffUser } from './staff-scope';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 8 * 60 * 60_000;

interface UserRow {
  id: string;
  name: string;
  role: StaffRole;
  city_code: string | null;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled_at: string | null;
}

const BAD_LOGIN = '用户名或密码不正确';

function toUser(row: UserRow): StaffUser {
  return { id: row.id, name: row.name, role: row.role, cityCode: row.city_code };
}

export class AccountService {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    return ok(toUser({ ...row, locked_until: null, disabled_at: null }));
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
    const row = await this.db('staff_users').where({ name }).first<UserRow | undefined>();
    if (!row || row.disabled_at) {
      await verifyPassword(password, await dummyPasswordHash());
      return fail('UNAUTHORIZED', BAD_LOGIN);
    }
    if (row.locked_until && row.locked_until > now.toISOString()) {
      return fail('LOCKED', '连续输错密码次数过多，账号已暂时锁定，请 15 分钟后再试', { lockedUntil: row.locked_until });
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      // Counted in SQL so two parallel wrong guesses both count.
      await this.db('staff_users').where({ id: row.id }).increment('failed_attempts', 1);
      const after = await this.db('staff_users').where({ id: row.id }).first<{ failed_attempts: number }>('failed_attempts');
      if (Number(after.failed_attempts) >= MAX_FAILED_ATTEMPTS) {
        await this.db('staff_users').where({ id: row.id }).update({ failed_attempts: 0, locked_until: new Date(now.getTime() + LOCKOUT_MS).toISOString() });
        return fail('LOCKED', '连续输错密码次数过多，账号已锁定 15 分钟');
      }
      return fail('UNAUTHORIZED', BAD_LOGIN);
    }
    const token = randomBytes(32).toString('base64url');
    const at = now.toISOString();
    await this.db.transaction(async (trx) => {
      await trx('staff_users').where({ id: row.id }).update({ failed_attempts: 0, locked_until: null });
      await trx('staff_sessions').insert({ token_hash: sha256Hex(token), user_id: row.id, created_at: at, last_used_at: at });
    });
    return ok({ token, user: toUser(row), idleTimeoutMs: SESSION_IDLE_MS });
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
