/**
 * Who is at the keyboard (issue #19 item 3): the router refuses every procedure but the lock screen's while
 * nobody is logged in or the session locked itself, through the router and over the browser host alike;
 * 5 wrong PINs lock an operator for 15 minutes (kept across a restart); idle minutes lock the session. The
 * clock is a fake one moved by the test, never waited for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCEDURE_NAMES } from '../../src-shared/contract';
import type { RpcResult } from '../../src-shared/result';
import { silentLogger } from '../../src-node/logger';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { OPEN_WHILE_LOCKED } from '../../src-main/core/operator-lock/router-gate';
import { startWebHost } from '../../src-main/web-host';
import { desktopMigrationSource } from '../../migrations/desktop';
import { TEST_PIN, traineeInput, validIdNumber } from '../support/temp-app';
import { migrateDownThrough } from '../support/migrate-down';

const MINUTE = 60_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A fake wall clock: `advance` moves it on. */
function fakeClock(start = Date.parse('2020-04-10T08:00:00Z')) {
  let now = start;
  return { nowMs: () => now, advance: (ms: number) => void (now += ms) };
}

async function openOn(dir: string, nowMs: () => number): Promise<AppContext> {
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger, nowMs });
  cleanups.push(() => context.close());
  return context;
}

/** A configured PC (county 230102, operator 张三 with TEST_PIN, logged in) on a fake clock. */
async function configuredPc(clock = fakeClock()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-lock-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const context = await openOn(dir, clock.nowMs);
  expect(await context.invoke('setup.init', { countyCode: '230102', operatorName: '张三', pin: TEST_PIN })).toMatchObject({ ok: true });
  const zhang = (await context.services.settings.listOperators())[0]!.id;
  return { dir, context, clock, zhang };
}

function errorCode(result: RpcResult): string | null {
  return result.ok ? null : result.error.code;
}

