/**
 * Province rules numbered P001, P002, … (issue #15 item 3): two province accounts adding rules at the same moment
 * each get their own number, on SQLite and PostgreSQL alike (the count and the insert ran unlocked before, and the
 * loser of a race answered 500).
 */
import { expect, it } from 'vitest';
import { addRule, listRules } from '../../src-server/staff/check-rule-service';
import { createTestServerDb, describeEachServerDb } from '../support/server-db';
import { addStaff } from '../support/staff';
import { staffUserNamed } from '../support/staff-user';

const NOW = new Date('2020-04-12T02:00:00Z');

describeEachServerDb('province rule numbers', (kind) => {
  it('gives each of eight rules added at once its own number, of any kind', async () => {
    const store = await createTestServerDb(kind);
    try {
      await addStaff(store.db, 'prov1', 'province');
      await addStaff(store.db, 'prov2', 'province');
      const users = await Promise.all(['prov1', 'prov2'].map((n) => staffUserNamed(store.db, n)));
      const inputs = Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0 ? ({ kind: 'city_sum', severity: 'mandatory' } as const) : ({ kind: 'city_sum', severity: 'advisory' } as const),
      );
      const added = await Promise.all(inputs.map((input, i) => addRule(store.db, users[i % 2]!, input, NOW)));
      expect(added.every((a) => a.ok)).toBe(true);
      const listed = await listRules(store.db, users[0]!);
      if (!listed.ok) throw new Error('list refused');
      const numbers = listed.data.rules.filter((r) => !r.builtIn).map((r) => r.rule.id.slice(0, 4));
      expect(numbers.sort()).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006', 'P007', 'P008']);
    } finally {
      await store.dispose();
    }
  });
});
