/**
 * The review round trip with real PCs: counties submit their report, sync; staff see the board and
 * the roll-up (sums of the reports as submitted, with what the records compute beside them); a report
 * is returned with a comment and accepted, and on the next sync the PC shows it returned, with the
 * comment and open for correction, or accepted; a resubmission is a new submission to review.
 */
import { expect, it } from 'vitest';
import { platformIdFor } from '../../src-node/reference-ids';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';
import { reportStanding } from '../../src-server/staff/board-service';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { describeEachServer } from '../support/fixtures';
import { registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';
import { callProcedure } from '../support/call-procedure';
import { asStaff, fakePdfPrinter } from '../support/staff';

const CUTOFF = '2020-04-10';

function call<T>(pc: TempApp, procedure: string, input: unknown): Promise<T> {
  return callProcedure<T>(pc.context, procedure, input);
}

async function firstPeriodId(pc: TempApp): Promise<string> {
  const period = (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF);
  return period!.id;
}

it('tells on time from late by the China calendar day of submission, and applies a review to its own submission only', () => {
  const period = { dueDate: '2020-04-12' };
  const report = (submittedAt: string | null, status: 'submitted' | 'returned' = 'submitted') => ({ id: 'r', countyCode: '230102', periodId: 'p', cutoffDate: CUTOFF, status, figures: { registeredTrainees: 1, trainingPersonTimes: 1, provincePlatforms: 0, cityPlatforms: 0, nationalPlatforms: 0 }, nationalPlatformNames: [], forceReason: null, submittedAt });
  expect(reportStanding(period, undefined, undefined).status).toBe('not_submitted');
  expect(reportStanding(period, report('2020-04-12T15:30:00Z'), undefined).status).toBe('on_time'); // 23:30 in Harbin
  expect(reportStanding(period, report('2020-04-12T16:30:00Z'), undefined).status).toBe('late');
  const review = { countyCode: '230102', status: 'returned' as const, comment: 'x', submittedAt: '2020-04-11T00:00:00Z', reviewedAt: 'y', reviewedBy: 'u' };
  expect(reportStanding(period, report('2020-04-11T00:00:00Z'), review).status).toBe('returned');
  expect(reportStanding(period, report('2020-04-12T00:00:00Z'), review).status).toBe('on_time');
});

const printed: string[] = [];

describeEachServer('staff review round trip', { server: { staff: { now: () => new Date('2020-04-20T02:00:00Z'), pdfPrinter: fakePdfPrinter(printed) } } }, (test) => {
  let daoli: TempApp;
  let nangang: TempApp;
  let province: string;
  let harbin: string;

  test.beforeAll(async ({ enrolPc, staffLogin }) => {
    daoli = await enrolPc('230102');
    nangang = await enrolPc('230103');
    await registerTrainees(daoli, 3);
    await registerTrainees(nangang, 2, { region: '230103' });
    // 道里 adopted one of the national platforms every PC and the server know by the same id: its
    // 部推荐 figure must match what the server computes from the synced adoption.
    await call(daoli, 'platforms.adopt', { platformId: platformIdFor('national', NAMED_NATIONAL_PLATFORMS[0]!.name), adopted: true });
    await call(daoli, 'dispatch.submit', { periodId: await firstPeriodId(daoli) });
    const nangangPeriod = await firstPeriodId(nangang);
    await call(nangang, 'dispatch.adjust', { periodId: nangangPeriod, figure: 'registeredTrainees', value: 5, reason: '平台后台另有3人注册' });
    await call(nangang, 'dispatch.adjust', { periodId: nangangPeriod, figure: 'trainingPersonTimes', value: 5, reason: '平台后台另有3人次' });
    await call(nangang, 'dispatch.submit', { periodId: nangangPeriod });
    for (const pc of [daoli, nangang]) expect((await sync(pc)).outcome).toBe('done');
    province = await staffLogin('prov', 'province');
    harbin = await staffLogin('harbin', 'city', '230100');
  });

  test('shows every county of the city on the board, with status, submission and last sync', async ({ server }) => {
    const { status, json } = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/board?period=${CUTOFF}` });
    expect(status).toBe(200);
    const data = (json as { data: { counts: Record<string, number>; rows: Array<{ countyCode: string; status: string; submittedAt: string | null; lastSyncAt: string | null; syncStale: boolean }> } }).data;
    const daoliRow = data.rows.find((r) => r.countyCode === '230102')!;
    // Submitted today (2026 or later), long after the 2020 due date: late.
    expect(daoliRow).toMatchObject({ status: 'late' });
    expect(daoliRow.submittedAt).not.toBeNull();
    expect(daoliRow.lastSyncAt).not.toBeNull();
    const silent = data.rows.find((r) => r.countyCode === '230104')!;
    expect(silent).toMatchObject({ status: 'not_submitted', lastSyncAt: null, syncStale: true });
    expect(data.counts.late).toBe(2);
    expect(data.counts.total).toBe(data.rows.length);
    expect(data.counts.not_submitted).toBe(data.rows.length - 2);
  });

  test('rolls up the reports as submitted, with the computed figures beside them and the differences flagged', async ({ server }) => {
    const { json } = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/rollup?period=${CUTOFF}` });
    const city = (json as { data: { level: string; rows: Array<{ unitCode: string; submitted: Record<string, number>; computed: Record<string, number>; differs: string[] }>; total: Record<string, number>; table: { rows: Array<{ unitName: string; values: number[]; isTotal: boolean }> } } }).data;
    expect(city.level).toBe('city');
    const d = city.rows.find((r) => r.unitCode === '230102')!;
    const n = city.rows.find((r) => r.unitCode === '230103')!;
    expect(d.submitted.registeredTrainees).toBe(3);
    expect(d.submitted.nationalPlatforms).toBe(1);
    expect(d.computed.nationalPlatforms).toBe(1);
    expect(d.differs).toEqual([]);
    expect(n.submitted.registeredTrainees).toBe(5);
    expect(n.computed.registeredTrainees).toBe(2);
    expect(n.differs).toEqual(['registeredTrainees', 'trainingPersonTimes']);
    expect(city.total.registeredTrainees).toBe(8);
    expect(city.total.trainingPersonTimes).toBe(8);
    const total = city.table.rows[city.table.rows.length - 1]!;
    expect(total).toMatchObject({ unitName: '合计', isTotal: true });
    expect(total.values[0]).toBe(8);
    expect(city.table.rows.find((r) => r.unitName === '道里区')!.values[0]).toBe(3);

    const whole = await asStaff(server.app, province, { method: 'GET', url: `/api/v1/staff/rollup?period=${CUTOFF}` });
    const p = (whole.json as { data: { level: string; rows: Array<{ unitCode: string; submitted: Record<string, number>; reportedCounties: number }>; total: Record<string, number> } }).data;
    expect(p.level).toBe('province');
    expect(p.rows).toHaveLength(13);
    expect(p.rows.find((r) => r.unitCode === '230100')).toMatchObject({ reportedCounties: 2, submitted: { registeredTrainees: 8 } });
    expect(p.total.registeredTrainees).toBe(8);
  });

  test('exports the roll-up as .xlsx and PDF', async ({ server }) => {
    const xlsx = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/rollup.xlsx?period=${CUTOFF}` });
    expect(xlsx.status).toBe(200);
    expect(xlsx.response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/rollup.pdf?period=${CUTOFF}` });
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers['content-type']).toBe('application/pdf');
    expect(printed.at(-1)).toContain('合计');
    expect(printed.at(-1)).toContain('哈尔滨市');
  });

  test('returns a report with a comment that the county sees, unlocked, on its next sync; accepts another', async ({ server }) => {
    const noComment = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/230102/${CUTOFF}/return`, payload: {} });
    expect(noComment.status).toBe(400);
    const returned = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/230102/${CUTOFF}/return`, payload: { comment: '培训人次与平台数据不符，请核对后重报' } });
    expect(returned.json).toMatchObject({ ok: true, data: { status: 'returned' } });
    const again = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/230102/${CUTOFF}/accept`, payload: {} });
    expect(again.status).toBe(409);
    // Levels (issue #15): Harbin has a city account, so its counties are accepted by the city, not the province.
    const byProvince = await asStaff(server.app, province, { method: 'POST', url: `/api/v1/staff/reports/230103/${CUTOFF}/accept` });
    expect(byProvince.status).toBe(403);
    const accepted = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/230103/${CUTOFF}/accept` });
    expect(accepted.json).toMatchObject({ ok: true, data: { status: 'accepted' } });

    for (const pc of [daoli, nangang]) expect((await sync(pc)).outcome).toBe('done');
    const daoliReport = await call<DispatchReport>(daoli, 'dispatch.get', { periodId: await firstPeriodId(daoli) });
    expect(daoliReport).toMatchObject({ reportStatus: 'returned', reviewComment: '培训人次与平台数据不符，请核对后重报', locked: false });
    const nangangReport = await call<DispatchReport>(nangang, 'dispatch.get', { periodId: await firstPeriodId(nangang) });
    expect(nangangReport).toMatchObject({ reportStatus: 'accepted', locked: true });

    const board = await asStaff(server.app, province, { method: 'GET', url: `/api/v1/staff/board?period=${CUTOFF}&city=230100` });
    const rows = (board.json as { data: { rows: Array<{ countyCode: string; status: string; reviewComment: string | null }> } }).data.rows;
    expect(rows.find((r) => r.countyCode === '230102')).toMatchObject({ status: 'returned', reviewComment: '培训人次与平台数据不符，请核对后重报' });
    expect(rows.find((r) => r.countyCode === '230103')).toMatchObject({ status: 'accepted' });
    // A returned report no longer counts in the roll-up.
    const rollup = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/rollup?period=${CUTOFF}` });
    expect((rollup.json as { data: { total: Record<string, number> } }).data.total.registeredTrainees).toBe(5);

    // The county corrects and resubmits: a new submission, to be reviewed again.
    await call(daoli, 'dispatch.submit', { periodId: await firstPeriodId(daoli) });
    expect((await sync(daoli)).outcome).toBe('done');
    const after = await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/board?period=${CUTOFF}` });
    expect((after.json as { data: { rows: Array<{ countyCode: string; status: string; reviewComment: string | null }> } }).data.rows.find((r) => r.countyCode === '230102')).toMatchObject({ status: 'late', reviewComment: null });
  });

  test('answers 404 for a cutoff that is no period, and 400 for a malformed one', async ({ server }) => {
    expect((await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/board?period=2020-04-11' })).status).toBe(404);
    expect((await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/board?period=2020-4-10' })).status).toBe(400);
  });
});
