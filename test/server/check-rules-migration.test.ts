/** The check rules' migrations (issue #15 item 3) undo cleanly and apply again, on the server's stores and the desktop's. */
import { afterAll, expect, it } from 'vitest';
import { serverMigrationSource } from '../../migrations/server';
import { desktopMigrationSource } from '../../migrations/desktop';
import { migrateDownThrough } from '../support/migrate-down';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { openTempApp } from '../support/temp-app';

const NAME = '20261205100000_check_rules';

describeEachServerDb('check rules migration (server)', (kind) => {
  let store: TestServerDb;
  afterAll(async () => store.dispose());

  it('drops staff_check_rules and creates it again', async () => {
    store = await createTestServerDb(kind);
    await store.db('staff_check_rules').insert({ id: 'P001-city-sum', kind: 'city_sum', severity: 'mandatory', definition: '{}', enabled: 1, created_at: 'now', created_by: 'prov' });
    await migrateDownThrough(store.db, serverMigrationSource, NAME);
    expect(await store.db.schema.hasTable('staff_check_rules')).toBe(false);
    await store.db.migrate.latest({ migrationSource: serverMigrationSource });
    expect(await store.db('staff_check_rules').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
  });
});

it('desktop: check_rules and the outcome columns go and come back, the reports kept', async () => {
  const app = await openTempApp();
  try {
    const db = app.context.db;
    const period = (await db('periods').first<{ id: string }>('id'))!;
    await db('dispatch_reports').insert({ id: 'r1', period_id: period.id, status: 'submitted', computed: '{}', adjustments: '[]', rule_outcomes: '[]', submitted_at: '2020-04-11T00:00:00Z', updated_at: 'now' });
    await migrateDownThrough(db, desktopMigrationSource, NAME);
    expect(await db.schema.hasTable('check_rules')).toBe(false);
    expect(await db.schema.hasColumn('dispatch_reports', 'rule_outcomes')).toBe(false);
    await db.migrate.latest({ migrationSource: desktopMigrationSource });
    expect(await db('dispatch_reports').where({ id: 'r1' }).first('status', 'rule_outcomes')).toEqual({ status: 'submitted', rule_outcomes: null });
    expect(await db.schema.hasTable('check_rules')).toBe(true);
  } finally {
    await app.dispose();
  }
});
