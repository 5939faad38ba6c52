/**
 * The HTTP boundary: malformed JSON, gzip bombs (the limit applies after decompression), wrong schema
 * versions, missing keys, rate limits, and logs that carry codes and counts but no personal data.
 */
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { gz, pushBody, pushHeaders, pushRequest, traineePutOp } from '../support/push-bodies';
import { count, nthIdNumber } from '../support/sync-harness';

describeEachServerDb('server HTTP limits', (kind) => {
  let store: TestServerDb;
  let token: string;
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    const devices = new DeviceRepository(store.db);
    token = (await devices.enrol((await devices.issueCode('230102', null)).code, { deviceId: 'pc', label: null, ackedSeq: null }))!.token;
  });
  afterAll(() => store.dispose());

  const build = (extra: { bodyLimit?: number; max?: number } = {}) =>
    buildServerApp({
      version: 't',
      db: store.db,
      bodyLimit: extra.bodyLimit,
      logger: { level: 'info', stream },
      rateLimit: extra.max ? { max: extra.max, enrolMax: 10, timeWindowMs: 60_000 } : false,
    });

  it('answers malformed JSON with VALIDATION and never echoes the body', async () => {
    const app = build();
    const secret = nthIdNumber(7);
    const response = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, crypto.randomUUID()), payload: gz(`{"schemaVersion": 1, "idNumber": "${secret}"`) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(response.body).not.toContain(secret);
    await app.close();
  });

  it('refuses a gzip bomb with 413 once the decompressed size passes the limit', async () => {
    const app = build({ bodyLimit: 1024 * 1024 });
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const response = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, crypto.randomUUID()), payload: bomb });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    await app.close();
  });

  it('refuses another schema version, a missing key and a key that is not the batch id, storing nothing', async () => {
    const app = build();
    const body = pushBody([traineePutOp(1, 1)], { schemaVersion: 99 });
    const old = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, body.batchId), payload: gz(body) });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ ok: false, error: { code: 'SCHEMA_VERSION' } });
    expect(old.json().error.message).toMatch(/升级/);
    const good = pushBody([traineePutOp(1, 1)]);
    const { 'idempotency-key': _, ...noKey } = pushHeaders(token, good.batchId);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: noKey, payload: gz(good) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, crypto.randomUUID()), payload: gz(good) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...pushHeaders(token, good.batchId), 'content-encoding': 'br' }, payload: gz(good) })).statusCode).toBe(415);
    expect(await count(store.db, 'op_log')).toBe(0);
    expect(await count(store.db, 'push_batches')).toBe(0);
    await app.close();
  });

  it('still reads a version 1 body (frozen before an upgrade), and refuses columns that do not add up', async () => {
    const app = build();
    const devices = new DeviceRepository(store.db);
    const enrolled = (await devices.enrol((await devices.issueCode('230102', null)).code, { deviceId: 'pc-v1', label: null, ackedSeq: null }))!;
    const own = enrolled.token;
    const v1 = pushRequest([traineePutOp(1, 7)]);
    const first = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(own, v1.batchId), payload: gz(v1) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data.counts).toEqual({ applied: 1, rejected: 0, duplicate: 0 });
    const broken = pushBody([traineePutOp(2, 8), traineePutOp(3, 9)], { prevSeq: 1 });
    broken.ops.seq = ['d', 2];
    const refused = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(own, broken.batchId), payload: gz(broken) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION');
    expect(await count(store.db, 'op_log', { device_id: enrolled.deviceId })).toBe(1);
    await app.close();
  });

  it('rate-limits a device', async () => {
    const app = build({ max: 2 });
    const pull = () => app.inject({ method: 'GET', url: '/api/v1/sync/pull?dataset=notices', headers: { authorization: `Bearer ${token}` } });
    expect((await pull()).statusCode).toBe(200);
    expect((await pull()).statusCode).toBe(200);
    const limited = await pull();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await app.close();
  });

  it('logs codes and counts, never ID numbers, names, phones or tokens', async () => {
    const app = build();
    lines.length = 0;
    const op = traineePutOp(1, 321, { payload: { name: '欧阳秘密', phone: '13912345678' } });
    const body = pushBody([op]);
    const response = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, body.batchId), payload: gz(body) });
    expect(response.statusCode, response.body).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, crypto.randomUUID()), payload: gz(`{"idNumber":"${nthIdNumber(321)}"`) });
    await app.close();
    const text = lines.join('');
    expect(text).toContain('"event":"push.ok"');
    expect(text).toContain('"applied":1');
    for (const secret of [nthIdNumber(321), '欧阳秘密', '13912345678', token]) expect(text).not.toContain(secret);
  });
});
