/**
 * No line at all: the PC writes its unsent batches to a file, the province imports it through the same
 * idempotent push (twice changes nothing, a tampered file is refused), and the PC's later online sync
 * gets the stored receipts back and empties its outbox without sending anything twice.
 */
import { expect } from 'vitest';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { importBatches } from '../../src-server/sync/import-batches';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, outboxSize, registerTrainees, sync } from '../support/sync-harness';

describeEachServer('export-unsent and import-batches', (test) => {
  test('carries the batches by file exactly once, and the online sync then recognises them', async ({ store, pc }) => {
    await registerTrainees(pc, 5);
    expect((await sync(pc)).outcome).toBe('done');
    await registerTrainees(pc, 12, { offset: 100 });
    const ops = await outboxSize(pc);
    const exported = await exportUnsent(pc.context.db);
    // No province key on this test server: the PC falls back to format 1 (plain JSON), as an old server's PC would.
    const file = { ...exported, text: exported.bytes.toString('utf8') };
    expect(file.ops).toBe(ops);
    const header = JSON.parse(file.text) as { countyCode: string; batches: Array<{ body: string }> };
    expect(header.countyCode).toBe('230102');

    // A tampered file is refused and changes nothing.
    const body = header.batches[0]!.body;
    const tampered = file.text.replace(body, body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11));
    const refused = await importBatches(store.db, tampered);
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.message).toMatch(/校验不通过/);
    const before = await count(store.db, 'op_log');

    const first = await importBatches(store.db, file.text);
    expect(first).toMatchObject({ ok: true, outcome: { applied: ops, replayed: 0 } });
    expect(await count(store.db, 'op_log')).toBe(before + ops);
    const again = await importBatches(store.db, file.text);
    expect(again).toMatchObject({ ok: true, outcome: { applied: 0, replayed: file.batches } });
    expect(await count(store.db, 'op_log')).toBe(before + ops);

    // Still unsent on the PC until the line is back; then the receipts are replayed and it empties.
    expect(await outboxSize(pc)).toBe(ops);
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed).toMatchObject({ batches: file.batches, replayed: file.batches });
    expect(await count(store.db, 'op_log')).toBe(before + ops);
    await expectConverged(pc, store.db, '230102');
  });

  test('says so when nothing waits', async ({ pc }) => {
    await expect(exportUnsent(pc.context.db)).rejects.toThrow(/没有未上报的数据/);
  });
});
