/**
 * The clerk's progress line says 第 3 / 7 批: every push event carries the total, estimated before each batch from
 * what waits (frozen batches plus loose ops at the current batch size). On a steady link the estimate is exact from
 * the first batch; the last batch always reads n / n.
 */
import { expect, it } from 'vitest';
import { setSyncState } from '../../src-main/core/sync/sync-state';
import type { SyncProgress } from '../../src-main/core/sync/sync-engine';
import { progressText } from '../../src-renderer/features/sync/progress-text';
import { describeEachServer } from '../support/fixtures';
import { outboxSize, registerTrainees, sync } from '../support/sync-harness';

describeEachServer('sync progress with a total', (test) => {
  test('numbers every batch against the total that was waiting', async ({ pc }) => {
    await registerTrainees(pc, 30);
    const ops = await outboxSize(pc);
    // Small batches so that the run takes several; the size then grows by a quarter after each success.
    await setSyncState(pc.context.db, 'batchSize', 25);
    const events: SyncProgress[] = [];
    const report = await sync(pc, { onProgress: (p) => events.push(p) });
    expect(report.outcome, report.message).toBe('done');
    const pushes = events.filter((e) => e.phase === 'push');
    expect(pushes.length).toBe(report.pushed.batches);
    expect(pushes.length).toBeGreaterThan(1);
    // The first estimate: all ops at 25 a batch; later ones shrink as the size grows, never below what was sent.
    expect(pushes[0]!.batchesTotal).toBe(Math.ceil(ops / 25));
    pushes.forEach((p, i) => expect(p.batchesTotal).toBeGreaterThanOrEqual(i + 1));
    expect(pushes.at(-1)!.batchesTotal).toBe(pushes.length);
    const pushed = events.filter((e) => e.phase === 'pushed');
    expect(pushed.at(-1)!.batchesTotal).toBe(pushed.length);
  });
});

it('says which batch of how many, with thousands separators', () => {
  const base = { batchId: 'b', batchesDone: 2, batchesTotal: 7 };
  expect(progressText({ ...base, phase: 'push', ops: 1250, attempt: 1 })).toBe('正在上报第 3 / 7 批（1,250 条）');
  expect(progressText({ ...base, phase: 'push', ops: 500, attempt: 2 })).toBe('正在上报第 3 / 7 批（500 条），第 2 次尝试');
  expect(progressText({ ...base, batchesDone: 3, phase: 'pushed', applied: 1249, rejected: 1, duplicate: 0, replayed: false })).toBe(
    '第 3 / 7 批已上报：接收 1,249 条，未接收 1 条',
  );
  expect(progressText({ phase: 'pull', dataset: 'platforms', stored: 12000, batchesDone: 7 })).toBe('正在下载平台目录：12,000 条');
});
