/**
 * An edit to a closed period: the province accepted the county's report, then a second PC of the same
 * county (which had not heard of it) submits its own report for that period and syncs. The report op
 * is refused with a reason the clerk can act on, the accepted figures stay what the roll-up counted,
 * and the trainees in the same batch are applied: one refused op never blocks the others.
 */
import { expect } from 'vitest';
import { reportsFor } from '../../src-server/staff/report-repository';
import { closedPeriodRefusal, PERIOD_CLOSED_MESSAGE } from '../../src-server/sync/closed-periods';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { describeEachServer } from '../support/fixtures';
import type { TestServerDb } from '../support/server-db';
import { asStaff } from '../support/staff';
import { count, registerTrainees, sync, type TestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';
import { callProcedure } from '../support/call-procedure';

const CUTOFF = '2020-04-10';

function call<T>(pc: TempApp, procedure: string, input: unknown): Promise<T> {
  return callProcedure<T>(pc.context, procedure, input);
}

async function submit(pc: TempApp): Promise<void> {
  const period = (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!;
  await call(pc, 'dispatch.submit', { periodId: period.id, forceReason: '按记录上报' });
}

describeEachServer('an edit to a closed period', { server: { staff: { now: () => new Date('2020-04-20T02:00:00Z') } } }, (test) => {
  let store: TestServerDb;
  let server: TestServer;
  let first: TempApp;
  let second: TempApp;
  let harbin: string;

  test.beforeAll(async ({ store: db, server: running, enrolPc, staffLogin }) => {
    [store, server] = [db, running];
    first = await enrolPc('230102');
    second = await enrolPc('230102');
    await staffLogin('prov', 'province');
    // With review levels (#15) Harbin's city account accepts its counties' reports.
    harbin = await staffLogin('harbin', 'city', '230100');
  });

  test('refuses a report for an accepted period per op, keeps the accepted figures and applies the rest', async () => {
    await registerTrainees(first, 3);
    await submit(first);
    expect((await sync(first)).outcome).toBe('done');
    const accepted = await asStaff(server.app, harbin, { method: 'POST', url: `/api/v1/staff/reports/230102/${CUTOFF}/accept`, payload: {} });
    expect(accepted.status).toBe(200);
    const acceptedFigures = (await reportsFor(store.db, CUTOFF, ['230102'])).get('230102')!.figures;

    // The second PC registers two trainees and submits its own report for the same, now closed, period.
    await registerTrainees(second, 2, { offset: 500 });
    await submit(second);
    const report = await sync(second);
    expect(report.outcome, report.message).toBe('done');

    const refused = await second.context.db('sync_rejections').whereNull('resolved_at').select<Array<{ entity: string; code: string; message: string }>>('entity', 'code', 'message');
    expect(refused).toEqual([{ entity: 'dispatch_report', code: 'PERIOD_CLOSED', message: PERIOD_CLOSED_MESSAGE }]);
    expect((await reportsFor(store.db, CUTOFF, ['230102'])).get('230102')!.figures).toEqual(acceptedFigures);
    expect(await count(store.db, 'trainees', { county_code: '230102' })).toBe(5);

    // Both PCs pull the decision: the accepted report is marked so on the first; the second PC's own
    // (refused) report is another report and does not become 已通过.
    expect((await sync(first)).outcome).toBe('done');
    expect(await count(first.context.db, 'sync_rejections')).toBe(0);
    expect(await first.context.db('dispatch_reports').pluck('status')).toContain('accepted');
    expect(await second.context.db('dispatch_reports').pluck('status')).not.toContain('accepted');
    // Nothing waits on either PC: the refused op is settled as refused, not retried forever.
    expect(await count(first.context.db, 'outbox')).toBe(0);
    expect(await count(second.context.db, 'outbox')).toBe(0);
  });

  test('lets the accepted report be sent again unchanged, and refuses a changed copy or a deletion of it', async () => {
    const stored = await store.db('county_records').where({ entity: 'dispatch_report', county_code: '230102' }).select<Array<{ id: string; payload: string }>>('id', 'payload');
    const review = await store.db('report_reviews').where({ county_code: '230102', cutoff_date: CUTOFF }).first<{ report_id: string }>('report_id');
    const accepted = stored.find((r) => r.id === review!.report_id)!;
    const payload = JSON.parse(accepted.payload) as { figures: Record<string, number> };
    const op = (kind: 'put' | 'patch' | 'delete', body: Record<string, unknown>): SyncOp => ({
      opId: crypto.randomUUID(), seq: 1, entity: 'dispatch_report', entityId: accepted.id, op: kind, hlc: '9', operatorId: null, createdAt: new Date().toISOString(), payload: body,
    });
    const refusal = (candidate: SyncOp) => store.db.transaction((trx) => closedPeriodRefusal(trx, '230102', candidate));
    expect(await refusal(op('put', payload))).toBeNull();
    expect(await refusal(op('patch', { figures: payload.figures }))).toBeNull();
    expect(await refusal(op('put', { ...payload, figures: { ...payload.figures, registeredTrainees: payload.figures.registeredTrainees! + 1 } }))).toBe(PERIOD_CLOSED_MESSAGE);
    expect(await refusal(op('delete', {}))).toBe(PERIOD_CLOSED_MESSAGE);
    // Another county's report for the same date is not closed by 道里's acceptance.
    expect(await store.db.transaction((trx) => closedPeriodRefusal(trx, '230103', op('put', { ...payload, figures: {} })))).toBeNull();
  });
});
