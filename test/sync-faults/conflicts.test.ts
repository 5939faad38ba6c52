/**
 * Two PCs of one county change the same trainee (the county cloned its data folder onto a second PC):
 * different fields are both kept; the same field gets one deterministic winner by HLC and the losing
 * value is kept on the server and told back to the county as a notice. A PC clock days ahead is
 * warned about and cannot win every future conflict.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { enrolDevice } from '../../src-main/core/sync/enrol';
import { formatHlc, parseHlc } from '../../src-shared/domain/hlc';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { describeEachServer } from '../support/fixtures';
import { gz, pushBody, pushHeaders, traineePutOp } from '../support/push-bodies';
import type { TestServerDb } from '../support/server-db';
import { count, deviceToken, issueCode, registerTrainees, sync } from '../support/sync-harness';
import { openAppContextOn, tempAppOn, type TempApp } from '../support/temp-app';
import { openedTrainee } from '../support/sealed-rows';

const DAY = 24 * 3600_000;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The second PC: a copy of the first one's folder that becomes its own device with its own enrolment. */
async function clone(pc: TempApp, serverDb: TestServerDb['db'], url: string, county: string): Promise<{ a: TempApp; b: TempApp }> {
  await pc.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-clone-'));
  fs.cpSync(pc.dir, dir, { recursive: true });
  const b = tempAppOn(dir, await openAppContextOn(dir));
  await new SettingsRepository(b.context.db).set('deviceId', `pc-b-${path.basename(dir)}`);
  await b.reopen();
  const a = await pc.reopen();
  // The copy carries the first PC's enrolment; giving it its own is a replacement the clerk confirms.
  await enrolDevice(b.context.db, { serverUrl: url, code: await issueCode(serverDb, county), replaceExisting: true });
  return { a, b };
}

describeEachServer('conflicts between two PCs of one county', (test) => {
  test('keeps both edits to different fields, and one deterministic winner with the loser recorded for the same field', async ({ store, server, pc: first, onTestFinished }) => {
    const [id] = await registerTrainees(first, 1);
    expect((await sync(first)).outcome).toBe('done');
    const { a, b } = await clone(first, store.db, server.url, '230102');
    onTestFinished(() => b.dispose());

    // Different fields: A renames, B changes the phone. Both survive whatever the sync order.
    await a.context.services.trainees.update({ id: id!, patch: { name: '王甲' } });
    await b.context.services.trainees.update({ id: id!, patch: { phone: '13900139000' } });
    expect((await sync(b)).outcome).toBe('done');
    expect((await sync(a)).outcome).toBe('done');
    expect(await openedTrainee(store.db, id!)).toMatchObject({ name: '王甲', phone: '13900139000' });
    expect(await count(store.db, 'sync_conflicts')).toBe(0);

    // Same field: A edits first, B later; B's stamp is higher and wins though A arrives last.
    await a.context.services.trainees.update({ id: id!, patch: { name: '王乙' } });
    await tick();
    await b.context.services.trainees.update({ id: id!, patch: { name: '王丙' } });
    expect((await sync(b)).outcome).toBe('done');
    const late = await sync(a);
    expect(late.outcome, late.message).toBe('done');
    expect(late.pushed.applied).toBe(1);
    expect((await store.db('trainees').where({ id }).first('name')).name).toBe('王丙');
    const conflicts = await store.db('sync_conflicts').select('entity', 'entity_id', 'field', 'kept_value', 'lost_value', 'lost_op_id');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entity: 'trainee', entity_id: id, field: 'name', kept_value: '"王丙"', lost_value: '"王乙"' });
    expect(conflicts[0].lost_op_id).not.toBeNull();

    // The county hears of it: a notice naming the record, on both PCs after their next pull.
    expect((await sync(b)).outcome).toBe('done');
    const notice = await b.context.db('notices').where({ kind: 'sync_conflict' }).first('title', 'body', 'entity', 'entity_id');
    expect(notice).toMatchObject({ entity: 'trainee', entity_id: id });
    expect(notice.body).toContain('王乙');
    expect(await count(a.context.db, 'notices', { kind: 'sync_conflict' })).toBe(1);
  });

  test('warns a PC whose clock is days ahead, and clamps its stamps so it cannot win later edits', async ({ store, server, enrolPc }) => {
    const devices = new DeviceRepository(store.db);
    const [honest, ahead] = [await deviceToken(store.db, '230104', 'honest'), await deviceToken(store.db, '230104', 'ahead')];
    const push = async (token: string, ops: ReturnType<typeof traineePutOp>[], prevSeq: number | null) => {
      const body = pushBody(ops, { prevSeq });
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(token, body.batchId), payload: gz(body) });
      expect(res.statusCode, res.body).toBe(200);
    };
    const stamp = (ms: number, node: string) => formatHlc({ wallMs: ms, counter: 0 }, node);
    const put = traineePutOp(1, 900, { hlc: stamp(Date.now() - 1000, 'honest') });
    await push(honest, [put], null);
    const future = Date.now() + 3 * DAY;
    await push(ahead, [{ ...traineePutOp(1, 901), op: 'patch', entityId: put.entityId, hlc: stamp(future, 'ahead'), payload: { name: '未来人' } }], null);
    const logged = await store.db('op_log').where({ device_id: (await devices.byToken(ahead))!.id }).first('hlc');
    expect(parseHlc(logged.hlc).wallMs).toBeLessThanOrEqual(Date.now());
    await tick();
    await push(honest, [{ ...traineePutOp(2, 902), op: 'patch', entityId: put.entityId, hlc: stamp(Date.now(), 'honest'), payload: { name: '现在人' } }], 1);
    expect((await store.db('trainees').where({ id: put.entityId }).first('name')).name).toBe('现在人');

    // The PC whose clock runs three days ahead is told so in Chinese, and the run still succeeds.
    const pc = await enrolPc('230108');
    await registerTrainees(pc, 2, { region: '230108' });
    const report = await sync(pc, { now: () => Date.now() + 3 * DAY });
    expect(report.outcome, report.message).toBe('done');
    expect(report.clockSkewMs).toBeGreaterThan(2.9 * DAY);
    expect(report.warnings.join('')).toMatch(/本机时钟比省服务器快约 3 天/);
    const normal = await sync(pc);
    expect(normal.warnings).toEqual([]);
  });
});
