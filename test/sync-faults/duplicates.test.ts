/**
 * The same batch twice at once, a key reused with another body, a PC that crashes after the server's
 * success and before its own commit, and a sequence gap: every op on the server once, or the run stops
 * with everything still in the outbox.
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { encodePushRequest } from '../../src-shared/sync-wire';
import { batchContents, nextBatch } from '../../src-main/core/sync/batcher';
import { commitReceipt } from '../../src-main/core/sync/receipt';
import { SyncHttp } from '../../src-main/core/sync/sync-http';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, outboxSize, registerTrainees, sync } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';

async function httpOf(pc: TempApp): Promise<SyncHttp> {
  const settings = new SettingsRepository(pc.context.db);
  return new SyncHttp({ baseUrl: (await settings.get<string>('serverUrl'))!, token: await settings.get<string>('deviceToken') });
}

describeEachServer('duplicates and crashes', (test) => {
  test('applies a batch sent twice at the same moment once, and answers both the same', async ({ store, pc }) => {
    await registerTrainees(pc, 40);
    const batch = (await nextBatch(pc.context.db, 'pc', 1000))!;
    const http = await httpOf(pc);
    const [a, b] = await Promise.all([http.push(batch.batchId, batch.body), http.push(batch.batchId, batch.body)]);
    expect(a.kind).toBe('ok');
    expect(b.kind).toBe('ok');
    if (a.kind !== 'ok' || b.kind !== 'ok') return;
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(b.data).toEqual(a.data);
    expect(await count(store.db, 'op_log', { county_code: '230102' })).toBe(batch.opCount);
    await commitReceipt(pc.context.db, batch, a.data);
    await commitReceipt(pc.context.db, batch, b.data); // a second commit of the same receipt changes nothing
    await expectConverged(pc, store.db, '230102');
  });

  test('refuses a reused key with another body and applies none of it', async ({ store, pc }) => {
    await registerTrainees(pc, 5, { offset: 200 });
    const batch = (await nextBatch(pc.context.db, 'pc', 1000))!;
    const http = await httpOf(pc);
    const { request } = batchContents(batch);
    const tampered = { ...request, ops: request.ops.slice(0, 3), lastSeq: request.ops[2]!.seq };
    const first = await http.push(batch.batchId, gzipSync(JSON.stringify(encodePushRequest(tampered))));
    expect(first.kind).toBe('ok');
    const logged = await count(store.db, 'op_log');
    const reused = await http.push(batch.batchId, batch.body);
    expect(reused).toMatchObject({ kind: 'refused', status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count(store.db, 'op_log')).toBe(logged);
    // The honest batch is not lost: it stays open on the PC, and a run reports the refusal.
    const report = await sync(pc);
    expect(report).toMatchObject({ outcome: 'refused', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await outboxSize(pc)).toBe(batch.opCount);
  });

  test('finishes after a crash between the success answer and the local commit', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230104');
    await registerTrainees(pc, 30, { offset: 300 });
    const ops = await outboxSize(pc);
    const crash = new Error('crash before the local commit');
    await expect(sync(pc, { beforeCommit: () => Promise.reject(crash) })).rejects.toBe(crash);
    expect(await outboxSize(pc)).toBe(ops);
    expect(await count(store.db, 'op_log', { county_code: '230104' })).toBe(ops);

    // Restart: a new process opens the same data folder.
    await pc.reopen();
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed).toMatchObject({ batches: 1, replayed: 1, applied: ops });
    expect(await count(store.db, 'op_log', { county_code: '230104' })).toBe(ops);
    await expectConverged(pc, store.db, '230104');
  });

  test('stops on a sequence gap and keeps the outbox', async ({ store, enrolPc }) => {
    const pc = await enrolPc('230109');
    await registerTrainees(pc, 5, { offset: 400 });
    expect((await sync(pc)).outcome).toBe('done');
    // As if the server had been restored from a backup older than the PC's last batch.
    const deviceId = await new SettingsRepository(pc.context.db).get<string>('serverDeviceId');
    await store.db('devices').where({ id: deviceId }).update({ last_seq: 3 });
    await registerTrainees(pc, 5, { offset: 410 });
    const ops = await outboxSize(pc);
    const report = await sync(pc);
    expect(report).toMatchObject({ outcome: 'refused', error: { code: 'SEQUENCE_GAP' } });
    expect(report.message).toMatch(/本机数据仍完整保存/);
    expect(await outboxSize(pc)).toBe(ops);
  });
});
