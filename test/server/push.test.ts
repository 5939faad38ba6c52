/**
 * Push end to end, PC store to server store over loopback HTTP: everything entered arrives once, the
 * outbox empties only with a committed receipt, and an op refused for a reason the clerk must fix is
 * kept with its reason without blocking the rest.
 */
import { expect } from 'vitest';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { describeEachServer } from '../support/fixtures';
import { count, nthIdNumber, outboxSize, registerTrainees, sync } from '../support/sync-harness';
import { traineeInput } from '../support/temp-app';
import { openedJson } from '../support/sealed-store';

describeEachServer('push', (test) => {
  test('sends every change once, in batches, and keeps each receipt', async ({ store, pc }) => {
    await pc.context.db('sync_state').insert({ key: 'batchSize', value: '40' });
    const ids = await registerTrainees(pc, 60);
    await pc.context.services.trainees.update({ id: ids[0]!, patch: { name: '王五' } });
    await pc.context.services.trainees.delete(ids[1]!, '登记错误');
    const ops = await outboxSize(pc);
    expect(ops).toBe(60 * 2 + 2);

    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed).toMatchObject({ applied: ops, rejected: 0, duplicate: 0 });
    expect(report.pushed.batches).toBeGreaterThan(1);
    expect(await outboxSize(pc)).toBe(0);
    expect(await count(pc.context.db, 'sync_batches')).toBe(0);
    expect(await count(pc.context.db, 'sync_receipts')).toBe(report.pushed.batches);

    expect(await count(store.db, 'op_log', { county_code: '230102' })).toBe(ops);
    expect(await count(store.db, 'trainees', { county_code: '230102' })).toBe(60);
    expect(await count(store.db, 'enrolments', { county_code: '230102' })).toBe(60);
    const renamed = await store.db('trainees').where({ id: ids[0] }).first('name');
    expect(renamed.name).toBe('王五');
    const deleted = await store.db('trainees').where({ id: ids[1] }).first('deleted_at');
    expect(deleted.deleted_at).not.toBeNull();
    // The PC keeps the server's time of the sync, not its own.
    expect(report.serverTime).not.toBeNull();
    expect(await pc.context.services.settings.status()).toMatchObject({ lastSyncAt: report.serverTime, pendingChanges: 0 });

    const again = await sync(pc);
    expect(again).toMatchObject({ outcome: 'done', pushed: { batches: 0 } });
  });

  test('rejects a number another PC of the county already sent, keeps the reason, and applies the rest', async ({ store, enrolPc }) => {
    const first = await enrolPc('230103');
    const second = await enrolPc('230103');
    const shared = nthIdNumber(500, '230103');
    await first.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: shared, name: '赵六' })));
    const firstReport = await sync(first);
    expect(firstReport.outcome, firstReport.message).toBe('done');

    await second.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: nthIdNumber(501, '230103'), name: '钱七' })));
    await second.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: shared, name: '赵六' })));
    await second.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber: nthIdNumber(502, '230103'), name: '孙八' })));
    const report = await sync(second);
    expect(report.outcome).toBe('done');
    expect(report.pushed).toMatchObject({ applied: 2, rejected: 1 });
    expect(await outboxSize(second)).toBe(0);
    const rejections = await second.context.db('sync_rejections').select('entity', 'code', 'message', 'payload');
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ entity: 'trainee', code: 'CONFLICT' });
    expect(rejections[0].message).toMatch(/另一台电脑/);
    // Kept sealed on the PC like the outbox it came from (#19 item 1): opened with the store's key.
    expect(openedJson<{ name: string }>(second.context.db, rejections[0].payload).name).toBe('赵六');
    expect(await count(store.db, 'trainees', { county_code: '230103', deleted_at: null })).toBe(3);
  });
});
