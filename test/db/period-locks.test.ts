/**
 * Locks on the PC (issue #15, item 2): once the PC learns by sync that a period's report was accepted, every write
 * that would change a figure of that period (adjustments, a new submission, trainees and training records dated
 * on or before its cutoff, through the procedures or an import) is refused with a Chinese message pointing to
 * 提交更正申请, and nothing of it is written; writes that leave the accepted figures as they were pass; a grant (the
 * report comes back returned) opens the period again, and the next acceptance locks it again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storePage } from '../../src-main/core/sync/pull-apply';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import type { ImportDryRun } from '../../src-shared/schemas/import';
import { csvBytes, dryRunBytes } from './import-fixtures';
import { fillDispatchFixture, PERIOD_1_FIGURES } from '../support/dispatch-fixture';
import { callProcedure } from '../support/call-procedure';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

let app: TempApp;
let periodIds: string[];

beforeEach(async () => {
  app = await openTempApp();
  periodIds = (await app.context.services.reference.periods()).map((p) => p.id);
  await fillDispatchFixture(app.context);
});
afterEach(async () => {
  await app.dispose();
});

const call = <T>(procedure: string, input: unknown): Promise<T> => callProcedure<T>(app.context, procedure, input);

let cursor = 0;
/** The province's decision on a report, arriving as the pull stores it. */
async function decisionArrives(reportId: string, periodId: string, status: 'accepted' | 'returned', comment: string | null = null): Promise<void> {
  cursor += 1;
  const outcome = await storePage(app.context.db, {
    dataset: 'report_status',
    items: [{ seq: cursor, id: reportId, deleted: false, payload: { periodId, status, comment, reviewedAt: '2020-04-13T02:00:00.000Z', reviewedBy: '李审核', reviewedLevel: 'city' } }],
    cursor,
    hasMore: false,
    serverTime: '2020-04-13T02:00:00.000Z',
  });
  expect(outcome).toEqual({ stored: 1, skipped: 0 });
}

async function acceptPeriod1(): Promise<DispatchReport> {
  const submitted = await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0] });
  await decisionArrives(submitted.reportId!, periodIds[0]!, 'accepted');
  return submitted;
}

async function counts() {
  const trainees = await app.context.db('trainees').count<{ n: number }[]>({ n: '*' });
  const enrolments = await app.context.db('enrolments').count<{ n: number }[]>({ n: '*' });
  const outbox = await app.context.db('outbox').count<{ n: number }[]>({ n: '*' });
  const audit = await app.context.db('audit_log').count<{ n: number }[]>({ n: '*' });
  return { trainees: Number(trainees[0]!.n), enrolments: Number(enrolments[0]!.n), outbox: Number(outbox[0]!.n), audit: Number(audit[0]!.n) };
}

const lockedRefusal = { ok: false, error: { code: 'PERIOD_CLOSED', message: expect.stringContaining('提交更正申请') } };

async function traineeId(registeredAt: string): Promise<string> {
  return (await app.context.db('trainees').whereNull('deleted_at').where({ registered_at: registeredAt }).first<{ id: string }>('id'))!.id;
}

