/**
 * The province's city_sum rule, run where city reports are made (issue #15 item 3): with the rule in force a city
 * submits its city report as before (its 合计 is the sum of its rows); the rule is added and disabled by the province
 * only (a city account is refused) and published in the period calendar's feed for every county, disabling included.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { countiesOf } from '../../src-shared/domain/units';
import { addRule, disableRule, listRules } from '../../src-server/staff/check-rule-service';
import { submitCityReport } from '../../src-server/staff/city-report-service';
import { reviewReport } from '../../src-server/staff/review-service';
import type { StaffUser } from '../../src-server/staff/staff-scope';
import { figuresOf, submitCountyReport } from '../support/level-fixture';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff } from '../support/staff';
import { staffUserNamed } from '../support/staff-user';

const CUTOFF = '2020-04-10';
const NOW = new Date('2020-04-12T02:00:00Z');
const DXAL = '232700';

describeEachServerDb('the city_sum rule', (kind) => {
  let store: TestServerDb;
  let db: Knex;
  let province: StaffUser;
  let city: StaffUser;
  beforeAll(async () => {
    store = await createTestServerDb(kind);
    db = store.db;
    await addStaff(db, 'prov', 'province');
    await addStaff(db, 'dxal', 'city', DXAL);
    [province, city] = (await Promise.all(['prov', 'dxal'].map((n) => staffUserNamed(db, n)))) as [StaffUser, StaffUser];
  });
  afterAll(async () => store.dispose());

  it('is the province\'s to add and disable, and reaches the feed of every county', async () => {
    expect(await addRule(db, city, { kind: 'city_sum', severity: 'mandatory' }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await listRules(db, city)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await addRule(db, province, { kind: 'city_sum', severity: 'mandatory' }, NOW)).toMatchObject({ ok: true, data: { rule: { id: 'P001-city-sum' }, enabled: true } });
    const feed = await db('feed').where({ dataset: 'periods', item_id: 'P001-city-sum' }).select<Array<{ county_code: string | null; payload: string }>>('county_code', 'payload');
    expect(feed.map((f) => ({ county: f.county_code, payload: JSON.parse(f.payload) as unknown }))).toEqual([{ county: null, payload: { rule: { id: 'P001-city-sum', kind: 'city_sum', severity: 'mandatory' }, enabled: true } }]);
    expect(await disableRule(db, city, 'P001-city-sum', NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await disableRule(db, province, 'R001-registered-not-below-previous', NOW)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('lets a city report whose 合计 is the sum of its counties go up', async () => {
    for (const [i, county] of countiesOf(DXAL).entries()) {
      await submitCountyReport(db, county.code, CUTOFF, figuresOf(10 + i));
      expect(await reviewReport(db, city, { countyCode: county.code, cutoffDate: CUTOFF, decision: 'accepted', comment: null }, NOW)).toMatchObject({ ok: true });
    }
    expect(await submitCityReport(db, city, { cityCode: DXAL, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW)).toMatchObject({ ok: true, data: { stage: 'submitted' } });
    expect(await disableRule(db, province, 'P001-city-sum', NOW)).toMatchObject({ ok: true, data: { enabled: false } });
    const published = await db('feed').where({ dataset: 'periods', item_id: 'P001-city-sum' }).orderBy('seq').pluck('payload');
    expect(published.map((p: string) => (JSON.parse(p) as { enabled: boolean }).enabled)).toEqual([true, false]);
  });
});
