/**
 * A token of one county can neither read nor write another county's data: the county comes from the
 * token, a county code in a body is ignored, and ids of another county answer "not found".
 */
import { expect } from 'vitest';
import { publishItems } from '../../src-server/admin';
import { gz, pushBody, pushHeaders, traineePutOp } from '../support/push-bodies';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, deviceToken, registerTrainees, sync } from '../support/sync-harness';

describeEachServer('county isolation', (test) => {
  let otherToken: string;
  test.beforeAll(async ({ store }) => {
    otherToken = await deviceToken(store.db, '230103', 'nangang');
  });

  test('refuses writes to another county and files a body\'s county code under the token\'s', async ({ store, server, pc: daoli }) => {
    const [victim] = await registerTrainees(daoli, 3);
    expect((await sync(daoli)).outcome).toBe('done');
    const before = await store.db('trainees').where({ id: victim }).first();

    const hijack = traineePutOp(1, 77, { entityId: victim!, payload: { name: '篡改者', countyCode: '230102' } });
    const patch = { ...traineePutOp(2, 78), op: 'patch' as const, entityId: victim!, payload: { name: '篡改者' } };
    const remove = { ...traineePutOp(3, 79), op: 'delete' as const, entityId: victim!, payload: { reason: 'x' } };
    const planted = traineePutOp(4, 80, { payload: { countyCode: '230102' } });
    const body = pushBody([hijack, patch, remove, planted]);
    const response = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(otherToken, body.batchId), payload: gz(body) });
    expect(response.statusCode).toBe(200);
    const receipt = response.json().data;
    expect(receipt.counts).toEqual({ applied: 1, rejected: 3, duplicate: 0 });
    expect(receipt.rejected.map((r: { code: string }) => r.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(await store.db('trainees').where({ id: victim }).first()).toEqual(before);
    expect(await store.db('trainees').where({ id: planted.entityId }).first('county_code')).toEqual({ county_code: '230103' });
    expect(await count(store.db, 'trainees', { county_code: '230102' })).toBe(3);
    await expectConverged(daoli, store.db, '230102');
  });

  test('pulls only its own county\'s items', async ({ store, server, pc: daoli }) => {
    await publishItems(store.db, 'notices', '230102', [{ id: crypto.randomUUID(), payload: { kind: 'info', title: '道里区专用', body: '内容', createdAt: '2020-04-05T00:00:00Z' } }]);
    const other = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull?dataset=notices', headers: { authorization: `Bearer ${otherToken}` } });
    expect(other.json().data.items.map((i: { payload: { title: string } }) => i.payload.title)).not.toContain('道里区专用');
    expect((await sync(daoli)).pulled.notices).toBeGreaterThanOrEqual(1);
  });
});
