/**
 * Dispatch reports on the real store: figures against a hand-counted fixture, the trigger-kept counters against a
 * direct count, adjustments with reasons, checks, submission (and 强制上报), locking, and the return that unlocks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DispatchRepository } from '../../src-main/core/db/repositories/dispatch-repository';
import { DispatchService } from '../../src-main/core/services/dispatch-service';
import { Session } from '../../src-main/core/session';
import { HybridLogicalClock } from '../../src-shared/domain/hlc';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { ADOPTED_NATIONAL, fillDispatchFixture, PERIOD_1_FIGURES, PERIOD_2_FIGURES } from '../support/dispatch-fixture';
import { callProcedure } from '../support/call-procedure';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { openedJson } from '../support/sealed-store';

let app: TempApp;
let periodIds: string[];

beforeEach(async () => {
  app = await openTempApp();
  periodIds = (await app.context.services.reference.periods()).map((p) => p.id);
});
afterEach(async () => {
  await app.dispose();
});

const call = <T>(procedure: string, input: unknown): Promise<T> => callProcedure<T>(app.context, procedure, input);

function finals(report: DispatchReport): Record<string, number> {
  return Object.fromEntries(report.figures.map((f) => [f.key, f.final]));
}

function dispatchOn(today: string): DispatchService {
  const { db } = app.context;
  return new DispatchService(db, new Session(db), new HybridLogicalClock('test-node'), app.context.services.reference, () => today);
}

describe('dispatch figures', () => {
  it('match the hand-counted fixture at each cutoff, with the adopted national platforms named', async () => {
    await fillDispatchFixture(app.context);
    const first = await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] });
    expect(first.period.cutoffDate).toBe('2020-04-10');
    expect(finals(first)).toEqual(PERIOD_1_FIGURES);
    expect(first.nationalPlatformNames).toEqual([...ADOPTED_NATIONAL].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(first.unitName).toBe('哈尔滨市道里区');
    const second = await call<DispatchReport>('dispatch.get', { periodId: periodIds[1] });
    expect(finals(second)).toEqual(PERIOD_2_FIGURES);
    expect(second.checks.every((c) => c.passed)).toBe(true);
  });

  it('are kept by triggers that no later migration has dropped (rebuilding trainees or enrolments drops them)', async () => {
    const triggers = await app.context.db('sqlite_master').where({ type: 'trigger' }).where('name', 'like', 'dispatch_counts_%').pluck('name');
    expect([...triggers].sort()).toEqual([
      'dispatch_counts_enrolment_delete',
      'dispatch_counts_enrolment_insert',
      'dispatch_counts_enrolment_update',
      'dispatch_counts_trainee_delete',
      'dispatch_counts_trainee_insert',
      'dispatch_counts_trainee_update',
    ]);
  });

  it('keep the per-day counters equal to a direct count through inserts, edits, deletes and restores', async () => {
    await fillDispatchFixture(app.context);
    const repo = new DispatchRepository(app.context.db);
    const db = app.context.db;
    const expectConsistent = async () => {
      for (const cutoff of ['2020-04-01', '2020-04-10', '2020-04-11', '2020-04-24', '2020-06-30']) {
        expect(await repo.personTimesAsOf(cutoff), cutoff).toEqual(await repo.personTimesCountedDirectly(cutoff));
      }
    };
    await expectConsistent();
    const someone = (await db('trainees').whereNull('deleted_at').orderBy('registered_at').first<{ id: string }>('id'))!.id;
    await db('trainees').where({ id: someone }).update({ registered_at: '2020-04-15' });
    await expectConsistent();
    await db('trainees').where({ id: someone }).update({ deleted_at: '2020-04-30T00:00:00.000Z' });
    await expectConsistent();
    await db('trainees').update({ deleted_at: null });
    await expectConsistent();
    await db('enrolments').where('start_date', '<', '2020-04-11').update({ start_date: '2020-05-01' });
    await expectConsistent();
    await db('enrolments').where({ trainee_id: someone }).delete();
    await expectConsistent();
    await db('enrolments').update({ deleted_at: null });
    await expectConsistent();
  });
});

describe('adjusting figures', () => {
  it('keeps the computed value, the adjustment and its reason side by side, and writes audit and outbox rows', async () => {
    await fillDispatchFixture(app.context);
    const outboxBefore = await app.context.db('outbox').where({ entity: 'dispatch_report' }).count<{ n: number }[]>({ n: '*' });
    const report = await call<DispatchReport>('dispatch.adjust', {
      periodId: periodIds[0],
      figure: 'trainingPersonTimes',
      value: 40,
      reason: '平台报送总数，含未逐人录入的人次',
    });
    const line = report.figures.find((f) => f.key === 'trainingPersonTimes')!;
    expect(line).toMatchObject({ computed: 2, final: 40, adjustment: { value: 40, reason: '平台报送总数，含未逐人录入的人次', operatorName: '张三' } });
    expect(report.status).toBe('draft');
    expect(report.reportStatus).toBe('draft');
    const outboxAfter = await app.context.db('outbox').where({ entity: 'dispatch_report' }).count<{ n: number }[]>({ n: '*' });
    expect(Number(outboxAfter[0]!.n)).toBe(Number(outboxBefore[0]!.n) + 1);
    expect(await app.context.db('audit_log').where({ entity: 'dispatch_report', action: 'adjust' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 1 }]);

    const withdrawn = await call<DispatchReport>('dispatch.adjust', { periodId: periodIds[0], figure: 'trainingPersonTimes', value: null, reason: '平台已补传明细' });
    expect(withdrawn.figures.find((f) => f.key === 'trainingPersonTimes')).toMatchObject({ computed: 2, final: 2, adjustment: null });
    expect(withdrawn.adjustmentHistory).toHaveLength(2);
  });

  it('refuses an adjustment without a reason, and a withdrawal of nothing', async () => {
    const noReason = await app.context.invoke('dispatch.adjust', { periodId: periodIds[0], figure: 'registeredTrainees', value: 3, reason: '' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'reason' }] } } });
    const nothing = await app.context.invoke('dispatch.adjust', { periodId: periodIds[0], figure: 'registeredTrainees', value: null, reason: '撤销调整' });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'value' }] } } });
  });
});

describe('submitting', () => {
  it('locks the report: later adjustments and submissions answer PERIOD_CLOSED, and the figures stay frozen', async () => {
    await fillDispatchFixture(app.context);
    const submitted = await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0] });
    expect(submitted).toMatchObject({ status: 'submitted', locked: true, frozen: true, canSubmit: false, submittedBy: '张三', forceReason: null });
    const adjust = await app.context.invoke('dispatch.adjust', { periodId: periodIds[0], figure: 'registeredTrainees', value: 9, reason: '补录遗漏学员' });
    expect(adjust).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
    expect(await app.context.invoke('dispatch.submit', { periodId: periodIds[0] })).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
    // A late registration dated inside period 1 does not change what went up.
    await call('trainees.create', traineeInput({ idNumber: validIdNumber('19850101', 77), registeredAt: '2020-04-03' }));
    expect(finals(await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] }))).toEqual(PERIOD_1_FIGURES);
    const outbox = await app.context.db('outbox').where({ entity: 'dispatch_report' }).orderBy('seq', 'desc').first<{ payload: string }>('payload');
    expect(openedJson(app.context.db, outbox!.payload)).toMatchObject({ status: 'submitted', cutoffDate: '2020-04-10', countyCode: '230102', figures: PERIOD_1_FIGURES });
  });

  it('needs a written reason (强制上报) when a check fails, and keeps it', async () => {
    await fillDispatchFixture(app.context);
    await call('dispatch.adjust', { periodId: periodIds[0], figure: 'registeredTrainees', value: 50, reason: '平台报送实名注册总数' });
    const refused = await app.context.invoke('dispatch.submit', { periodId: periodIds[0] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'forceReason' }] } } });
    const report = await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] });
    expect(report.checks.find((c) => c.ruleId === 'R003-registered-at-most-training')).toMatchObject({ passed: false, severity: 'advisory', message: expect.stringContaining('超过了') });
    const forced = await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0], forceReason: '平台只报送注册总数，培训明细下期补齐' });
    expect(forced).toMatchObject({ status: 'submitted', forceReason: '平台只报送注册总数，培训明细下期补齐' });
    // The outcomes are stored with the submission, the 上报说明 on the failed 提示 rule.
    expect(forced.checks.find((c) => !c.passed)).toMatchObject({ ruleId: 'R003-registered-at-most-training', explanation: '平台只报送注册总数，培训明细下期补齐' });
    expect(await app.context.db('audit_log').where({ entity: 'dispatch_report', action: 'submit_forced' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('flags a cumulative figure below the previous submitted period', async () => {
    await fillDispatchFixture(app.context);
    await call('dispatch.adjust', { periodId: periodIds[0], figure: 'trainingPersonTimes', value: 30, reason: '平台报送培训总人次' });
    await call('dispatch.submit', { periodId: periodIds[0] });
    const second = await call<DispatchReport>('dispatch.get', { periodId: periodIds[1] });
    const below = second.checks.find((c) => c.ruleId === 'R002-training-not-below-previous')!;
    expect(below.passed).toBe(false);
    expect(below.message).toContain('第1期已上报的 30');
    expect(second.checks.find((c) => c.ruleId === 'R001-registered-not-below-previous')!.passed).toBe(true);
  });

  it('unlocks a report the province returned, and shows its comment', async () => {
    await fillDispatchFixture(app.context);
    const submitted = await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0] });
    // The return arrives by sync, which writes the row directly.
    await app.context.db('dispatch_reports').where({ id: submitted.reportId }).update({ status: 'returned', review_comment: '培训人次偏低，请核实', reviewed_at: '2020-04-13T02:00:00.000Z' });
    const returned = await call<DispatchReport>('dispatch.get', { periodId: periodIds[0] });
    expect(returned).toMatchObject({ status: 'returned', locked: false, canSubmit: true, reviewComment: '培训人次偏低，请核实' });
    const adjusted = await call<DispatchReport>('dispatch.adjust', { periodId: periodIds[0], figure: 'trainingPersonTimes', value: 12, reason: '按平台导出明细核实' });
    expect(adjusted.status).toBe('returned');
    expect((await call<DispatchReport>('dispatch.submit', { periodId: periodIds[0] })).status).toBe('submitted');
  });
});

describe('period statuses', () => {
  it('moves from open to due to overdue with the calendar, with a countdown to the next due date', async () => {
    expect((await dispatchOn('2020-04-08').list()).periods[0]).toMatchObject({ status: 'open', overdue: false });
    const onDueDay = await dispatchOn('2020-04-12').list();
    expect(onDueDay.periods[0]).toMatchObject({ status: 'due', overdue: false });
    expect(onDueDay.nextDue).toMatchObject({ periodId: periodIds[0], daysLeft: 0, text: '今天是上报日' });
    const late = await dispatchOn('2020-04-13').list();
    expect(late.periods[0]).toMatchObject({ status: 'overdue', overdue: true });
    expect(late.nextDue).toMatchObject({ periodId: periodIds[1], dueDate: '2020-04-26', daysLeft: 13, text: '还有 13 天上报' });
  });

  it('refuses to submit before the cutoff day', async () => {
    await expect(dispatchOn('2020-04-09').submit({ periodId: periodIds[0] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await dispatchOn('2020-04-10').submit({ periodId: periodIds[0] })).status).toBe('submitted');
  });

  it('lists submitted, accepted and returned reports by their status', async () => {
    await call('dispatch.submit', { periodId: periodIds[0] });
    await call('dispatch.submit', { periodId: periodIds[1] });
    await app.context.db('dispatch_reports').where({ period_id: periodIds[1] }).update({ status: 'accepted' });
    await call('dispatch.adjust', { periodId: periodIds[2], figure: 'cityPlatforms', value: 1, reason: '市级平台已纳入目录' });
    const list = await call<{ periods: Array<{ status: string }> }>('dispatch.list', {});
    expect(list.periods.slice(0, 4).map((p) => p.status)).toEqual(['submitted', 'accepted', 'draft', 'overdue']);
  });

  it('answers NOT_FOUND for an unknown period', async () => {
    expect(await app.context.invoke('dispatch.get', { periodId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
