/**
 * Issue #19 item 4: the second factor of staff logins. TOTP (RFC 6238) codes are accepted for the
 * server's step ±1 and refused two steps off, wrong or replayed (the same code, or an older one, after
 * a success); the secret is stored sealed with the server key; the ten recovery codes work once each;
 * wrong codes count in the same lockout as wrong passwords; `user reset-2fa` makes the next login enrol.
 * The clock is injected: nothing sleeps.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { AccountService, LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '../../src-server/staff/account-service';
import { RECOVERY_CODE_COUNT } from '../../src-shared/staff-login-api';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login, passwordStep, phoneOf, stepOf, totpCode } from '../support/staff';

describeEachServerDb('staff second factor', (kind) => {
  let store: TestServerDb;
  let app: FastifyInstance;
  let clock = new Date('2020-04-12T02:00:10Z');

  async function codeStep(name: string, code: string) {
    const pending = await passwordStep(app, name);
    expect(pending.stage).toBe('second-factor');
    const answer = await app.inject({ method: 'POST', url: '/api/v1/staff/login/second-factor', headers: { authorization: `Bearer ${pending.token}` }, payload: { code } });
    return { status: answer.statusCode, body: answer.json() as { ok: boolean; data?: { stage: string; token: string; recoveryCodesLeft?: number }; error?: { code: string; message: string } } };
  }
  const secretOf = (name: string) => phoneOf(name)!.secret;
  const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => clock } });
    for (const name of ['totp1', 'skew1', 'replay1', 'rescue1', 'guess1', 'reset1']) {
      await addStaff(store.db, name, name === 'skew1' ? 'city' : 'province', name === 'skew1' ? '230100' : null);
      await login(app, name); // enrols
      tick(60_000);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('enrols at the first login, and keeps only the sealed secret in the store', async () => {
    const row = (await store.db('staff_users').where({ name: 'totp1' }).first()) as { totp_secret: string; totp_pending: string | null; totp_enrolled_at: string };
    expect(row.totp_enrolled_at).toBeTruthy();
    expect(row.totp_pending).toBeNull();
    expect(row.totp_secret.startsWith('v1.')).toBe(true);
    expect(row.totp_secret).not.toContain(secretOf('totp1'));
    // A second login asks for the code, not for a new enrolment.
    expect((await passwordStep(app, 'totp1')).stage).toBe('second-factor');
  });

  it('accepts the current code and opens a full session; refuses a wrong one in Chinese', async () => {
    tick(60_000);
    const wrong = await codeStep('totp1', '000000' === totpCode(secretOf('totp1'), stepOf(clock)) ? '111111' : '000000');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/动态码不正确/);
    const right = await codeStep('totp1', totpCode(secretOf('totp1'), stepOf(clock)));
    expect(right.status).toBe(200);
    expect(right.body.data?.stage).toBe('done');
    expect((await asStaff(app, right.body.data!.token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
  });

  it('accepts a phone one step fast or slow, and refuses two steps off', async () => {
    const secret = secretOf('skew1');
    tick(5 * 60_000);
    const now = stepOf(clock);
    expect((await codeStep('skew1', totpCode(secret, now + 2))).status).toBe(401);
    expect((await codeStep('skew1', totpCode(secret, now - 2))).status).toBe(401);
    expect((await codeStep('skew1', totpCode(secret, now - 1))).status).toBe(200);
    tick(5 * 60_000);
    expect((await codeStep('skew1', totpCode(secret, stepOf(clock) + 1))).status).toBe(200);
  });

  it('refuses a code used once, and an older one, within its window', async () => {
    const secret = secretOf('replay1');
    tick(5 * 60_000);
    const code = totpCode(secret, stepOf(clock));
    expect((await codeStep('replay1', code)).status).toBe(200);
    const replay = await codeStep('replay1', code);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('UNAUTHORIZED');
    expect((await codeStep('replay1', totpCode(secret, stepOf(clock) - 1))).status).toBe(401);
    // A finished login starts the lockout count again (the refusals above counted).
    tick(30_000);
    expect((await codeStep('replay1', totpCode(secret, stepOf(clock)))).status).toBe(200);
    // Two requests with the same fresh code at once: one wins.
    tick(30_000);
    const fresh = totpCode(secret, stepOf(clock));
    const [a, b] = await Promise.all([codeStep('replay1', fresh), codeStep('replay1', fresh)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it(`lets each of the ${RECOVERY_CODE_COUNT} recovery codes in once, whatever its case and dashes`, async () => {
    const codes = phoneOf('rescue1')!.recoveryCodes;
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    const stored = (await store.db('staff_recovery_codes').select('code_mac')) as Array<{ code_mac: string }>;
    for (const code of codes) expect(stored.some((r) => r.code_mac.includes(code.replace('-', '')))).toBe(false);
    const first = await codeStep('rescue1', codes[0]!.toLowerCase().replace('-', ' '));
    expect(first.status).toBe(200);
    expect(first.body.data?.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
    expect((await codeStep('rescue1', codes[0]!)).status).toBe(401);
    expect((await codeStep('rescue1', codes[1]!)).status).toBe(200);
    // Another user's code opens nothing here.
    expect((await codeStep('rescue1', phoneOf('totp1')!.recoveryCodes[0]!)).status).toBe(401);
    tick(LOCKOUT_MS + 1000);
  });

  it('counts wrong codes in the same lockout as wrong passwords, and locks even the right code after', async () => {
    const secret = secretOf('guess1');
    tick(5 * 60_000);
    const bad = totpCode(secret, stepOf(clock) + 5);
    // password right (1) + wrong code (2), twice: 4 claims; then a wrong password: the fifth locks.
    expect((await codeStep('guess1', bad)).status).toBe(401);
    expect((await codeStep('guess1', bad)).status).toBe(401);
    const wrongPassword = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'guess1', password: 'wrong-password' } });
    expect(wrongPassword.statusCode).toBe(423);
    const locked = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'guess1', password: 'correct-horse-42' } });
    expect(locked.statusCode).toBe(423);
    tick(LOCKOUT_MS + 1000);
    expect((await codeStep('guess1', totpCode(secret, stepOf(clock)))).status).toBe(200);
    // The finished login started the count again: two more wrong codes (with their passwords) do not lock.
    tick(60_000);
    expect((await codeStep('guess1', bad)).status).toBe(401);
    expect((await codeStep('guess1', totpCode(secret, stepOf(clock)))).status).toBe(200);
    expect(MAX_FAILED_ATTEMPTS).toBeGreaterThan(4);
  });

  it('a pending token opens only its own step, and ends after five minutes', async () => {
    const pending = await passwordStep(app, 'totp1');
    expect((await asStaff(app, pending.token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    expect((await asStaff(app, pending.token, { method: 'GET', url: '/api/v1/staff/board?period=2020-04-10' })).status).toBe(401);
    tick(5 * 60_000 + 1000);
    const late = await asStaff(app, pending.token, { method: 'POST', url: '/api/v1/staff/login/second-factor', payload: { code: totpCode(secretOf('totp1'), stepOf(clock)) } });
    expect(late.status).toBe(401);
  });

  it('reset-2fa forgets the authenticator and the recovery codes, ends sessions, and the next login enrols anew', async () => {
    const token = await login(app, 'reset1');
    expect((await new AccountService(store.db, () => clock).resetSecondFactor('reset1')).ok).toBe(true);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    expect(await store.db('staff_recovery_codes').join('staff_users', 'staff_users.id', 'staff_recovery_codes.user_id').where('staff_users.name', 'reset1').first()).toBeUndefined();
    expect((await passwordStep(app, 'reset1')).stage).toBe('enrol');
    const audit = (await store.db('audit_log').where({ action: 'second_factor.reset', target: 'reset1' })) as unknown[];
    expect(audit).toHaveLength(1);
  });
});
