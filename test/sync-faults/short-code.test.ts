/**
 * The five figures as a short code (issue #16 item 3), through a real server on both stores: the PC's code after
 * 上报, typed on the staff UI (录入短码) or posted by the SMS gateway, the receipt typed back on the PC, and the
 * full sync that reconciles it; every refusal leaves nothing written.
 */
import { expect } from 'vitest';
import { encodeReportCode } from '../../src-shared/report-code';
import type { ShortCode } from '../../src-shared/schemas/report-code';
import type { DispatchReport } from '../../src-shared/schemas/dispatch';
import { reportCodeMac } from '../../src-node/report-code-mac';
import { reportCodeKey } from '../../src-main/core/sync/device-keys';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { callProcedure } from '../support/call-procedure';
import { describeEachServer } from '../support/fixtures';
import { asStaff } from '../support/staff';
import { count, registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
const SMS_SECRET = 'gateway-shared-secret';
const OPTIONS = { server: { smsSecret: SMS_SECRET, staff: { now: () => new Date('2020-04-20T02:00:00Z') } } };

describeEachServer('short report code', OPTIONS, (test) => {
  let province: string;
  test.beforeAll(async ({ staffLogin }) => {
    province = await staffLogin('prov', 'province');
  });

  const periodId = async (pc: TempApp) => (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!.id;
  const submit = async (pc: TempApp) => callProcedure<DispatchReport>(pc.context, 'dispatch.submit', { periodId: await periodId(pc), forceReason: '按记录上报' });
  const shortCode = async (pc: TempApp) => callProcedure<ShortCode>(pc.context, 'dispatch.shortCode', { periodId: await periodId(pc) });
  const codeOf = async (pc: TempApp) => {
    const shown = await shortCode(pc);
    if (!shown.available) throw new Error(shown.reason);
    return shown;
  };
  const enter = (server: { app: Parameters<typeof asStaff>[0] }, code: string, token = province) =>
    asStaff(server.app, token, { method: 'POST', url: '/api/v1/staff/short-codes', payload: { code } });
  const board = async (server: { app: Parameters<typeof asStaff>[0] }, county = '230102') => {
    const answer = await asStaff(server.app, province, { method: 'GET', url: `/api/v1/staff/board?period=${CUTOFF}` });
    return answer.json.data.rows.find((r: { countyCode: string }) => r.countyCode === county).shortCode;
  };
  const receiptCount = async (store: { db: Parameters<typeof count>[0] }) => count(store.db, 'report_codes');

  test('a code shown after 上报, typed on the staff UI, its receipt typed back, reconciled by the sync', async ({ pc, server, store }) => {
    await registerTrainees(pc, 3);
    expect(await shortCode(pc)).toMatchObject({ available: false, reason: expect.stringContaining('上报后') });
    const submitted = await submit(pc);
    const shown = await codeOf(pc);
    expect(shown).toMatchObject({ revision: 1, receipt: null });
    expect(shown.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){6}[0-9A-HJKMNP-TV-Z]{5}$/);

    const entered = await enter(server, shown.code.toLowerCase().replace(/-/g, ' '));
    expect(entered.status).toBe(200);
    const figures = Object.fromEntries(submitted.figures.map((f) => [f.key, f.final]));
    expect(entered.json.data).toMatchObject({ countyCode: '230102', cutoffDate: CUTOFF, revision: 1, figures, state: 'provisional' });
    expect(await board(server)).toMatchObject({ state: 'provisional', revision: 1, via: 'staff', figures });

    const replay = await enter(server, shown.code);
    expect(replay.status).toBe(409);
    expect(replay.json.error.details).toMatchObject({ refusal: 'REPLAY', receipt: entered.json.data.receipt });
    expect(await receiptCount(store)).toBe(1);

    const wrong = await pc.context.invoke('dispatch.confirmReceipt', { periodId: await periodId(pc), receipt: '00000-0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const confirmed = await callProcedure<ShortCode>(pc.context, 'dispatch.confirmReceipt', { periodId: await periodId(pc), receipt: entered.json.data.receipt });
    expect(confirmed).toMatchObject({ available: true, receipt: { code: entered.json.data.receipt } });

    expect((await sync(pc)).outcome).toBe('done');
    expect(await board(server)).toMatchObject({ state: 'reconciled', differences: [] });
  });

  test('an older revision is refused once a newer one is in; a newer one after a return is taken', async ({ pc, server, store }) => {
    const first = await codeOf(pc);
    const returned = await asStaff(server.app, province, { method: 'POST', url: `/api/v1/staff/reports/230102/${CUTOFF}/return`, payload: { comment: '请核实后重新上报' } });
    expect(returned.status).toBe(200);
    expect((await sync(pc)).outcome).toBe('done');
    await registerTrainees(pc, 1, { offset: 10 });
    await submit(pc);
    const second = await codeOf(pc);
    expect(second).toMatchObject({ revision: 2, receipt: null });
    expect((await enter(server, second.code)).json.data).toMatchObject({ revision: 2, state: 'provisional' });
    const before = await receiptCount(store);
    const older = await enter(server, first.code);
    expect(older.status).toBe(409);
    expect(older.json.error).toMatchObject({ message: expect.stringContaining('较旧'), details: { refusal: 'OLDER' } });
    expect(await receiptCount(store)).toBe(before);
  });

  test('a code of another county made with this PC key, or a forged MAC, is refused; a city account only enters its own counties', async ({ pc, enrolPc, server, store, staffLogin }) => {
    const other = await enrolPc('230103');
    const otherKey = (await reportCodeKey(other.context.db))!;
    const figures = { registeredTrainees: 9, trainingPersonTimes: 9, provincePlatforms: 0, cityPlatforms: 0, nationalPlatforms: 0 };
    // 230103's PC signs a code claiming to be 230102's.
    const forged = encodeReportCode({ countyCode: '230102', cutoffDate: CUTOFF, revision: 9, figures }, reportCodeMac(otherKey));
    const before = await receiptCount(store);
    const refused = await enter(server, forged.ok ? forged.value : '');
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toMatchObject({ refusal: 'MAC' });
    const typo = (await codeOf(pc)).code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await enter(server, typo)).json.error.details).toMatchObject({ refusal: 'CHECK' });

    const qiqihar = await staffLogin('qqhr', 'city', '230200');
    const own = encodeReportCode({ countyCode: '230103', cutoffDate: CUTOFF, revision: 1, figures }, reportCodeMac(otherKey));
    expect((await enter(server, own.ok ? own.value : '', qiqihar)).status).toBe(403);
    expect(await receiptCount(store)).toBe(before);
  });

  test('the sync flags a difference between the code and the full report', async ({ enrolPc, server }) => {
    const pc = await enrolPc('230104');
    await registerTrainees(pc, 2, { region: '230104' });
    const report = await submit(pc);
    const final = Object.fromEntries(report.figures.map((f) => [f.key, f.final])) as Record<string, number>;
    // A code read from another sheet than the one synced: the same PC, revision and period, one figure off.
    const misread = { ...final, trainingPersonTimes: final.trainingPersonTimes! + 5 } as never;
    const code = encodeReportCode({ countyCode: '230104', cutoffDate: CUTOFF, revision: 1, figures: misread }, reportCodeMac((await reportCodeKey(pc.context.db))!));
    expect((await enter(server, code.ok ? code.value : '')).status).toBe(200);
    expect((await sync(pc)).outcome).toBe('done');
    expect(await board(server, '230104')).toMatchObject({ state: 'differs', differences: ['trainingPersonTimes'] });
  });

  test('SMS inbound: a wrong secret is refused with nothing written; the right one records the code and answers the reply text', async ({ enrolPc, server, store }) => {
    const pc = await enrolPc('230108');
    await registerTrainees(pc, 1, { region: '230108' });
    await submit(pc);
    const { code } = await codeOf(pc);
    const post = (secret: string) => server.app.inject({ method: 'POST', url: '/api/v1/sms/inbound', headers: { authorization: `Bearer ${secret}` }, payload: { from: '+8613800001234', text: `道里区上报 ${code} 谢谢` } });
    const before = await receiptCount(store);
    for (const secret of ['wrong', `${SMS_SECRET}x`, '']) expect((await post(secret)).statusCode).toBe(401);
    expect(await receiptCount(store)).toBe(before);
    const answer = await post(SMS_SECRET);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().data).toMatchObject({ countyCode: '230108', state: 'provisional', reply: expect.stringContaining(answer.json().data.receipt) });
    expect(await board(server, '230108')).toMatchObject({ via: 'sms' });
    expect((await post(SMS_SECRET)).json().error.details).toMatchObject({ refusal: 'REPLAY' });
    // Both deliveries are in the 操作日志 with the gateway as the actor; the refused secrets are not (nothing was read).
    expect(await count(store.db, 'audit_log', { action: 'short_code.received', actor: 'sms-gateway', county_code: '230108' })).toBe(2);
  });

  test('a PC enrolled before short codes gets its key on the next sync', async ({ enrolPc }) => {
    const pc = await enrolPc('230109');
    const settings = new SettingsRepository(pc.context.db);
    const key = await reportCodeKey(pc.context.db);
    expect(key).not.toBeNull();
    await settings.set('reportCodeKey', null);
    expect(await reportCodeKey(pc.context.db)).toBeNull();
    expect((await sync(pc)).outcome).toBe('done');
    expect((await reportCodeKey(pc.context.db))?.equals(key!)).toBe(true);
  });
});
