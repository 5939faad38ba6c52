/**
 * Malformed JSON, a gzip bomb and a wrong schema version sent with a real PC's token, between its real
 * syncs: each is refused with its code, the server's data is untouched, and the PC's data still
 * arrives exactly once.
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { SYNC_SCHEMA_VERSION } from '../../src-shared/sync-protocol';
import { gz, pushBody, pushHeaders, traineePutOp } from '../support/push-bodies';
import { expectConverged } from '../support/convergence';
import { describeEachServer } from '../support/fixtures';
import { count, registerTrainees, sync } from '../support/sync-harness';

describeEachServer('bad requests between real syncs', { server: { bodyLimit: 2 * 1024 * 1024 } }, (test) => {
  test('refuses each with its code and loses or duplicates nothing', async ({ store, server, pc }) => {
    await registerTrainees(pc, 20);
    expect((await sync(pc)).outcome).toBe('done');
    const token = (await new SettingsRepository(pc.context.db).get<string>('deviceToken'))!;
    const logged = await count(store.db, 'op_log');
    const push = (payload: Buffer, key: string = crypto.randomUUID()) => server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, key), payload });

    const malformed = await push(gz('{"schemaVersion":1,"ops":[{"opId":'));
    expect(malformed).toMatchObject({ statusCode: 400 });
    expect(malformed.json().error.code).toBe('VALIDATION');
    const bomb = await push(gzipSync(Buffer.alloc(48 * 1024 * 1024, 0x7b)));
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const future = pushBody([traineePutOp(1000, 999)], { schemaVersion: SYNC_SCHEMA_VERSION + 1 });
    const versioned = await push(gz(future), future.batchId);
    expect(versioned.statusCode).toBe(400);
    expect(versioned.json().error.code).toBe('SCHEMA_VERSION');
    expect(await count(store.db, 'op_log')).toBe(logged);
    expect(await count(store.db, 'push_batches', {})).toBe(1);

    await registerTrainees(pc, 10, { offset: 50 });
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    await expectConverged(pc, store.db, '230102');
  });
});
