/**
 * The answer is lost on the way back: a TCP proxy resets the PC's connection at the moment the server's
 * answer arrives (the server committed, the PC never heard). The PC sends the same bytes again and the
 * server replays its stored answer; a link that stays down leaves everything in the outbox.
 */
import { expect } from 'vitest';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, outboxSize, registerTrainees, sync } from '../support/sync-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import type { TempApp } from '../support/temp-app';

describeEachServer('lost answers', (test) => {
  let proxy: TcpProxy;
  let pc: TempApp;
  test.beforeAll(async ({ server, enrolPc }) => {
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    pc = await enrolPc('230102', proxy);
  });
  test.afterAll(() => proxy.close());

  test('replays the stored answer after a reset that followed the commit', async ({ store }) => {
    await registerTrainees(pc, 25);
    const ops = await outboxSize(pc);
    proxy.dropAnswers = 1;
    const report = await sync(pc);
    expect(proxy.dropped).toBe(1);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed).toMatchObject({ batches: 1, applied: ops, replayed: 1 });
    expect(await count(store.db, 'push_batches')).toBe(1);
    expect(await count(store.db, 'op_log')).toBe(ops);
    await expectConverged(pc, store.db, '230102');
  });

  test('keeps everything when every answer is lost, and finishes once the link is back', async ({ store }) => {
    await registerTrainees(pc, 10, { offset: 100 });
    const ops = await outboxSize(pc);
    proxy.dropAnswers = 1000;
    const report = await sync(pc);
    expect(report.outcome).toBe('offline');
    expect(report.message).toMatch(/已安全保存在本机/);
    expect(await outboxSize(pc)).toBe(ops);
    proxy.dropAnswers = 0;
    const retried = await sync(pc);
    expect(retried.outcome, retried.message).toBe('done');
    expect(retried.pushed.replayed).toBe(1);
    await expectConverged(pc, store.db, '230102');
  });
});
