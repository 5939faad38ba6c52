/**
 * Where a submitted report is, as the county sees it (issue #15 item 5), through a real server on both stores:
 * 已上报，待同步 while it is in the outbox; after the sync 已送达市级 for a county whose city has a city account, 已送达省级
 * for one whose city has none; a return tells the county who returned it (level and name), when and why, on
 * 双周调度's list and report alike; a new submission is 待同步 again until the next sync.
 */
import { expect } from 'vitest';
import { countiesOf } from '../../src-shared/domain/units';
import type { DispatchList, DispatchReport } from '../../src-shared/schemas/dispatch';
import { callProcedure } from '../support/call-procedure';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
const HARBIN_COUNTY = '230102';
/** 鸡西 has no city account here: its counties go straight to the province. */
const JIXI_COUNTY = countiesOf('230300')[0]!.code;

const STAFF_CLOCK = { staff: { now: () => new Date('2020-04-20T02:00:00Z') } };

describeEachServer('where a submitted report is', { server: STAFF_CLOCK }, (test) => {
  let harbinPc: TempApp;
  let jixiPc: TempApp;
  let harbin: string;
  test.beforeAll(async ({ enrolPc, staffLogin }) => {
    harbinPc = await enrolPc(HARBIN_COUNTY);
    jixiPc = await enrolPc(JIXI_COUNTY);
    harbin = await staffLogin('harbin', 'city', '230100');
  });

  const periodId = async (pc: TempApp) => (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!.id;
  const report = async (pc: TempApp) => callProcedure<DispatchReport>(pc.context, 'dispatch.get', { periodId: await periodId(pc) });
  const listed = async (pc: TempApp) => (await callProcedure<DispatchList>(pc.context, 'dispatch.list', {})).periods.find((p) => p.period.cutoffDate === CUTOFF)!;
  const submit = async (pc: TempApp) => callProcedure<DispatchReport>(pc.context, 'dispatch.submit', { periodId: await periodId(pc), forceReason: '按记录上报' });

  test('says 待同步 until the server has it, then which level received it', async () => {
    await registerTrainees(harbinPc, 2);
    await registerTrainees(jixiPc, 2, { region: JIXI_COUNTY });
    expect(await submit(harbinPc)).toMatchObject({ status: 'submitted', delivery: 'unsent', deliveredAt: null });
    expect(await listed(harbinPc)).toMatchObject({ status: 'submitted', delivery: 'unsent' });
    await submit(jixiPc);
    for (const pc of [harbinPc, jixiPc]) expect((await sync(pc)).outcome).toBe('done');
    expect(await report(harbinPc)).toMatchObject({ delivery: 'city', deliveredAt: expect.any(String) });
    expect(await listed(harbinPc)).toMatchObject({ delivery: 'city' });
    expect(await report(jixiPc)).toMatchObject({ delivery: 'province' });
  });

  test('tells the county who returned it, when and why; a resubmission is 待同步 again', async ({ server }) => {
    const returned = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/${HARBIN_COUNTY}/${CUTOFF}/return`, payload: { comment: '培训人次与平台报送不符，请核实' } });
    expect(returned.status).toBe(200);
    expect((await sync(harbinPc)).outcome).toBe('done');
    const facts = { status: 'returned', delivery: null, reviewedBy: 'harbin', reviewedLevel: 'city', reviewedAt: '2020-04-20T02:00:00.000Z', reviewComment: '培训人次与平台报送不符，请核实' };
    expect(await report(harbinPc)).toMatchObject(facts);
    expect(await listed(harbinPc)).toMatchObject(facts);

    expect(await submit(harbinPc)).toMatchObject({ status: 'submitted', delivery: 'unsent' });
    expect((await sync(harbinPc)).outcome).toBe('done');
    expect(await report(harbinPc)).toMatchObject({ status: 'submitted', delivery: 'city' });
  });
});
