/**
 * Every field a clerk can change on a trainee reaches the server: the PC's patch ops carry the
 * contract's field names, and the server applies each of them (not only the name).
 */
import { expect } from 'vitest';
import { describeEachServer } from '../support/fixtures';
import { registerTrainees, sync } from '../support/sync-harness';
import { validIdNumber } from '../support/temp-app';
import { openedTrainee } from '../support/sealed-rows';

describeEachServer('trainee patches', (test) => {
  test('applies changes of every editable field', async ({ store, pc }) => {
    const [id] = await registerTrainees(pc, 1);
    expect((await sync(pc)).outcome).toBe('done');
    const newNumber = validIdNumber('19700303', 44);
    await pc.context.services.trainees.update({
      id: id!,
      patch: { idNumber: newNumber, phone: '13912345678', ruralHukou: false, registeredAt: '2020-05-06', categories: ['unemployed', 'college_graduate'], note: '更正' },
    });
    const report = await sync(pc);
    expect(report.outcome, report.message).toBe('done');
    expect(report.pushed).toMatchObject({ rejected: 0 });
    const stored = JSON.stringify(await store.db('trainees').where({ id }).first());
    expect(stored).not.toContain(newNumber);
    expect(stored).not.toContain('13912345678');
    const row = (await openedTrainee(store.db, id!))!;
    expect(row).toMatchObject({ id_number: newNumber, phone: '13912345678', registered_at: '2020-05-06', note: '更正' });
    expect(Boolean(row.rural_hukou)).toBe(false);
    expect(row.birth_date).toBe('1970-03-03');
    const serialised = JSON.stringify(row);
    expect(serialised).toContain('unemployed');
    expect(serialised).toContain('college_graduate');
  });
});
