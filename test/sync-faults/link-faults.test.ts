/**
 * The answer is lost on the way back: a TCP proxy resets the PC's connection at the moment the server's
 * answer arrives (the server committed, the PC never heard). The PC sends the same bytes again and the
 * server replays its stored answer; a link that stays down leaves everything in the outbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { expectConverged } from '../support/convergence';
import { count, enrolledPc, outboxSize, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import type { TempApp } from '../support/temp-app';

describeEachServerDb('lost answers', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let proxy: TcpProxy;
  let pc: TempApp;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db);
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    pc = await enrolledPc(store.db, proxy.url, '230102');
  });
  afterAll(async () => {
    await pc.dispose();
    await proxy.close();
    await server.close();
    await store.dispose();
  });

  it('replays the stored answer after a reset that followed the commit', async () => {
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

  it('keeps everything when every answer is lost, and finishes once the link is back', async () => {
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
