/**
 * Issue #18 item 2, the rate limit: it must key on what the server verified, never on what a client
 * claims. A fresh made-up Bearer token per request counts against the client's address (so it meets
 * the limit like any other anonymous request); a verified device or staff user is limited by its own
 * identity (not by the address it shares with others, and not per token); logins are limited per
 * address and, second, per submitted user name (whatever address they come from).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, login, STAFF_PASSWORD } from '../support/staff';

const MAX = 4;
const LOGIN_NAME_MAX = 3;
const fakeToken = () => randomBytes(24).toString('base64url');

describeEachServerDb('rate-limit keys', (kind) => {
  let store: TestServerDb;
  let deviceA: string;
  let deviceB: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    const devices = new DeviceRepository(store.db);
    const enrol = async (id: string) => (await devices.enrol((await devices.issueCode('230102', null)).code, { deviceId: id, label: null, ackedSeq: null }))!.token;
    deviceA = await enrol('pc-a');
    deviceB = await enrol('pc-b');
    await addStaff(store.db, 'province1', 'province');
  });
  afterAll(() => store.dispose());

  const build = () => buildServerApp({ version: 't', db: store.db, rateLimit: { max: MAX, enrolMax: 10, loginNameMax: LOGIN_NAME_MAX, timeWindowMs: 60_000 } });
  const send = (options: InjectOptions & { token?: string; from?: string }) => {
    const { token, from, ...rest } = options;
    return app.inject({ ...rest, remoteAddress: from ?? '10.0.0.1', headers: { ...rest.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };
  const pull = (token: string, from?: string) => send({ method: 'GET', url: '/api/v1/sync/pull?dataset=notices', token, from });

  it('counts a fresh fake Bearer token per request against the address, on device, staff and open routes', async () => {
    for (const url of ['/api/v1/sync/pull?dataset=notices', '/api/v1/staff/me', '/api/v1/health']) {
      app = build();
      const statuses: number[] = [];
      for (let i = 0; i < MAX + 1; i++) statuses.push((await send({ method: 'GET', url, token: fakeToken() })).statusCode);
      expect(statuses.slice(0, MAX).every((s) => s !== 429), url).toBe(true);
      expect(statuses[MAX], url).toBe(429);
      // Another address is not affected.
      expect((await send({ method: 'GET', url, token: fakeToken(), from: '10.0.0.2' })).statusCode, url).not.toBe(429);
      await app.close();
    }
  });

  it('limits a verified device by its identity, not by the address it shares with fakes and other devices', async () => {
    app = build();
    // Made-up tokens use up the shared address's budget...
    for (let i = 0; i < MAX; i++) expect((await pull(fakeToken())).statusCode).toBe(401);
    expect((await pull(fakeToken())).statusCode).toBe(429);
    // ...but a verified device behind the same address has its own, and uses it up alone.
    for (let i = 0; i < MAX; i++) expect((await pull(deviceA)).statusCode).toBe(200);
    const limited = await pull(deviceA);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Another device on that address is still served, and device A is limited from another address too.
    expect((await pull(deviceB)).statusCode).toBe(200);
    expect((await pull(deviceA, '10.9.9.9')).statusCode).toBe(429);
    await app.close();
  });

  it('limits a staff user by its id across sessions, not per session token', async () => {
    app = build();
    // Logins come from other addresses, so they do not use up the user's budget or 10.0.0.1's.
    const first = await loginFrom('10.1.0.1');
    const second = await loginFrom('10.1.0.2');
    const me = (token: string, from?: string) => send({ method: 'GET', url: '/api/v1/staff/me', token, from });
    for (let i = 0; i < MAX / 2; i++) {
      expect((await me(first)).statusCode).toBe(200);
      expect((await me(second, '10.0.0.3')).statusCode).toBe(200);
    }
    expect((await me(first, '10.0.0.4')).statusCode).toBe(429);
    expect((await me(second)).statusCode).toBe(429);
    await app.close();
  });

  it('limits logins per submitted name, from any address, and per address over any names', async () => {
    app = build();
    const attempt = (name: string, from: string) => send({ method: 'POST', url: '/api/v1/staff/login', payload: { name, password: 'wrong-password' }, from });
    const byName: number[] = [];
    for (let i = 0; i < LOGIN_NAME_MAX + 1; i++) byName.push((await attempt('target-name', `10.2.0.${i + 1}`)).statusCode);
    expect(byName.slice(0, LOGIN_NAME_MAX).every((s) => s === 401)).toBe(true);
    expect(byName[LOGIN_NAME_MAX]).toBe(429);
    // The same name written another way is the same name.
    expect((await attempt(' TARGET-NAME', '10.2.1.1')).statusCode).toBe(429);
    // One address trying many names meets the address limit.
    const byAddress: number[] = [];
    for (let i = 0; i < MAX + 1; i++) byAddress.push((await attempt(`name-${i}`, '10.3.0.1')).statusCode);
    expect(byAddress.slice(0, MAX).every((s) => s === 401)).toBe(true);
    expect(byAddress[MAX]).toBe(429);
    await app.close();
  });

  /** The whole login (password and second factor) from one address. */
  function loginFrom(from: string): Promise<string> {
    return login(app, 'province1', STAFF_PASSWORD, from);
  }
});
