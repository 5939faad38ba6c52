/**
 * A correction request (更正申请) round trip through a real server, on both stores: the county's report is accepted by
 * its city, the PC learns it by sync and locks the period; the clerk asks for a correction on 双周调度 (what and why);
 * it goes up as a `correction_request` op, the city refuses one (who, when, why come back), grants the next, which
 * reopens the period for this county only; the corrected report goes up and is accepted again, and the lock is back.
 */
import { expect } from 'vitest';
import type { CorrectionRequest, DispatchReport } from '../../src-shared/schemas/dispatch';
import { callProcedure } from '../support/call-procedure';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { nthIdNumber, registerTrainees, sync, type TestServer } from '../support/sync-harness';
import { traineeInput, type TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
const COUNTY = '230102';

describeEachServer('a correction request through the server', { server: { staff: { now: () => new Date('2020-04-20T02:00:00Z') } } }, (test) => {
  let server: TestServer;
  let pc: TempApp;
  let other: TempApp;
  let harbin: string;

  test.beforeAll(async ({ server: running, enrolPc, staffLogin }) => {
    server = running;
    pc = await enrolPc(COUNTY);
    other = await enrolPc('230103');
    harbin = await staffLogin('harbin', 'city', '230100');
  });

  const periodId = async (app: TempApp) => (await app.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!.id;
  const report = async (app: TempApp = pc) => callProcedure<DispatchReport>(app.context, 'dispatch.get', { periodId: await periodId(app) });
  const synced = async (app: TempApp = pc) => expect((await sync(app)).outcome).toBe('done');
  const staff = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => asStaff(server.app, harbin, { method, url: `/api/v1/staff${url}`, ...(payload === undefined ? {} : { payload }) });
  const accept = async (county: string) => expect((await staff('POST', `/reports/${county}/${CUTOFF}/accept`, {})).status).toBe(200);
  const lateTrainee = (n: number) => pc.context.invoke('trainees.create', traineeInput({ idNumber: nthIdNumber(900 + n), name: '补录学员', registeredAt: '2020-04-05' }));

  test('locks the accepted period, carries the request up, and brings the refusal back with who, when and why', async () => {
    for (const app of [pc, other]) {
      await registerTrainees(app, 2, { region: app === pc ? COUNTY : '230103' });
      await callProcedure(app.context, 'dispatch.submit', { periodId: await periodId(app) });
      await synced(app);
    }
    await accept(COUNTY);
    await accept('230103');
    await synced();
    await synced(other);
    expect(await report()).toMatchObject({ reportStatus: 'accepted', locked: true, canRequestCorrection: true, corrections: [] });
    expect(await lateTrainee(1)).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });

    // Bad requests are refused before anything is written.
    const empty = await pc.context.invoke('dispatch.requestCorrection', { periodId: await periodId(pc), what: '  ', why: '漏录' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'what' }, { field: 'why' }] } } });
    const long = await pc.context.invoke('dispatch.requestCorrection', { periodId: await periodId(pc), what: '补'.repeat(501), why: '漏录了一名学员' });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('最多 500 个字') } });
    expect(await pc.context.db('correction_requests').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);

    const asked = await callProcedure<DispatchReport>(pc.context, 'dispatch.requestCorrection', { periodId: await periodId(pc), what: '实名注册学员人次数由 2 改为 3', why: '4月5日登记的一名学员漏录' });
    expect(asked.corrections).toMatchObject([{ state: 'unsent', what: '实名注册学员人次数由 2 改为 3', requestedBy: '张三' }]);
    expect(asked.canRequestCorrection).toBe(false);
    expect(await pc.context.invoke('dispatch.requestCorrection', { periodId: await periodId(pc), what: '再申请一次更正', why: '重复提交测试' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('等待审批') } });
    await synced();
    expect((await report()).corrections[0]).toMatchObject({ state: 'requested' });

    const listed = await staff('GET', `/corrections?period=${CUTOFF}`);
    const waiting = (listed.json as { data: { corrections: Array<{ id: string; countyCode: string; what: string; why: string; mayDecide: boolean }> } }).data.corrections;
    expect(waiting).toMatchObject([{ countyCode: COUNTY, what: '实名注册学员人次数由 2 改为 3', why: '4月5日登记的一名学员漏录', mayDecide: true }]);
    expect((await staff('POST', `/corrections/${waiting[0]!.id}/refuse`, { comment: '请附学员登记表后再申请' })).status).toBe(200);
    await synced();
    const refused = await report();
    expect(refused.corrections[0]).toMatchObject<Partial<CorrectionRequest>>({ state: 'refused', decidedBy: 'harbin', decidedLevel: 'city', comment: '请附学员登记表后再申请', decidedAt: '2020-04-20T02:00:00.000Z' });
    expect(refused).toMatchObject({ reportStatus: 'accepted', locked: true, canRequestCorrection: true });
    expect(await lateTrainee(2)).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
  });

  test('reopens the period for this county only on a grant, and locks it again once the corrected report is accepted', async () => {
    await callProcedure(pc.context, 'dispatch.requestCorrection', { periodId: await periodId(pc), what: '实名注册学员人次数由 2 改为 3', why: '已附学员登记表，4月5日登记的一名学员漏录' });
    await synced();
    const listed = await staff('GET', `/corrections?period=${CUTOFF}`);
    const open = (listed.json as { data: { corrections: Array<{ id: string; stage: string }> } }).data.corrections.find((c) => c.stage === 'requested')!;
    expect((await staff('POST', `/corrections/${open.id}/grant`, { comment: null })).status).toBe(200);
    await synced();
    await synced(other);
    const granted = await report();
    expect(granted).toMatchObject({ reportStatus: 'returned', locked: false, canSubmit: true, canRequestCorrection: false });
    expect(granted.corrections.map((c) => c.state)).toEqual(['granted', 'refused']);
    expect(granted.reviewComment).toContain('更正申请已批准');
    // Only this county: the other county of the city stays accepted and locked.
    expect(await report(other)).toMatchObject({ reportStatus: 'accepted', locked: true });

    const late = await lateTrainee(3);
    expect(late).toMatchObject({ ok: true });
    const platformId = (await pc.context.services.platforms.list())[0]!.id;
    await callProcedure(pc.context, 'enrolments.create', { traineeId: (late as { data: { id: string } }).data.id, platformId, courseName: '养老护理', startDate: '2020-04-06', endDate: null, hours: 8, signedIn: true });
    const resubmitted = await callProcedure<DispatchReport>(pc.context, 'dispatch.submit', { periodId: await periodId(pc) });
    expect(resubmitted.figures.find((f) => f.key === 'registeredTrainees')!.final).toBe(3);
    await synced();
    await accept(COUNTY);
    await synced();
    expect(await report()).toMatchObject({ reportStatus: 'accepted', locked: true });
    expect(await lateTrainee(4)).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
  });
});
