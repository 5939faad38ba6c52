/**
 * What a reviewer sees before deciding (issue #15 item 5, `reports.detail`), on both stores, with a real PC: beside
 * every figure the value computed from the records, the adjustment with its reason and who made it, and the figure
 * sent; the 强制上报说明; who submitted; what this user's level may do now; the decision on the submission; the
 * history. Another city's account is refused; a county that has not reported answers an empty detail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportDetail } from '../../src-shared/staff-api';
import { callProcedure } from '../support/call-procedure';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login } from '../support/staff';
import { enrolledPc, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
const COUNTY = '230102';

describeEachServerDb('the report detail a reviewer reads', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let pc: TempApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db, { staff: { now: () => new Date('2020-04-20T02:00:00Z') } });
    pc = await enrolledPc(store.db, server.url, COUNTY);
    await addStaff(store.db, 'harbin', 'city', '230100');
    await addStaff(store.db, 'qiqihar', 'city', '230200');
    await addStaff(store.db, 'prov', 'province');
    for (const name of ['harbin', 'qiqihar', 'prov']) tokens[name] = await login(server.app, name);
  });
  afterAll(async () => {
    await pc.dispose();
    await server.close();
    await store.dispose();
  });

  const detail = async (who: string, county = COUNTY) => {
    const answer = await asStaff(server.app, tokens[who]!, { method: 'GET', url: `/api/v1/staff/reports/${county}/${CUTOFF}` });
    return { status: answer.status, data: (answer.json as { data?: ReportDetail } | null)?.data };
  };

  it('shows the computed value, the adjustment and its reason, the 强制上报说明 and who submitted, to the level that decides', async () => {
    await registerTrainees(pc, 3);
    const periodId = (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!.id;
    await callProcedure(pc.context, 'dispatch.adjust', { periodId, figure: 'trainingPersonTimes', value: 40, reason: '平台报送的培训总人次，含未逐人录入的' });
    await callProcedure(pc.context, 'dispatch.adjust', { periodId, figure: 'registeredTrainees', value: 50, reason: '平台实名注册总数' });
    await callProcedure(pc.context, 'dispatch.submit', { periodId, forceReason: '平台注册数大于培训人次，已核实' });
    expect((await sync(pc)).outcome).toBe('done');

    const city = await detail('harbin');
    expect(city.status).toBe(200);
    expect(city.data).toMatchObject({ countyName: expect.stringContaining('道里区'), stage: 'pending', awaiting: 'city', submittedBy: '张三', forceReason: '平台注册数大于培训人次，已核实', mayAccept: true, mayReturn: true, review: null });
    const line = (key: string) => city.data!.figures.find((f) => f.key === key);
    expect(line('trainingPersonTimes')).toMatchObject({ label: '线上培训总人次数', computed: 3, adjustment: { value: 40, reason: '平台报送的培训总人次，含未逐人录入的', by: '张三' }, final: 40 });
    expect(line('registeredTrainees')).toMatchObject({ computed: 3, adjustment: { value: 50, reason: '平台实名注册总数' }, final: 50 });
    expect(line('provincePlatforms')).toMatchObject({ adjustment: null });
    expect(city.data!.events.map((e) => `${e.action}:${e.actorName}`)).toEqual(['county.submit:张三']);
    expect(city.data!.events[0]!.reason).toContain('平台注册数大于培训人次，已核实');

    // The province sees the same figures; it does not accept a county its city reviews.
    const province = await detail('prov');
    expect(province.data).toMatchObject({ figures: city.data!.figures, mayAccept: false });
    expect((await detail('qiqihar')).status).toBe(403);
  });

  it('carries the decision (who, level, when, why) and the history once the city has decided', async () => {
    const returned = await asStaff(server.app, tokens.harbin!, { method: 'POST', url: `/api/v1/staff/reports/${COUNTY}/${CUTOFF}/return`, payload: { comment: '请附平台报送截图' } });
    expect(returned.status).toBe(200);
    const after = await detail('harbin');
    expect(after.data).toMatchObject({ stage: 'returned', awaiting: null, mayAccept: false, review: { status: 'returned', comment: '请附平台报送截图', by: 'harbin', level: 'city', at: '2020-04-20T02:00:00.000Z' } });
    expect(after.data!.events.map((e) => e.action)).toEqual(['county.submit', 'county.return']);
  });

  it('answers a county that has not reported with no figures, nothing to decide', async () => {
    const silent = await detail('harbin', '230103');
    expect(silent.data).toMatchObject({ stage: 'not_submitted', figures: [], mayAccept: false, mayReturn: false, events: [] });
  });
});
