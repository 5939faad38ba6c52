/**
 * A slow lossy link: the TCP proxy delays every chunk and cuts connections at random (seeded), in the
 * middle of pushes and of pulls. The PC keeps pressing 同步 (a bounded number of times, as a clerk
 * would); once a run completes, every op is on the server exactly once, the outbox is empty, and every
 * page of the province's directory arrived exactly once although pulls were cut mid-way and resumed.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { setSyncState } from '../../src-main/core/sync/sync-state';
import { publishItems } from '../../src-server/admin';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, registerTrainees, sync } from '../support/sync-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import type { TempApp } from '../support/temp-app';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLATFORMS = 24;
const MAX_PRESSES = 40;

describeEachServer('slow lossy link', (test) => {
  let proxy: TcpProxy;
  let pc: TempApp;
  test.beforeAll(async ({ store, server, enrolPc }) => {
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    pc = await enrolPc('230102', proxy);
    const items = Array.from({ length: PLATFORMS }, (_, i) => ({ id: randomUUID(), payload: { name: `省级平台${i + 1}号`, url: null, level: 'province', cityCode: null } }));
    await publishItems(store.db, 'platforms', null, items);
  });
  test.afterAll(() => proxy.close());

  test('converges through delays and random cuts, pushing and pulling', { timeout: 120_000 }, async ({ store }) => {
    await registerTrainees(pc, 60);
    // Small batches and pages: many requests, so cuts land in pushes and in pulls alike.
    await setSyncState(pc.context.db, 'batchSize', 15);
    proxy.delayMs = 3;
    proxy.cutRate = 0.08;
    proxy.random = seeded(20200415);
    const outcomes: string[] = [];
    for (let press = 0; press < MAX_PRESSES; press++) {
      const report = await sync(pc, { pullPageSize: 3, timeoutMs: 5_000 });
      outcomes.push(report.outcome);
      expect(['done', 'offline'], report.message).toContain(report.outcome);
      if (report.outcome === 'done') break;
    }
    expect(outcomes.at(-1), `outcomes: ${outcomes.join(',')}`).toBe('done');
    expect(proxy.cut, 'the link did cut connections').toBeGreaterThan(0);
    proxy.cutRate = 0;
    await expectConverged(pc, store.db, '230102');
    // Every directory page arrived once: each platform stored once, the cursor at the end of the feed.
    expect(await count(pc.context.db, 'platforms', { source: 'province' })).toBe(PLATFORMS);
    const again = await sync(pc, { pullPageSize: 3 });
    expect(again.pulled.platforms).toBe(0);
  });
});
