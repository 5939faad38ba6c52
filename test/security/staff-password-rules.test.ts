/**
 * Issue #19 item 4: staff passwords to 等保 level 3. Complexity (length and classes from the settings,
 * never the user name, never a common password) on every path that sets one; expiry (90 days by
 * default): an expired password logs in only to change it; the idle timeout from the settings, on the
 * server's own last-seen clock (injected: nothing sleeps); settings changed only through
 * `server-admin security set`, validated whole, audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { AccountService } from '../../src-server/staff/account-service';
import { characterClasses, passwordProblem } from '../../src-server/staff/password-policy';
import { loadSecuritySettings, saveSecuritySettings } from '../../src-server/staff/security-settings';
import { DEFAULT_SECURITY_SETTINGS } from '../../src-shared/staff-login-api';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login, nextCode, passwordStep, STAFF_PASSWORD } from '../support/staff';

describe('password complexity', () => {
  const rules = DEFAULT_SECURITY_SETTINGS;
  it('asks for the length, three of four classes, no user name and no common password, in Chinese', () => {
    expect(passwordProblem('Ab1-short', 'wang', rules)).toMatch(/至少 10 位/);
    expect(passwordProblem('alllowercaseletters', 'wang', rules)).toMatch(/至少 3 类/);
    expect(passwordProblem('lowercase1234', 'wang', rules)).toMatch(/至少 3 类/);
    expect(passwordProblem('Zhangsan-2020x', 'zhangsan', rules)).toMatch(/不得包含用户名/);
    expect(passwordProblem('ZHANGSAN-2020x', 'ZhangSan', rules)).toMatch(/不得包含用户名/);
    for (const common of ['Password123!', 'P@ssw0rd2020', 'Qwerty12345!', 'Admin@123456', 'Harbin@2020!']) expect(passwordProblem(common, 'wang', rules), common).toMatch(/常见密码/);
    expect(passwordProblem('Aaaaaaaaaaaa1', 'wang', rules)).toBeNull(); // three classes, not a run of one character
    expect(passwordProblem('correct-horse-42', 'wang', rules)).toBeNull();
    expect(passwordProblem('Longjiang-staff-2020', 'wang', rules)).toBeNull();
    expect(passwordProblem('春眠不觉晓-2020', 'wang', { ...rules, passwordMinClasses: 2 })).toBeNull();
  });
  it('counts classes by Unicode category', () => {
    expect(characterClasses('aB3-')).toBe(4);
    expect(characterClasses('密码密码')).toBe(1);
  });
  it('follows the settings', () => {
    expect(passwordProblem('Ab1-Ab1-Ab1-', 'wang', { ...rules, passwordMinLength: 14 })).toMatch(/至少 14 位/);
    expect(passwordProblem('abcdefgh-xyz', 'wang', { ...rules, passwordMinClasses: 2 })).toBeNull();
  });
});

describeEachServerDb('staff password expiry, idle timeout and settings', (kind) => {
  let store: TestServerDb;
  let app: FastifyInstance;
  let clock = new Date('2020-04-12T02:00:10Z');
  const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const DAY = 86_400_000;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => clock } });
    // Added on the test's clock: its password's age counts from then.
    expect((await new AccountService(store.db, () => clock).addUser({ name: 'old1', role: 'province', cityCode: null, password: STAFF_PASSWORD })).ok).toBe(true);
    await addStaff(store.db, 'idle1', 'city', '230100');
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('refuses a weak password when an account is added', async () => {
    const accounts = new AccountService(store.db, () => clock);
    expect(await accounts.addUser({ name: 'weak1', role: 'province', cityCode: null, password: 'Password123!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await accounts.addUser({ name: 'weak2', role: 'province', cityCode: null, password: 'weak2-Weak2-99' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '密码不得包含用户名，请换一个密码' } });
    expect(await store.db('staff_users').whereIn('name', ['weak1', 'weak2']).first()).toBeUndefined();
  });

  it('lets an expired password in only to change it, to a good new one, then opens the session', async () => {
    await login(app, 'old1');
    tick(90 * DAY + 60_000);
    const pending = await passwordStep(app, 'old1');
    const second = await app.inject({ method: 'POST', url: '/api/v1/staff/login/second-factor', headers: { authorization: `Bearer ${pending.token}` }, payload: { code: nextCode('old1', pending.serverTime) } });
    const changeStage = second.json().data as { stage: string; token: string; passwordRules: string };
    expect(changeStage.stage).toBe('change-password');
    expect(changeStage.passwordRules).toMatch(/至少 10 位/);
    expect((await asStaff(app, changeStage.token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    const change = (next: string) => asStaff(app, changeStage.token, { method: 'POST', url: '/api/v1/staff/password', payload: { next } });
    expect((await change('short')).json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await change(STAFF_PASSWORD)).json).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '新密码不能与原密码相同，请换一个' } });
    const done = await change('Brand-new-horse-7');
    expect(done.status).toBe(200);
    const session = (done.json as { data: { stage: string; token: string; passwordExpiresAt: string } }).data;
    expect(session.stage).toBe('done');
    expect(Date.parse(session.passwordExpiresAt)).toBe(clock.getTime() + 90 * DAY);
    expect((await asStaff(app, session.token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
    // The old password no longer works, the new one does (with a code).
    expect((await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'old1', password: STAFF_PASSWORD } })).statusCode).toBe(401);
    tick(60_000);
    await login(app, 'old1', 'Brand-new-horse-7');
    expect(await store.db('audit_log').where({ action: 'password.changed', target: 'old1' }).first()).toBeTruthy();
  });

  it('a full session changes its password only with the current one, and the other sessions end', async () => {
    tick(60_000);
    const first = await login(app, 'old1', 'Brand-new-horse-7');
    tick(60_000);
    const second = await login(app, 'old1', 'Brand-new-horse-7');
    const wrong = await asStaff(app, second, { method: 'POST', url: '/api/v1/staff/password', payload: { current: 'not-my-password', next: 'Third-horse-888' } });
    expect(wrong.json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '当前密码不正确' } });
    const right = await asStaff(app, second, { method: 'POST', url: '/api/v1/staff/password', payload: { current: 'Brand-new-horse-7', next: 'Third-horse-888' } });
    expect(right.status).toBe(200);
    expect((await asStaff(app, first, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    const fresh = (right.json as { data: { token: string } }).data.token;
    expect((await asStaff(app, fresh, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
  });

  it('ends a full session after the configured idle minutes, answering it in the login', async () => {
    const token = await login(app, 'idle1');
    tick(29 * 60_000);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
    tick(31 * 60_000);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    // Ten minutes from now on: in force at once, for sessions already open too.
    expect((await saveSecuritySettings(store.db, { idleTimeoutMinutes: 10 }, 'server-admin:test', clock)).ok).toBe(true);
    tick(60_000);
    const pending = await passwordStep(app, 'idle1');
    const answer = await app.inject({ method: 'POST', url: '/api/v1/staff/login/second-factor', headers: { authorization: `Bearer ${pending.token}` }, payload: { code: nextCode('idle1', pending.serverTime) } });
    const session = answer.json().data as { token: string; idleTimeoutMs: number };
    expect(session.idleTimeoutMs).toBe(10 * 60_000);
    tick(11 * 60_000);
    expect((await asStaff(app, session.token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
  });

  it('validates a settings change whole before writing it, and audits each change with before and after', async () => {
    const before = await loadSecuritySettings(store.db);
    const bad = await saveSecuritySettings(store.db, { idleTimeoutMinutes: 2 }, 'server-admin:test', clock);
    expect(bad.ok).toBe(false);
    expect(await loadSecuritySettings(store.db)).toEqual(before);
    expect((await saveSecuritySettings(store.db, { passwordMaxAgeDays: 0, passwordMinLength: 12 }, 'server-admin:test', clock)).ok).toBe(true);
    const rows = (await store.db('audit_log').where({ action: 'settings.changed' }).orderBy('seq')) as Array<{ detail: string; actor: string }>;
    expect(rows.length).toBe(2);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ before: { passwordMaxAgeDays: 90 }, after: { passwordMaxAgeDays: 0, passwordMinLength: 12 } });
    // Never expire: a year later the password still logs in straight to the session.
    tick(400 * DAY);
    await login(app, 'idle1');
  });
});
