/**
 * Every field a clerk can change on a trainee reaches the server: the PC's patch ops carry the
 * contract's field names, and the server applies each of them (not only the name).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { enrolledPc, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import { validIdNumber, type TempApp } from '../support/temp-app';

describeEachServerDb('trainee patches', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let pc: TempApp;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db);
    pc = await enrolledPc(store.db, server.url, '230102');
  });
  afterAll(async () => {
    await pc.dispose();
    await server.close();
    await store.dispose();
  });

  it('applies changes of every editable field', async () => {
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
    const row = await store.db('trainees').where({ id }).first();
    expect(row).toMatchObject({ id_number: newNumber, phone: '13912345678', registered_at: '2020-05-06', note: '更正' });
    expect(Boolean(row.rural_hukou)).toBe(false);
    expect(row.birth_date).toBe('1970-03-03');
    const serialised = JSON.stringify(row);
    expect(serialised).toContain('unemployed');
    expect(serialised).toContain('college_graduate');
  });
});
