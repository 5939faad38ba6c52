/**
 * Issue #15 item 7: a server set up for another province (河南省 here) shows its own units to its staff: the
 * province's roll-up has a row per city of Henan and one for 济源市 (省直辖, no city above it), the board and the
 * progress page list Henan's cities, a city account must be of a Henan city, a Heilongjiang county is unknown to
 * it, and the progress target is the one set for the province.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { setServerProvince, setServerTarget } from '../../src-server/settings/server-province';
import { AccountService } from '../../src-server/staff/account-service';
import { citiesOfProvince, countiesOf } from '../../src-shared/domain/units';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login, STAFF_PASSWORD } from '../support/staff';

const HENAN = '410000';
const ZHENGZHOU = '410100';
const JIYUAN = '419001';
const CUTOFF = '2020-04-10';

describeEachServerDb('a server of another province', (kind) => {
  let store: TestServerDb;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const get = async (who: string, url: string) => (await asStaff(app, tokens[who]!, { method: 'GET', url: `/api/v1/staff${url}` })).json as { ok: boolean; data?: unknown; error?: { code: string; message: string } };

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    expect(await setServerProvince(store.db, HENAN)).toMatchObject({ ok: true });
    await setServerTarget(store.db, 250_000);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => new Date('2020-04-12T02:00:00Z') } });
    await addStaff(store.db, 'henan', 'province');
    await addStaff(store.db, 'zhengzhou', 'city', ZHENGZHOU);
    tokens.province = await login(app, 'henan');
    tokens.city = await login(app, 'zhengzhou');
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('tells the staff UI which province it serves', async () => {
    expect(await get('province', '/me')).toMatchObject({ ok: true, data: { role: 'province', provinceCode: HENAN } });
    expect(await get('city', '/me')).toMatchObject({ ok: true, data: { role: 'city', cityCode: ZHENGZHOU, provinceCode: HENAN } });
  });

  it('rolls up a row per city of the province and one per county under no city', async () => {
    const rollup = await get('province', `/rollup?period=${CUTOFF}`);
    expect(rollup).toMatchObject({ ok: true, data: { level: 'province', unitCode: HENAN, unitName: '河南省' } });
    const rows = (rollup.data as { rows: Array<{ unitCode: string; unitName: string; countyCount: number }> }).rows;
    const cities = citiesOfProvince(HENAN);
    expect(rows.map((r) => r.unitCode)).toEqual([...cities.map((c) => c.code), JIYUAN]);
    expect(rows.find((r) => r.unitCode === JIYUAN)).toMatchObject({ unitName: '济源市', countyCount: 1 });
    expect(rows.find((r) => r.unitCode === ZHENGZHOU)).toMatchObject({ unitName: '郑州市', countyCount: countiesOf(ZHENGZHOU).length });
    expect(rows.some((r) => r.unitCode.startsWith('23'))).toBe(false);

    const cityRollup = await get('city', `/rollup?period=${CUTOFF}`);
    expect((cityRollup.data as { rows: Array<{ unitCode: string }> }).rows.map((r) => r.unitCode)).toEqual(countiesOf(ZHENGZHOU).map((c) => c.code));
  });

  it('lists the cities of the province on the board and the progress page, against the province target', async () => {
    const board = await get('province', `/board?period=${CUTOFF}`);
    expect(board.ok).toBe(true);
    const boardCities = (board.data as { cities: Array<{ cityCode: string }> }).cities.map((c) => c.cityCode);
    expect(boardCities).toEqual(citiesOfProvince(HENAN).map((c) => c.code));
    const progress = await get('province', '/progress');
    expect(progress).toMatchObject({ ok: true, data: { target: 250_000 } });
  });

  it('knows no unit of another province', async () => {
    expect(await get('province', `/rollup?period=${CUTOFF}&city=230100`)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await get('province', `/reports/230102/${CUTOFF}`)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const refused = await new AccountService(store.db).addUser({ name: 'harbin', role: 'city', cityCode: '230100', password: STAFF_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('河南省') } });
    expect(await store.db('staff_users').where({ name: 'harbin' }).first()).toBeUndefined();
  });

  it('keeps its province once a city account of it exists', async () => {
    expect(await setServerProvince(store.db, '230000')).toMatchObject({ ok: false, message: expect.stringContaining(ZHENGZHOU) });
  });
});