describe('the router gate', () => {
  it('refuses every procedure but the lock screen ones while locked, through the router and over HTTP', async () => {
    const { context } = await configuredPc();
    const host = await startWebHost({ context, rendererDir: '/nonexistent', port: 0, token: 't', logger: silentLogger });
    cleanups.push(() => host.close());
    const file = await context.services.files.put(Buffer.from('名单'), 'list.xlsx');
    expect(errorCode(await context.invoke('session.lock', {}))).toBeNull();

    const gated = PROCEDURE_NAMES.filter((name) => !OPEN_WHILE_LOCKED.has(name));
    expect(gated.length).toBeGreaterThan(40);
    for (const name of gated) {
      expect(errorCode(await context.invoke(name, {})), name).toBe('LOCKED');
      const response = await fetch(`${new URL(host.url).origin}/rpc/${name}`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{}' });
      expect(response.status, name).toBe(423);
      expect(await response.json(), name).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    // The file routes beside /rpc are no way round it either.
    const download = await fetch(`${new URL(host.url).origin}/download/${file.fileId}?token=t`);
    expect(download.status).toBe(423);
    const upload = await fetch(`${new URL(host.url).origin}/upload?name=x.csv`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/octet-stream' }, body: 'a,b' });
    expect(upload.status).toBe(423);

    // The lock screen's own procedures answer, and the PIN opens everything again.
    const state = await context.invoke('session.state', {});
    expect(state).toMatchObject({ ok: true, data: { locked: true, operator: null, configured: true } });
    expect(errorCode(await context.invoke('session.login', { operatorId: (await context.services.settings.listOperators())[0]!.id, pin: TEST_PIN }))).toBeNull();
    expect(errorCode(await context.invoke('trainees.list', {}))).toBeNull();
    expect((await fetch(`${new URL(host.url).origin}/download/${file.fileId}?token=t`)).status).toBe(200);
  });

  it('starts locked after every restart, and setup.init is no way to add an operator and log in', async () => {
    const { dir, clock } = await configuredPc();
    const reopened = await openOn(dir, clock.nowMs);
    expect(errorCode(await reopened.invoke('trainees.list', {}))).toBe('LOCKED');
    expect(errorCode(await reopened.invoke('setup.init', { countyCode: '230102', operatorName: '王五', pin: '975318' }))).toBe('LOCKED');
    expect((await reopened.services.settings.listOperators()).map((o) => o.name)).toEqual(['张三']);
  });

  it('has no way to become an operator without their PIN', async () => {
    const { context, zhang } = await configuredPc();
    expect(PROCEDURE_NAMES).not.toContain('operators.select');
    await context.invoke('session.lock', {});
    expect(errorCode(await context.invoke('session.setPin', { operatorId: zhang, pin: '975318' }))).toBe('CONFLICT');
    expect(await context.invoke('session.state', {})).toMatchObject({ ok: true, data: { locked: true } });
  });
});

describe('wrong PINs', () => {
  it('locks the operator for 15 minutes after 5 wrong PINs, also across a restart, then lets the right PIN in', async () => {
    const { dir, context, clock, zhang } = await configuredPc();
    await context.invoke('session.lock', {});
    const answers: string[] = [];
    for (let i = 0; i < 5; i += 1) answers.push(errorCode(await context.invoke('session.login', { operatorId: zhang, pin: '000001' }))!);
    expect(answers).toEqual(['WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN', 'OPERATOR_LOCKED']);
    expect(errorCode(await context.invoke('session.login', { operatorId: zhang, pin: TEST_PIN }))).toBe('OPERATOR_LOCKED');

    await context.close();
    const reopened = await openOn(dir, clock.nowMs);
    clock.advance(14 * MINUTE);
    expect(errorCode(await reopened.invoke('session.login', { operatorId: zhang, pin: TEST_PIN }))).toBe('OPERATOR_LOCKED');
    clock.advance(1 * MINUTE);
    expect(errorCode(await reopened.invoke('session.login', { operatorId: zhang, pin: TEST_PIN }))).toBeNull();
    // The lockout is in the audit log, with the tries.
    const actions = (await reopened.db('audit_log').where({ entity: 'operator', entity_id: zhang }).orderBy('id').pluck('action')) as string[];
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(5);
    expect(actions).toContain('login_locked');
  });

  it('counts parallel wrong PINs before checking them: 20 at once leave the operator locked', async () => {
    const { context, zhang } = await configuredPc();
    await context.invoke('session.lock', {});
    const results = await Promise.all(Array.from({ length: 20 }, () => context.invoke('session.login', { operatorId: zhang, pin: '000001' })));
    expect(results.filter((r) => errorCode(r) === 'WRONG_PIN')).toHaveLength(4);
    expect(results.filter((r) => errorCode(r) === 'OPERATOR_LOCKED')).toHaveLength(16);
    expect(errorCode(await context.invoke('session.login', { operatorId: zhang, pin: TEST_PIN }))).toBe('OPERATOR_LOCKED');
  });

  it('refuses a first PIN that breaks the rule, and follows a stricter rule from the settings', async () => {
    const { context } = await configuredPc();
    const li = (await context.invoke('operators.create', { name: '李会计' })) as { ok: true; data: { id: string } };
    for (const pin of ['12345', '111111', '123456', '987654', '12a456']) {
      expect(errorCode(await context.invoke('session.setPin', { operatorId: li.data.id, pin })), pin).toBe('VALIDATION');
    }
    expect(errorCode(await context.invoke('settings.set', { pinMinLength: 8 }))).toBeNull();
    expect(errorCode(await context.invoke('session.setPin', { operatorId: li.data.id, pin: '975318' }))).toBe('VALIDATION');
    expect(await context.invoke('session.setPin', { operatorId: li.data.id, pin: '97531864' })).toMatchObject({ ok: true, data: { operator: { name: '李会计' } } });
  });
});

describe('the idle lock', () => {
  it('locks after the idle minutes of the settings; background polls do not keep it open, the clerk\'s touch does', async () => {
    const { context, clock } = await configuredPc();
    clock.advance(9 * MINUTE);
    expect(errorCode(await context.invoke('trainees.list', {}))).toBeNull();
    clock.advance(6 * MINUTE);
    expect(errorCode(await context.invoke('status.get', {}))).toBeNull();
    clock.advance(4 * MINUTE);
    expect(errorCode(await context.invoke('session.touch', {}))).toBe('LOCKED');

    await context.services.operatorLock.login((await context.services.settings.listOperators())[0]!.id, TEST_PIN);
    expect(errorCode(await context.invoke('settings.set', { idleLockMinutes: 3 }))).toBeNull();
    clock.advance(2 * MINUTE);
    expect(errorCode(await context.invoke('session.touch', {}))).toBeNull();
    clock.advance(2 * MINUTE);
    expect(errorCode(await context.invoke('trainees.list', {}))).toBeNull();
    clock.advance(3 * MINUTE);
    expect(errorCode(await context.invoke('trainees.list', {}))).toBe('LOCKED');
  });
});

describe('who is named in the records', () => {
  it('every change and audit row names the operator logged in, whatever the request body says', async () => {
    const { context } = await configuredPc();
    const li = (await context.invoke('operators.create', { name: '李会计' })) as { ok: true; data: { id: string } };
    await context.invoke('session.setPin', { operatorId: li.data.id, pin: '975318' });
    const zhangId = (await context.services.settings.listOperators()).find((o) => o.name === '张三')!.id;
    const created = await context.invoke('trainees.create', { ...traineeInput({ idNumber: validIdNumber('19910101', 5) }), operatorId: zhangId, operatorName: '张三' });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: string } }).data.id;
    const rows = await context.db('audit_log').where({ entity: 'trainee', entity_id: id });
    expect(rows.map((r: { operator_name: string }) => r.operator_name)).toEqual(['李会计']);
    expect(rows.map((r: { operator_id: string }) => r.operator_id)).toEqual([li.data.id]);
    expect(await context.invoke('status.get', {})).toMatchObject({ ok: true, data: { operatorName: '李会计' } });
  });
});

describe('the migration', () => {
  it('goes down and up again on a store with foreign keys on and operators in use', async () => {
    const { context } = await configuredPc();
    expect(errorCode(await context.invoke('trainees.create', traineeInput()))).toBeNull();
    const config = { migrationSource: desktopMigrationSource };
    await migrateDownThrough(context.db, desktopMigrationSource, '20261204240000_operator_pins');
    expect(await context.db.schema.hasTable('operator_credentials')).toBe(false);
    expect(await context.db.raw('PRAGMA foreign_key_check')).toEqual([]);
    expect(await context.db('trainees').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 1 }]);
    await context.db.migrate.latest(config);
    expect(await context.db.schema.hasTable('operator_credentials')).toBe(true);
  });
});