describe('a period whose report was accepted', () => {
  it('refuses adjustments and a new submission, saying to request a correction', async () => {
    await acceptPeriod1();
    const adjust = await app.context.invoke('dispatch.adjust', { periodId: periodIds[0], figure: 'registeredTrainees', value: 9, reason: '补录遗漏学员' });
    expect(adjust).toMatchObject(lockedRefusal);
    expect(await app.context.invoke('dispatch.submit', { periodId: periodIds[0] })).toMatchObject(lockedRefusal);
    expect(await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] })).toMatchObject({ status: 'accepted', locked: true, adjustmentHistory: [] });
  });

  it('refuses, and writes nothing of, trainee and training-record changes whose dates it counts', async () => {
    await acceptPeriod1();
    const before = await counts();
    const platformId = (await app.context.services.platforms.list()).find((p) => p.name === '中国职业培训在线')!.id;
    const a = await traineeId('2020-04-02');
    const attempts = {
      register: await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 77), registeredAt: '2020-04-03' })),
      onTheCutoff: await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 78), registeredAt: '2020-04-10' })),
      delete: await app.context.invoke('trainees.delete', { id: a, reason: '重复登记' }),
      moveOut: await app.context.invoke('trainees.update', { id: a, patch: { registeredAt: '2020-04-12' } }),
      course: await app.context.invoke('enrolments.create', { traineeId: a, platformId, courseName: '电工', startDate: '2020-04-08', endDate: null, hours: 4, signedIn: true }),
    };
    for (const [what, result] of Object.entries(attempts)) expect(result, what).toMatchObject(lockedRefusal);
    expect((attempts.register as { error: { message: string } }).error.message).toContain('第1期');
    expect(await counts()).toEqual(before);
    expect(await app.context.db('trainees').where({ id: a }).first('registered_at', 'deleted_at')).toEqual({ registered_at: '2020-04-02', deleted_at: null });
  });

  it('lets through changes that leave its figures as they were', async () => {
    await acceptPeriod1();
    const a = await traineeId('2020-04-02');
    const platformId = (await app.context.services.platforms.list()).find((p) => p.name === '中国职业培训在线')!.id;
    // A phone corrected, a date moved within the period, records dated after its cutoff.
    expect(await app.context.invoke('trainees.update', { id: a, patch: { phone: '13900001111' } })).toMatchObject({ ok: true });
    expect(await app.context.invoke('trainees.update', { id: a, patch: { registeredAt: '2020-04-01' } })).toMatchObject({ ok: true });
    expect(await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 79), registeredAt: '2020-04-11' }))).toMatchObject({ ok: true });
    expect(await app.context.invoke('enrolments.create', { traineeId: a, platformId, courseName: '电工', startDate: '2020-04-15', endDate: null, hours: 4, signedIn: true })).toMatchObject({ ok: true });
    expect(await app.context.invoke('dispatch.adjust', { periodId: periodIds[1], figure: 'trainingPersonTimes', value: 40, reason: '平台报送总数' })).toMatchObject({ ok: true });
    const period1 = await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] });
    expect(Object.fromEntries(period1.figures.map((f) => [f.key, f.final]))).toEqual(PERIOD_1_FIGURES);
  });

  it('refuses a whole import that would change it, and imports nothing', async () => {
    await acceptPeriod1();
    const before = await counts();
    const header = ['序号', '名字', '公民身份号码', '联系电话', '类别', '户口性质', '登记日期', '平台', '备注'];
    const rows = [
      [1, '王小明', validIdNumber('19850101', 81), '13800001111', '失业', '农业', '2020-04-20', null, null],
      [2, '李小红', validIdNumber('19850101', 82), '13800001112', '失业', '农业', '2020-04-05', null, null],
    ];
    const checked = await dryRunBytes(app.context, csvBytes({ header, rows }, 'utf-8'), 'trainees');
    if (!checked.ok) return expect.fail(JSON.stringify(checked.error));
    const dry = checked.data as ImportDryRun;
    expect(dry.counts).toMatchObject({ new: 2, invalid: 0 });
    const committed = await app.context.invoke('import.commit', { jobId: dry.jobId });
    expect(committed).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED', message: expect.stringContaining('本次没有导入任何数据') } });
    expect(await counts()).toEqual(before);
  });
});

describe('a granted correction', () => {
  it('opens the period again (the report comes back returned) until it is accepted again', async () => {
    const submitted = await acceptPeriod1();
    await decisionArrives(submitted.reportId!, periodIds[0]!, 'returned', '更正申请已批准（补录一名学员），请修改后重新上报');
    const late = await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 77), registeredAt: '2020-04-03' }));
    expect(late).toMatchObject({ ok: true });
    const platformId = (await app.context.services.platforms.list()).find((p) => p.name === '中国职业培训在线')!.id;
    const lateId = (late as { data: { id: string } }).data.id;
    await call('enrolments.create', { traineeId: lateId, platformId, courseName: '养老护理', startDate: '2020-04-03', endDate: null, hours: 8, signedIn: true });
    const resubmitted = await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0] });
    expect(Object.fromEntries(resubmitted.figures.map((f) => [f.key, f.final]))).toEqual({ ...PERIOD_1_FIGURES, registeredTrainees: 3, trainingPersonTimes: 3 });
    await decisionArrives(submitted.reportId!, periodIds[0]!, 'accepted');
    const again = await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 78), registeredAt: '2020-04-04' }));
    expect(again).toMatchObject(lockedRefusal);
  });
});
