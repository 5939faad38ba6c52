/**
 * Staff accounts: scrypt hashes, login and logout, lockout after five wrong passwords for fifteen
 * minutes, sessions that end after the configured idle minutes (30 by default; clock injected), disabled accounts, and a city
 * account that is refused another city's data with 403.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { LOCKOUT_MS } from '../../src-server/staff/account-service';
import { DEFAULT_SECURITY_SETTINGS } from '../../src-shared/staff-login-api';

const SESSION_IDLE_MS = DEFAULT_SECURITY_SETTINGS.idleTimeoutMinutes * 60_000;
import { hashPassword, verifyPassword } from '../../src-node/scrypt-hash';
import { AccountService } from '../../src-server/staff/account-service';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { issueCode } from '../support/sync-harness';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { addStaff, asStaff, login, STAFF_PASSWORD } from '../support/staff';

it('hashes passwords with scrypt, salted, in the scrypt$N$r$p$salt$hash form', async () => {
  const a = await hashPassword('some-password-1');
  const b = await hashPassword('some-password-1');
  expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('some-password-1', a)).toBe(true);
  expect(await verifyPassword('some-password-2', a)).toBe(false);
  expect(await verifyPassword('x', 'md5$abc')).toBe(false);
});

describeEachServerDb('staff accounts', (kind) => {
  let store: TestServerDb;
  let app: FastifyInstance;
  let clock = new Date('2020-04-12T02:00:00Z');

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => clock } });
    await addStaff(store.db, 'province1', 'province');
    await addStaff(store.db, 'harbin1', 'city', '230100');
    await addStaff(store.db, 'qiqihar1', 'city', '230200');
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('stores only the hash, logs in, answers who is logged in, and logs out', async () => {
    const row = await store.db('staff_users').where({ name: 'province1' }).first('password_hash');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(STAFF_PASSWORD);
    const token = await login(app, 'province1');
    expect(await store.db('staff_sessions').where({ token_hash: token }).first()).toBeUndefined();
    const me = await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' });
    expect(me.json).toMatchObject({ ok: true, data: { name: 'province1', role: 'province', cityCode: null } });
    expect((await asStaff(app, token, { method: 'POST', url: '/api/v1/staff/logout' })).status).toBe(200);
    const after = await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' });
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a wrong password and an unknown user alike, and validates the body', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'harbin1', password: 'nope-nope-nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'nobody', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'harbin1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A successful login clears the failed attempt.
    await login(app, 'harbin1');
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    await addStaff(store.db, 'victim', 'province');
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'victim', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    expect((await attempt('wrong-password')).statusCode).toBe(423);
    const locked = await attempt(STAFF_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // Another user is not affected.
    await login(app, 'province1');
    clock = new Date(clock.getTime() + LOCKOUT_MS + 1000);
    await login(app, 'victim');
  });

  it('ends a session after 30 idle minutes (the default), and slides the limit while in use', async () => {
    const token = await login(app, 'province1');
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS + 60_000);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
  });

  it('ends the sessions of a disabled account and refuses its login', async () => {
    await addStaff(store.db, 'leaver', 'city', '230100');
    const token = await login(app, 'leaver');
    expect((await new AccountService(store.db).disableUser('leaver')).ok).toBe(true);
    expect((await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/me' })).status).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'leaver', password: STAFF_PASSWORD } })).statusCode).toBe(401);
  });

  it('refuses bad accounts: a city role without a city, a short password, a duplicate name', async () => {
    const accounts = new AccountService(store.db);
    expect(await accounts.addUser({ name: 'x1', role: 'city', cityCode: null, password: STAFF_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await accounts.addUser({ name: 'x2', role: 'city', cityCode: '230102', password: STAFF_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await accounts.addUser({ name: 'x3', role: 'province', cityCode: null, password: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await accounts.addUser({ name: 'province1', role: 'province', cityCode: null, password: STAFF_PASSWORD })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('opens no staff route with a device token, and none without a token', async () => {
    const enrolled = await new DeviceRepository(store.db).enrol(await issueCode(store.db, '230102'), { deviceId: 'pc', label: null, ackedSeq: null });
    expect((await asStaff(app, enrolled!.token, { method: 'GET', url: '/api/v1/staff/board?period=2020-04-10' })).status).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/staff/board?period=2020-04-10' })).statusCode).toBe(401);
  });

  it("answers 403 FORBIDDEN when a city account asks for another city's data", async () => {
    const token = await login(app, 'harbin1');
    const urls = [
      '/api/v1/staff/board?period=2020-04-10&city=230200',
      '/api/v1/staff/rollup?period=2020-04-10&city=230200',
      '/api/v1/staff/rollup.xlsx?period=2020-04-10&city=230200',
      '/api/v1/staff/duplicates?city=230200',
      '/api/v1/staff/progress?city=230200',
    ];
    for (const url of urls) {
      const answer = await asStaff(app, token, { method: 'GET', url });
      expect(answer.status, url).toBe(403);
      expect(answer.json, url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const review = await asStaff(app, token, { method: 'POST', url: '/api/v1/staff/reports/230202/2020-04-10/accept', payload: {} });
    expect(review.status).toBe(403);
    expect(review.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Its own city is fine, and without a city it gets its own counties only.
    const own = await asStaff(app, token, { method: 'GET', url: '/api/v1/staff/board?period=2020-04-10' });
    expect(own.status).toBe(200);
    const codes = (own.json as { data: { rows: Array<{ countyCode: string }> } }).data.rows.map((r) => r.countyCode);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.every((c) => c.startsWith('2301'))).toBe(true);
  });
});
