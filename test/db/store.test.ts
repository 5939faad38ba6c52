import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { openedJson } from '../support/sealed-store';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

async function count(table: string): Promise<number> {
  const rows = await app.context.db(table).count<{ n: number }[]>({ n: '*' });
  return Number(rows[0]!.n);
}

describe('local store', () => {
  it('runs with WAL, synchronous=FULL and foreign keys on', async () => {
    const [journal] = await app.context.db.raw('PRAGMA journal_mode');
    const [sync] = await app.context.db.raw('PRAGMA synchronous');
    const [fk] = await app.context.db.raw('PRAGMA foreign_keys');
    expect(journal.journal_mode).toBe('wal');
    expect(sync.synchronous).toBe(2);
    expect(fk.foreign_keys).toBe(1);
  });

  it('seeds the units of every mainland province, the occupation catalogue, the named national platforms and the periods', async () => {
    expect(await app.context.db('units').where({ level: 'city' }).where('code', 'like', '23%').count({ n: '*' })).toEqual([{ n: 13 }]);
    expect(await app.context.db('units').where({ level: 'province' }).count({ n: '*' })).toEqual([{ n: 31 }]);
    expect(await count('occupations')).toBe(34);
    const national = await app.context.services.platforms.list('national');
    expect(national.map((p) => p.name)).toContain('中国职业培训在线');
    expect(national.every((p) => p.readOnly && !p.isDemo)).toBe(true);
    const periods = await app.context.services.reference.periods();
    expect(periods[0]).toMatchObject({ startDate: '2020-04-01', cutoffDate: '2020-04-10', dueDate: '2020-04-12' });
  });

  it('writes the trainee, its audit row and its outbox row in one transaction', async () => {
    const result = await app.context.invoke('trainees.create', traineeInput());
    expect(result.ok).toBe(true);
    expect(await count('trainees')).toBe(1);
    expect(await count('trainee_categories')).toBe(1);
    const audit = await app.context.db('audit_log').where({ entity: 'trainee' }).select();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'trainee', action: 'create', operator_name: '张三' });
    const outbox = await app.context.db('outbox').select();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entity: 'trainee', op: 'put' });
    expect(openedJson(app.context.db, outbox[0].payload)).toMatchObject({ idNumber: validIdNumber(), name: '李四', categories: ['rural_migrant'] });
  });

  it('writes nothing at all when any row of a batch is refused', async () => {
    await app.context.invoke('trainees.create', traineeInput());
    const before = { trainees: await count('trainees'), audit: await count('audit_log'), outbox: await count('outbox') };
    const { traineeCreateInput } = await import('../../src-shared/schemas/trainee');
    const batch = [traineeInput({ idNumber: validIdNumber('19850505', 11) }), traineeInput()].map((i) => traineeCreateInput.parse(i));
    await expect(app.context.services.trainees.createMany(batch)).rejects.toMatchObject({ code: 'CONFLICT' });
    const unknownPlatform = traineeCreateInput.parse(traineeInput({ idNumber: validIdNumber('19850505', 13), platformId: '0b7c6a2e-5f0a-4b8e-9d3a-1c2b3d4e5f60' }));
    await expect(app.context.services.trainees.createMany([unknownPlatform])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect({ trainees: await count('trainees'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
  });

  it('refuses a second registration of the same number, naming the existing record', async () => {
    const first = await app.context.invoke('trainees.create', traineeInput());
    const second = await app.context.invoke('trainees.create', traineeInput({ idNumber: ` ${validIdNumber().toLowerCase()} ` }));
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { existingId: first.ok ? (first.data as { id: string }).id : '' } } });
    expect(await count('trainees')).toBe(1);
  });

  it('records only the changed fields of an update, and a soft delete with its reason', async () => {
    const created = await app.context.services.trainees.create((await import('../../src-shared/schemas/trainee')).traineeCreateInput.parse(traineeInput()));
    await app.context.services.trainees.update({ id: created.id, patch: { name: '李思', phone: '13800138000', ruralHukou: false } });
    const patch = await app.context.db('outbox').where({ op: 'patch' }).first();
    // Underscored keys are sync metadata (the stamp the PC last saw), not fields.
    const fieldsOf = (payload: string) => Object.fromEntries(Object.entries(openedJson(app.context.db, payload)).filter(([k]) => !k.startsWith('_')));
    expect(fieldsOf(patch.payload)).toEqual({ name: '李思', ruralHukou: false });
    const audit = await app.context.db('audit_log').where({ entity: 'trainee', action: 'update' }).first();
    expect(JSON.parse(audit.changes)).toEqual({ name: ['李四', '李思'], rural_hukou: [1, 0] });
    await app.context.services.trainees.update({ id: created.id, patch: { idNumber: validIdNumber('19700303', 44) } });
    const idPatch = await app.context.db('outbox').where({ op: 'patch' }).orderBy('seq', 'desc').first();
    expect(fieldsOf(idPatch.payload)).toEqual({ idNumber: validIdNumber('19700303', 44), birthDate: '1970-03-03', sex: 'F' });
    await app.context.services.trainees.update({ id: created.id, patch: { idNumber: validIdNumber() } });
    await app.context.services.trainees.delete(created.id, '重复登记');
    expect(await app.context.db('trainees').where({ id: created.id }).first()).toMatchObject({ delete_reason: '重复登记' });
    await expect(app.context.services.trainees.get(created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The number may be registered again once the old record is deleted.
    expect((await app.context.invoke('trainees.create', traineeInput())).ok).toBe(true);
  });

  it('finds trainees by full number, last 4-6 characters, name prefix and phone, masked', async () => {
    const numbers = [validIdNumber('19900101', 123), validIdNumber('19920202', 456)];
    await app.context.invoke('trainees.create', traineeInput({ idNumber: numbers[0], name: '王小明', phone: '13912345678' }));
    await app.context.invoke('trainees.create', traineeInput({ idNumber: numbers[1], name: '王大力', phone: '15900001111' }));
    const list = async (query: string) => {
      const result = await app.context.invoke('trainees.list', { query });
      if (!result.ok) throw new Error(result.error.message);
      return (result.data as { items: Array<{ name: string; idNumber: string; phone: string }> }).items;
    };
    expect((await list(numbers[0]!)).map((t) => t.name)).toEqual(['王小明']);
    expect((await list(numbers[1]!.slice(-6))).map((t) => t.name)).toEqual(['王大力']);
    expect((await list(numbers[1]!.slice(-4))).map((t) => t.name)).toEqual(['王大力']);
    expect((await list('王')).map((t) => t.name).sort()).toEqual(['王大力', '王小明']);
    expect((await list('王小')).map((t) => t.name)).toEqual(['王小明']);
    expect((await list('13912345678')).map((t) => t.name)).toEqual(['王小明']);
    expect((await list('1111')).map((t) => t.name)).toEqual(['王大力']);
    expect(await list('李')).toEqual([]);
    const [item] = await list('王小明');
    expect(item!.idNumber).toBe(`230102********${numbers[0]!.slice(-4)}`);
    expect(item!.phone).toBe('139****5678');
  });

  it('filters by category, registration dates and living-allowance eligibility', async () => {
    await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 1), name: '甲', categories: ['poverty_registered'], registeredAt: '2020-04-05' }));
    await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 2), name: '乙', categories: ['school_leaver'], ruralHukou: false, registeredAt: '2020-05-05' }));
    await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 3), name: '丙', categories: ['school_leaver', 'urban_min_allowance'], ruralHukou: false, registeredAt: '2020-06-05' }));
    const names = async (input: Record<string, unknown>) => {
      const result = await app.context.invoke('trainees.list', input);
      if (!result.ok) throw new Error(result.error.message);
      return (result.data as { items: Array<{ name: string }> }).items.map((t) => t.name).sort();
    };
    expect(await names({ livingAllowanceEligible: true })).toEqual(['丙', '甲']);
    expect(await names({ livingAllowanceEligible: false })).toEqual(['乙']);
    expect(await names({ categories: ['school_leaver'] })).toEqual(['丙', '乙']);
    expect(await names({ registeredFrom: '2020-05-01', registeredTo: '2020-05-31' })).toEqual(['乙']);
  });

  it('audits setup, settings changes and new operators (they are not sent to the server)', async () => {
    await app.context.invoke('settings.set', { contactPhone: '0451-82345678' });
    await app.context.invoke('operators.create', { name: '李会计' });
    const rows = await app.context.db('audit_log').orderBy('id').select('entity', 'action', 'operator_name');
    expect(rows).toEqual([
      { entity: 'settings', action: 'setup', operator_name: '张三' },
      // The first operator chose a PIN at setup and was logged in with it.
      { entity: 'operator', action: 'pin_set', operator_name: '张三' },
      { entity: 'settings', action: 'update', operator_name: '张三' },
      { entity: 'operator', action: 'create', operator_name: '张三' },
    ]);
    expect(await count('outbox')).toBe(0);
  });
});
