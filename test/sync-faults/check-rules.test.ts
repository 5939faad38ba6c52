/**
 * Rule severities through a real server on both stores (issue #15 item 3): the province adds a rule from the staff
 * API (a city account may not, a hostile body is refused), it reaches the PC by sync beside the period calendar and
 * runs there; a failing 强制 rule refuses 上报 in the router whatever is written; a failed 提示 rule goes up with its
 * 上报说明, and the outcomes travel with the report to the reviewer's detail; a rule kind the PC does not know is
 * skipped and said so; the server refuses a submission whose outcomes are forged.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import type { PushReceipt, SyncOp } from '../../src-shared/sync-protocol';
import { appendFeed } from '../../src-server/repositories/feed-repository';
import { callProcedure } from '../support/call-procedure';
import { describeEachServer } from '../support/fixtures';
import { gz, pushBody, pushHeaders } from '../support/push-bodies';
import { asStaff } from '../support/staff';
import { deviceToken, registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
const STAFF_CLOCK = { staff: { now: () => new Date('2020-04-20T02:00:00Z') } };
/** Two trainees registered, each trained once: registered ≤ 0.5 × training fails. */
const MANDATORY_RULE = { kind: 'at_most_times', severity: 'mandatory', figure: 'registeredTrainees', other: 'trainingPersonTimes', factor: 0.5 };

