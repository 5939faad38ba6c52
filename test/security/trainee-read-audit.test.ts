/**
 * Issue #18, item 7: `trainees.get` and `trainees.lookup` returned full ID numbers and phones without
 * an audit row, a way round the recorded reveal. The edit drawer edits the full ID number and phone,
 * so `trainees.get` keeps them and records each read with the operator (like a reveal: audit only,
 * nothing synced); the entry form's `trainees.lookup` needs only who it is, so it answers masked.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { maskIdNumber } from '../../src-shared/domain/id-card';
import { callProcedure } from '../support/call-procedure';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

const PHONE = '13800138000';
let app: TempApp;

beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const ok = <T>(name: string, input: unknown): Promise<T> => callProcedure<T>(app.context, name, input);

const count = async (table: string, where: Record<string, unknown> = {}) => Number((await app.context.db(table).where(where).count<Array<{ n: number }>>({ n: '*' }))[0]!.n);

it('records every trainees.get with the operator, and sends nothing to the server for it', async () => {
  const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
  const outbox = await count('outbox');
  expect(await count('audit_log', { action: 'view' })).toBe(0);

  const read = await ok<{ idNumber: string; phone: string }>('trainees.get', { id: trainee.id });
  expect(read).toMatchObject({ idNumber: validIdNumber(), phone: PHONE });
  await ok('trainees.get', { id: trainee.id });

  const views = await app.context.db('audit_log').where({ action: 'view' }).select('entity', 'entity_id', 'operator_name', 'changes');
  expect(views).toEqual([
    { entity: 'trainee', entity_id: trainee.id, operator_name: '张三', changes: JSON.stringify({ fields: ['idNumber', 'phone'] }) },
    { entity: 'trainee', entity_id: trainee.id, operator_name: '张三', changes: JSON.stringify({ fields: ['idNumber', 'phone'] }) },
  ]);
  expect(await count('outbox')).toBe(outbox);
});

it('records no read for an id that is not there', async () => {
  const result = await app.context.invoke('trainees.get', { id: '0b7c6a2e-5f0a-4b8e-9d3a-1c2b3d4e5f60' });
  expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await count('audit_log', { action: 'view' })).toBe(0);
});

it('answers trainees.lookup with the ID number and phone masked, and who it is', async () => {
  const trainee = await ok<{ id: string }>('trainees.create', traineeInput({ name: '王芳' }));
  const found = await ok<Record<string, unknown>>('trainees.lookup', { idNumber: validIdNumber() });
  expect(found).toMatchObject({ id: trainee.id, name: '王芳', registeredAt: '2020-04-02', idNumber: maskIdNumber(validIdNumber()) });
  const text = JSON.stringify(found);
  expect(text).not.toContain(validIdNumber());
  expect(text).not.toContain(PHONE);
});

it('keeps the record history to changes and deliberate reveals: opening the drawer is audited, not listed', async () => {
  const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
  await ok('trainees.get', { id: trainee.id });
  const history = await ok<Array<{ action: string }>>('trainees.history', { id: trainee.id });
  expect(history.map((h) => h.action)).toEqual(['create']);
});
