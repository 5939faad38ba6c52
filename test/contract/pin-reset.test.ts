/**
 * A forgotten PIN (issue #19 item 3): the recovery code written down at setup clears one operator's PIN on the
 * lock screen, or a logged-in colleague clears it confirming with their own PIN. Nobody is logged in by a reset;
 * wrong codes and wrong PINs change nothing, count like logins where a PIN is given, and every step is audited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../src-shared/result';
import type { SessionState } from '../../src-shared/schemas/session';
import { silentLogger } from '../../src-node/logger';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { TEST_PIN } from '../support/temp-app';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const LI_PIN = '864201';

/** County 230102 with 张三 (TEST_PIN, logged in) and 李四 (LI_PIN); the recovery code made at the first open. */
async function officeOfTwo(): Promise<{ context: AppContext; code: string; zhang: string; li: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-pin-reset-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  cleanups.push(() => context.close());
  const code = context.newRecoveryCode;
  if (!code) throw new Error('a new store shows its recovery code once');
  expect(await context.invoke('setup.init', { countyCode: '230102', operatorName: '张三', pin: TEST_PIN })).toMatchObject({ ok: true });
  expect(await context.invoke('operators.create', { name: '李四' })).toMatchObject({ ok: true });
  const operators = await context.services.settings.listOperators();
  const zhang = operators.find((o) => o.name === '张三')!.id;
  const li = operators.find((o) => o.name === '李四')!.id;
  expect(await context.invoke('session.lock', {})).toMatchObject({ ok: true });
  expect(await context.invoke('session.setPin', { operatorId: li, pin: LI_PIN })).toMatchObject({ ok: true });
  expect(await context.invoke('session.lock', {})).toMatchObject({ ok: true });
  expect(await context.invoke('session.login', { operatorId: zhang, pin: TEST_PIN })).toMatchObject({ ok: true });
  return { context, code, zhang, li };
}

function failure(result: RpcResult): { code: string; message: string; fields: string[] } | null {
  if (result.ok) return null;
  const details = result.error.details as { fields?: Array<{ field: string }> } | undefined;
  return { code: result.error.code, message: result.error.message, fields: (details?.fields ?? []).map((f) => f.field) };
}

async function hasPin(context: AppContext, operatorId: string): Promise<boolean> {
  return Boolean(await context.db('operator_credentials').where({ operator_id: operatorId }).first());
}

async function auditActions(context: AppContext, operatorId: string): Promise<string[]> {
  return (await context.db('audit_log').where({ entity: 'operator', entity_id: operatorId }).orderBy('id').pluck('action')) as string[];
}

describe('forgotten PIN with the recovery code', () => {
  it('clears only that operator\'s PIN and lockout, logs nobody in, and the operator then sets a new PIN', async () => {
    const { context, code, zhang, li } = await officeOfTwo();
    expect(await context.invoke('session.lock', {})).toMatchObject({ ok: true });
    // 李四 locks himself out.
    for (let i = 0; i < 5; i += 1) await context.invoke('session.login', { operatorId: li, pin: '000001' });
    expect(failure(await context.invoke('session.login', { operatorId: li, pin: LI_PIN }))?.code).toBe('OPERATOR_LOCKED');

    const reset = await context.invoke('session.resetPinWithCode', { operatorId: li, code: code.toLowerCase() });
    expect(reset).toMatchObject({ ok: true, data: { locked: true, operator: null } });
    if (!reset.ok) return;
    expect((reset.data as SessionState).operators.find((o) => o.id === li)).toMatchObject({ hasPin: false, lockedUntil: null });
    expect(await hasPin(context, zhang)).toBe(true);
    // Still locked: the code opened no session.
    expect(failure(await context.invoke('trainees.list', {}))?.code).toBe('LOCKED');
    expect(await context.invoke('session.setPin', { operatorId: li, pin: '975318' })).toMatchObject({ ok: true, data: { operator: { name: '李四' } } });
    expect(await auditActions(context, li)).toEqual(expect.arrayContaining(['pin_reset', 'pin_set']));
  });

  it('refuses a wrong code and changes nothing, and audits the refusal', async () => {
    const { context, li } = await officeOfTwo();
    expect(await context.invoke('session.lock', {})).toMatchObject({ ok: true });
    const wrong = failure(await context.invoke('session.resetPinWithCode', { operatorId: li, code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789' }));
    expect(wrong?.code).toBe('VALIDATION');
    expect(wrong?.message).toContain('恢复码不对');
    expect(failure(await context.invoke('session.resetPinWithCode', { operatorId: li, code: '<script>alert(1)</script>' }))?.code).toBe('VALIDATION');
    expect(await hasPin(context, li)).toBe(true);
    expect(await auditActions(context, li)).toContain('pin_reset_refused');
    expect(await auditActions(context, li)).not.toContain('pin_reset');
    expect(await context.invoke('session.login', { operatorId: li, pin: LI_PIN })).toMatchObject({ ok: true });
  });
});

describe('a colleague resets a forgotten PIN', () => {
  it('clears the colleague\'s PIN after the logged-in operator confirms with their own PIN; the actor is audited', async () => {
    const { context, zhang, li } = await officeOfTwo();
    expect(await context.invoke('operators.resetPin', { operatorId: li, myPin: TEST_PIN })).toMatchObject({ ok: true });
    expect(await hasPin(context, li)).toBe(false);
    const row = await context.db('audit_log').where({ entity: 'operator', entity_id: li, action: 'pin_reset' }).first<{ operator_id: string | null }>();
    expect(row?.operator_id).toBe(zhang);
  });

  it('refuses a wrong confirming PIN under its field, counts it, and locks the screen at the fifth', async () => {
    const { context, li } = await officeOfTwo();
    const first = failure(await context.invoke('operators.resetPin', { operatorId: li, myPin: '000001' }));
    expect(first).toMatchObject({ code: 'VALIDATION', fields: ['myPin'] });
    expect(first?.message).toContain('还可再试 4 次');
    for (let i = 0; i < 4; i += 1) await context.invoke('operators.resetPin', { operatorId: li, myPin: '000001' });
    expect(await hasPin(context, li)).toBe(true);
    expect(failure(await context.invoke('operators.resetPin', { operatorId: li, myPin: TEST_PIN }))?.code).toBe('LOCKED');
  });

  it('refuses resetting one\'s own PIN this way, an unknown operator, and any reset while locked', async () => {
    const { context, zhang, li } = await officeOfTwo();
    expect(failure(await context.invoke('operators.resetPin', { operatorId: zhang, myPin: TEST_PIN }))?.message).toContain('修改我的 PIN');
    expect(failure(await context.invoke('operators.resetPin', { operatorId: '00000000-0000-4000-8000-000000000000', myPin: TEST_PIN }))?.code).toBe('NOT_FOUND');
    expect(await context.invoke('session.lock', {})).toMatchObject({ ok: true });
    expect(failure(await context.invoke('operators.resetPin', { operatorId: li, myPin: TEST_PIN }))?.code).toBe('LOCKED');
    expect(await hasPin(context, li)).toBe(true);
  });
});
