import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callProcedure } from '../support/call-procedure';
import { openTempApp, TEST_PIN, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const ok = <T>(name: string, input: unknown): Promise<T> => callProcedure<T>(app.context, name, input);

describe('trainee paper trail and quick entry', () => {
  it('finds a trainee by the pinyin initials of the name, polyphonic surnames included', async () => {
    await ok('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 1), name: '张三丰' }));
    await ok('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 2), name: '单田芳' }));
    const names = async (query: string) => (await ok<{ items: Array<{ name: string }> }>('trainees.list', { query })).items.map((t) => t.name);
    expect(await names('zsf')).toEqual(['张三丰']);
    expect(await names('ZS')).toEqual(['张三丰']);
    expect(await names('stf')).toEqual(['单田芳']);
    expect(await names('q')).toEqual([]);
  });

  it('reveals a masked number in full and records who saw it, without sending anything to the server', async () => {
    const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
    const outboxBefore = await app.context.db('outbox').count<{ n: number }[]>({ n: '*' });
    expect(await ok('trainees.reveal', { id: trainee.id, field: 'idNumber' })).toEqual({ value: validIdNumber() });
    expect(await ok('trainees.reveal', { id: trainee.id, field: 'phone' })).toEqual({ value: '13800138000' });
    expect(await app.context.db('outbox').count<{ n: number }[]>({ n: '*' })).toEqual(outboxBefore);
    const reveals = await app.context.db('audit_log').where({ action: 'reveal' }).select('operator_name', 'changes');
    expect(reveals).toEqual([
      { operator_name: '张三', changes: JSON.stringify({ field: 'idNumber' }) },
      { operator_name: '张三', changes: JSON.stringify({ field: 'phone' }) },
    ]);
  });

  it('tells the history of a record: who created, changed and deleted it, and what changed', async () => {
    const trainee = await ok<{ id: string }>('trainees.create', traineeInput());
    const li = await ok<{ id: string }>('operators.create', { name: '李会计' });
    // 李会计 logs in at the lock screen (their first login sets the PIN); the changes below are theirs.
    await ok('session.setPin', { operatorId: li.id, pin: TEST_PIN });
    await ok('trainees.update', { id: trainee.id, patch: { name: '李思', categories: ['unemployed'] } });
    await ok('trainees.delete', { id: trainee.id, reason: '重复登记' });
    const history = await ok<Array<{ action: string; operatorName: string; changes: Array<{ field: string; before: unknown; after: unknown }>; reason: string | null }>>('trainees.history', { id: trainee.id });
    expect(history.map((h) => [h.action, h.operatorName])).toEqual([['delete', '李会计'], ['update', '李会计'], ['create', '张三']]);
    expect(history[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '李四', after: '李思' },
        { field: 'categories', before: ['rural_migrant'], after: ['unemployed'] },
      ]),
    );
    expect(history[0]!.reason).toBe('重复登记');
  });

  it('adds the same course for many trainees at once, or for none when one is missing', async () => {
    const a = await ok<{ id: string }>('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 11) }));
    const b = await ok<{ id: string }>('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 12) }));
    const platformId = (await app.context.services.platforms.list())[0]!.id;
    const course = { platformId, courseName: '电工基础', startDate: '2020-04-10', endDate: null, hours: 12, signedIn: true };
    expect(await ok('enrolments.createMany', { traineeIds: [a.id, b.id, a.id], course })).toEqual({ created: 2 });
    const refused = await app.context.invoke('enrolments.createMany', { traineeIds: [a.id, '0b7c6a2e-5f0a-4b8e-9d3a-1c2b3d4e5f60'], course });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.context.db('enrolments').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 2 }]);
    const filtered = await ok<{ total: number }>('enrolments.list', { startFrom: '2020-04-10', startTo: '2020-04-10', signedIn: true, platformId });
    expect(filtered.total).toBe(2);
    expect((await ok<{ total: number }>('enrolments.list', { startFrom: '2020-04-11' })).total).toBe(0);
  });
});
