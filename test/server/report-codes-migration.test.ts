/** The short codes' migrations (issue #16) undo cleanly and apply again, on the server's stores and the desktop's. */
import { afterAll, expect, it } from 'vitest';
import { serverMigrationSource } from '../../migrations/server';
import { desktopMigrationSource } from '../../migrations/desktop';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { openTempApp } from '../support/temp-app';

const NAME = '20261204250000_report_codes';

describeEachServerDb('report codes migration (server)', (kind) => {
  let store: TestServerDb;
  afterAll(async () => store.dispose());

  it('drops report_codes and creates it again', async () => {
    store = await createTestServerDb(kind);
    await store.db('report_codes').insert({ county_code: '230102', cutoff_date: '2020-04-10', revision: 1, code: 'X', figures: '{}', device_id: 'd', via: 'staff', received_by: 'staff:a', received_at: 'now', receipt: 'R', state: 'provisional' });
    await store.db.migrate.down({ migrationSource: serverMigrationSource, name: NAME });
    expect(await store.db.schema.hasTable('report_codes')).toBe(false);
    await store.db.migrate.latest({ migrationSource: serverMigrationSource });
    expect(await store.db('report_codes').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
  });
});

it('desktop: the revision and receipt columns go and come back, a submitted report counting as revision 1', async () => {
  const app = await openTempApp();
  try {
    const db = app.context.db;
    await db.migrate.down({ migrationSource: desktopMigrationSource, name: NAME });
    expect(await db.schema.hasColumn('dispatch_reports', 'submit_revision')).toBe(false);
    const period = (await db('periods').first<{ id: string }>('id'))!;
    await db('dispatch_reports').insert({ id: 'r1', period_id: period.id, status: 'submitted', computed: '{}', adjustments: '[]', submitted_at: '2020-04-11T00:00:00Z', updated_at: 'now' });
    await db.migrate.latest({ migrationSource: desktopMigrationSource });
    expect(await db('dispatch_reports').where({ id: 'r1' }).first('submit_revision', 'code_receipt')).toEqual({ submit_revision: 1, code_receipt: null });
  } finally {
    await app.dispose();
  }
});