describeEachServer('check rules with severities', { server: STAFF_CLOCK }, (test) => {
  let province: string;
  let harbin: string;
  test.beforeAll(async ({ staffLogin }) => {
    province = await staffLogin('prov', 'province');
    harbin = await staffLogin('harbin', 'city', '230100');
  });

  const periodId = async (pc: TempApp) => (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!.id;
  const report = async (pc: TempApp) => callProcedure<DispatchReport>(pc.context, 'dispatch.get', { periodId: await periodId(pc) });
  const submit = async (pc: TempApp, input: Record<string, unknown>) => pc.context.invoke('dispatch.submit', { periodId: await periodId(pc), ...input });

  test('the province adds a rule; a city account may not; a hostile body is refused', async ({ server }) => {
    const byCity = await asStaff(server.app, harbin, { method: 'POST', url: '/api/v1/staff/rules', payload: MANDATORY_RULE });
    expect(byCity.status).toBe(403);
    expect((await asStaff(server.app, harbin, { method: 'GET', url: '/api/v1/staff/rules' })).status).toBe(403);
    const hostile = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/rules', payload: { kind: 'expression', severity: 'mandatory', expr: 'process.exit(1)' } });
    expect(hostile.status).toBe(400);
    const added = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/rules', payload: MANDATORY_RULE });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ ok: true, data: { rule: { id: 'P001-at-most-times', severity: 'mandatory' }, enabled: true, createdBy: 'prov' } });
    const listed = (await asStaff(server.app, province, { method: 'GET', url: '/api/v1/staff/rules' })).json as { data: { rules: Array<{ rule: { id: string } }> } };
    expect(listed.data.rules.map((r) => r.rule.id)).toEqual(['R001-registered-not-below-previous', 'R002-training-not-below-previous', 'R003-registered-at-most-training', 'P001-at-most-times']);
  });

  test('the rule reaches the PC by sync and runs: 强制 refuses 上报 in the router, whatever is written', async ({ enrolPc }) => {
    const pc = await enrolPc('230102');
    await registerTrainees(pc, 2);
    expect((await report(pc)).checks.map((c) => c.ruleId)).not.toContain('P001-at-most-times');
    expect((await sync(pc)).outcome).toBe('done');
    const checks = (await report(pc)).checks;
    expect(checks.find((c) => c.ruleId === 'P001-at-most-times')).toMatchObject({ severity: 'mandatory', passed: false });
    const refused = await submit(pc, { forceReason: '平台报送注册总数，确属实情' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('P001-at-most-times') } });
    expect((await report(pc)).reportStatus).toBeNull();
  });

  test('a failed 提示 rule needs its 上报说明, and the outcomes reach the reviewer beside the figures', async ({ server, enrolPc }) => {
    const disabled = await asStaff(server.app, province, { method: 'POST', url: '/api/v1/staff/rules/P001-at-most-times/disable' });
    expect(disabled.json).toMatchObject({ ok: true, data: { enabled: false } });
    const pc = await enrolPc('230103');
    await registerTrainees(pc, 2, { region: '230103' });
    expect((await sync(pc)).outcome).toBe('done');
    expect((await report(pc)).checks.map((c) => c.ruleId)).not.toContain('P001-at-most-times');
    // Five registered by the platform's total, two trained: R003 (提示) fails.
    await callProcedure(pc.context, 'dispatch.adjust', { periodId: await periodId(pc), figure: 'registeredTrainees', value: 5, reason: '平台报送实名注册总数' });
    expect(await submit(pc, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'forceReason' }] } } });
    const sent = await submit(pc, { explanations: { 'R003-registered-at-most-training': '培训明细在平台，下期补录' } });
    expect(sent).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect((await sync(pc)).outcome).toBe('done');
    const detail = (await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/reports/230103/${CUTOFF}` })).json as { data: { ruleOutcomes: Array<{ ruleId: string; passed: boolean; explanation: string | null; figure: string }> } };
    const failed = detail.data.ruleOutcomes.filter((o) => !o.passed);
    expect(failed).toEqual([expect.objectContaining({ ruleId: 'R003-registered-at-most-training', figure: 'registeredTrainees', explanation: '培训明细在平台，下期补录' })]);
    expect(detail.data.ruleOutcomes.map((o) => o.ruleId)).toEqual(['R001-registered-not-below-previous', 'R002-training-not-below-previous', 'R003-registered-at-most-training']);
  });

  test('a rule kind the PC does not know is skipped and reported, never run', async ({ server, store, enrolPc }) => {
    await store.db.transaction((trx) =>
      appendFeed(trx, [{ dataset: 'periods', countyCode: null, itemId: 'P090-ratio-of-squares', payload: { rule: { id: 'P090-ratio-of-squares', kind: 'ratio_of_squares', severity: 'mandatory' }, enabled: true } }]),
    );
    const pc = await enrolPc('230104');
    await registerTrainees(pc, 1, { region: '230104' });
    expect((await sync(pc)).outcome).toBe('done');
    const shown = await report(pc);
    expect(shown.skippedRules).toEqual([{ ruleId: 'P090-ratio-of-squares', kind: 'ratio_of_squares' }]);
    expect(shown.checks.map((c) => c.ruleId)).not.toContain('P090-ratio-of-squares');
    // The calendar the rule travelled with is intact.
    expect((await pc.context.services.reference.periods()).length).toBeGreaterThan(3);
    expect(await submit(pc, { forceReason: '培训明细在平台，下期补录' })).toMatchObject({ ok: true });
    expect((await sync(pc)).outcome).toBe('done');
    const detail = (await asStaff(server.app, harbin, { method: 'GET', url: `/api/v1/staff/reports/230104/${CUTOFF}` })).json as { data: { skippedRules: unknown[] } };
    expect(detail.data.skippedRules).toEqual([{ ruleId: 'P090-ratio-of-squares', kind: 'ratio_of_squares' }]);
  });

  test('refuses forged outcomes: a pass claimed for a failing rule, a failed 提示 rule without 上报说明', async ({ server, store }) => {
    const token = await deviceToken(store.db, '230108', 'forger');
    const figures = { registeredTrainees: 5, trainingPersonTimes: 1, provincePlatforms: 0, cityPlatforms: 0, nationalPlatforms: 0 };
    const r003 = (passed: boolean, explanation: string | null) => ({ ruleId: 'R003-registered-at-most-training', kind: 'at_most_times', severity: 'advisory', figure: 'registeredTrainees', passed, values: [], message: '', explanation });
    const push = async (seq: number, outcomes: unknown[]) => {
      const id = randomUUID();
      const op: SyncOp = {
        opId: randomUUID(),
        seq,
        entity: 'dispatch_report',
        entityId: id,
        op: 'put',
        hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:00000:forger`,
        operatorId: null,
        createdAt: '2020-04-11T08:00:00.000Z',
        payload: { id, periodId: randomUUID(), cutoffDate: CUTOFF, countyCode: '230108', status: 'submitted', figures, computed: { figures, nationalPlatformNames: [] }, adjustments: [], forceReason: null, ruleOutcomes: outcomes, skippedRules: [], submittedAt: '2020-04-11T08:00:00.000Z' },
      };
      const body = pushBody([op], { prevSeq: seq === 1 ? null : seq - 1 });
      const answer = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, body.batchId), payload: gz(body) });
      return (answer.json() as { data: PushReceipt }).data;
    };
    expect((await push(1, [r003(true, null)])).rejected).toEqual([expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('不符') })]);
    expect((await push(2, [r003(false, null)])).rejected).toEqual([expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('没有上报说明') })]);
    expect((await push(3, [r003(false, '平台报送')])).rejected).toEqual([]);
  });
});
