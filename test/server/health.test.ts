import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';

describeEachServerDb('provincial server skeleton', (kind) => {
  let store: TestServerDb;
  beforeAll(async () => {
    store = await createTestServerDb(kind);
  });
  afterAll(() => store.dispose());

  it('answers health checks with its version and server time, and unknown paths with NOT_FOUND', async () => {
    const app = buildServerApp({ version: '9.9.9', db: store.db });
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { status: 'up', version: '9.9.9' } });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.close();
  });

  it('has every server table after migrating', async () => {
    for (const table of ['enrol_codes', 'devices', 'push_batches', 'op_log', 'trainees', 'enrolments', 'platforms', 'platform_adoptions', 'county_records', 'feed']) {
      expect(await store.db.schema.hasTable(table), table).toBe(true);
    }
  });
});
