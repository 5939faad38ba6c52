/** Enrolment: one-time codes valid 72 hours, tokens kept only as hashes, revocation, county from the token. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { sha256Hex } from '../../src-node/digest';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { gz, pushBody, pushHeaders, traineePutOp } from '../support/push-bodies';
import { count, startTestServer, type TestServer } from '../support/sync-harness';
import { openTempApp } from '../support/temp-app';

describeEachServerDb('enrolment', (kind) => {
  let store: TestServerDb;
  let devices: DeviceRepository;
  beforeAll(async () => {
    store = await createTestServerDb(kind);
    devices = new DeviceRepository(store.db);
  });
  afterAll(() => store.dispose());

  it('exchanges a code once for a token stored only as its hash', async () => {
    const { code, expiresAt } = await devices.issueCode('230102', '道里区 1 号机');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const enrolled = await devices.enrol(code.toLowerCase(), { deviceId: 'pc-1', label: null, ackedSeq: null });
    expect(enrolled).toMatchObject({ countyCode: '230102' });
    expect(await devices.enrol(code, { deviceId: 'pc-2', label: null, ackedSeq: null })).toBeNull();
    const row = await store.db('devices').where({ id: enrolled!.deviceId }).first();
    expect(row.token_hash).toBe(sha256Hex(enrolled!.token));
    expect(JSON.stringify(row)).not.toContain(enrolled!.token);
    expect(JSON.stringify(await store.db('enrol_codes').select())).not.toContain(code.replace(/-/g, ''));
    expect(await devices.byToken(enrolled!.token)).toMatchObject({ id: enrolled!.deviceId, countyCode: '230102' });
  });

  it('refuses an expired code', async () => {
    const issued = new Date(Date.now() - 73 * 3_600_000);
    const { code } = await devices.issueCode('230102', null, issued);
    expect(await devices.enrol(code, { deviceId: 'pc-3', label: null, ackedSeq: null })).toBeNull();
  });

  it('refuses a revoked token on push and pull', async () => {
    const { code } = await devices.issueCode('230102', null);
    const enrolled = (await devices.enrol(code, { deviceId: 'pc-4', label: null, ackedSeq: null }))!;
    const app = buildServerApp({ version: 't', db: store.db, rateLimit: false });
    const pull = () => app.inject({ method: 'GET', url: '/api/v1/sync/pull?dataset=notices', headers: { authorization: `Bearer ${enrolled.token}` } });
    expect((await pull()).statusCode).toBe(200);
    expect(await devices.revoke(enrolled.deviceId)).toBe(true);
    expect(await pull()).toMatchObject({ statusCode: 401 });
    expect((await pull()).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const body = pushBody([traineePutOp(1, 1)]);
    const push = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(enrolled.token, body.batchId), payload: gz(body) });
    expect(push.statusCode).toBe(401);
    expect(await count(store.db, 'trainees')).toBe(0);
    await app.close();
  });

  it('stores nothing on a PC whose county differs from the code', async () => {
    const server: TestServer = await startTestServer(store.db);
    const pc = await openTempApp();
    try {
      const { code } = await devices.issueCode('230103', null);
      await expect(enrolDevice(pc.context.db, { serverUrl: server.url, code })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await pc.context.db('settings').whereIn('key', ['deviceToken', 'serverUrl']).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
      const bad = await enrolDevice(pc.context.db, { serverUrl: server.url, code: 'AAAA-BBBB-CCCC' }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'VALIDATION' });
      expect((bad as Error).message).toMatch(/登记码无效/);
    } finally {
      await pc.dispose();
      await server.close();
    }
  });

  it('limits enrolment attempts per address', async () => {
    const app = buildServerApp({ version: 't', db: store.db, rateLimit: { max: 100, enrolMax: 3, timeWindowMs: 60_000 } });
    const attempt = () => app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: 'AAAA-BBBB-CCCC', deviceId: 'x', ackedSeq: null } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(400);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await app.close();
  });
});
