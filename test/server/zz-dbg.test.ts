import { it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { createTestServerDb } from '../../test/support/server-db';
import { addStaff, login } from '../../test/support/staff';
it('dbg', async () => {
  const store = await createTestServerDb('sqlite');
  let clock = new Date('2020-04-12T02:00:00Z');
  const app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => clock }, logger: { level: 'error' } });
  await addStaff(store.db, 'p1', 'province');
  await login(app, 'p1');
  clock = new Date(clock.getTime() + 9 * 3600_000);
  await login(app, 'p1');
  await store.dispose();
});
