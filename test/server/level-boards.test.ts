/**
 * Boards at each level (issue #15 item 4) on both stores: the province board's one line per city (city-report stage,
 * counties accepted / returned / pending / missing, days late against the due date, late counties), the city's own
 * board of its counties with each one's days late, read from the report index columns (a report of another period,
 * a deleted one, an older duplicate of a reinstalled PC, an unreadable payload count as nothing), and the migration
 * that fills those columns for reports stored before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { countiesOf } from '../../src-shared/domain/units';
import { buildBoard } from '../../src-server/staff/board-service';
import { submitCityReport } from '../../src-server/staff/city-report-service';
import { reviewReport } from '../../src-server/staff/review-service';
import { serverMigrationSource } from '../../migrations/server';
import type { StaffUser } from '../../src-server/staff/staff-scope';
import { staffUserNamed } from '../support/staff-user';
import { applyCountyOp, figuresOf, reportIdOf, submitCountyReport } from '../support/level-fixture';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff } from '../support/staff';
import { migrateDownThrough } from '../support/migrate-down';

const CUTOFF = '2020-04-10'; // due 2020-04-12
/** China's 2020-04-15: three days past the due date. */
const NOW = new Date('2020-04-15T02:00:00Z');
const QTH = '230900';
const DXAL = '232700';
const [XINXING, TAOSHAN, QIEZIHE, BOLI] = countiesOf(QTH).map((c) => c.code) as [string, string, string, string];
const DXAL_COUNTIES = countiesOf(DXAL).map((c) => c.code);
const onTime = (n: number) => `2020-04-11T0${n}:00:00.000Z`;

const staffUser = staffUserNamed;

describeEachServerDb('boards at each level', (kind) => {
  let store: TestServerDb;
  let db: Knex;
  let province: StaffUser;
  let qth: StaffUser;
  let dxal: StaffUser;
  const decide = (user: StaffUser, county: string, decision: 'accepted' | 'returned', at = NOW) => reviewReport(db, user, { countyCode: county, cutoffDate: CUTOFF, decision, comment: decision === 'returned' ? '人次偏高，请核实' : null }, at);
  const board = async (user: StaffUser, city: string | null = null) => {
    const answer = await buildBoard(db, user, CUTOFF, NOW, city);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    db = store.db;
    await addStaff(db, 'prov', 'province');
    await addStaff(db, 'qth', 'city', QTH);
    await addStaff(db, 'dxal', 'city', DXAL);
    [province, qth, dxal] = (await Promise.all(['prov', 'qth', 'dxal'].map((n) => staffUser(db, n)))) as [StaffUser, StaffUser, StaffUser];
    // 七台河: one accepted, one late and pending, one returned, one never sent (but it sent the next period).
    await submitCountyReport(db, XINXING, CUTOFF, figuresOf(10), onTime(1));
    await submitCountyReport(db, TAOSHAN, CUTOFF, figuresOf(20), '2020-04-14T01:00:00.000Z');
    await submitCountyReport(db, QIEZIHE, CUTOFF, figuresOf(30), onTime(2));
    await submitCountyReport(db, BOLI, '2020-04-24', figuresOf(40), '2020-04-25T01:00:00.000Z');
    expect(await decide(qth, XINXING, 'accepted')).toMatchObject({ ok: true });
    expect(await decide(qth, QIEZIHE, 'returned')).toMatchObject({ ok: true });
    // 大兴安岭: every county on time and accepted, the city report handed in before the due date.
    for (const [i, code] of DXAL_COUNTIES.entries()) {
      await submitCountyReport(db, code, CUTOFF, figuresOf(5 + i), onTime(i + 1));
      expect(await decide(dxal, code, 'accepted', new Date('2020-04-11T08:00:00Z'))).toMatchObject({ ok: true });
    }
    expect(await submitCityReport(db, dxal, { cityCode: DXAL, cutoffDate: CUTOFF, note: null, forceReason: null }, new Date('2020-04-12T10:00:00Z'))).toMatchObject({ ok: true });
  });
  afterAll(async () => store.dispose());

  it('gives the province one line per city of the province with its counts and days late', async () => {
    const { cities } = await board(province);
    expect(cities).toHaveLength(13);
    expect(cities.find((c) => c.cityCode === QTH)).toMatchObject({ stage: 'open', accepted: 1, pending: 1, returned: 1, missing: 1, total: 4, late: true, daysLate: 3, lateCounties: 3 });
    expect(cities.find((c) => c.cityCode === DXAL)).toMatchObject({ stage: 'submitted', accepted: 3, pending: 0, returned: 0, missing: 0, late: false, daysLate: 0, lateCounties: 0 });
    // A city nobody in it reported: all missing, and late by today.
    const harbin = cities.find((c) => c.cityCode === '230100')!;
    expect(harbin).toMatchObject({ stage: 'open', accepted: 0, missing: harbin.total, lateCounties: harbin.total, daysLate: 3 });
  });

  it('shows the city its counties with each one\'s days late: by the day it came, or by today while it is not in', async () => {
    const cityBoard = await board(qth);
    expect(cityBoard.cities.map((c) => c.cityCode)).toEqual([QTH]);
    const byCode = new Map(cityBoard.rows.map((r) => [r.countyCode, r]));
    expect(byCode.get(XINXING)).toMatchObject({ stage: 'accepted', daysLate: 0 });
    expect(byCode.get(TAOSHAN)).toMatchObject({ stage: 'pending', late: true, daysLate: 2 });
    expect(byCode.get(QIEZIHE)).toMatchObject({ stage: 'returned', daysLate: 3 });
    expect(byCode.get(BOLI)).toMatchObject({ stage: 'not_submitted', daysLate: 3 });
    // The province clicking through to the city sees the same county lines.
    const through = await board(province, QTH);
    expect(through.rows.map((r) => [r.countyCode, r.stage, r.daysLate])).toEqual(cityBoard.rows.map((r) => [r.countyCode, r.stage, r.daysLate]));
  });

  it('counts a reinstalled PC\'s newer report, and never a deleted report or one the server cannot read', async () => {
    // A second PC of 勃利 sent the period under another id; the board takes the newer submission, as the roll-up does.
    const second = reportIdOf(BOLI, '2020-04-11');
    await applyCountyOp(db, BOLI, 'dispatch_report', second, { id: second, periodId: `default-${CUTOFF}`, cutoffDate: CUTOFF, countyCode: BOLI, status: 'submitted', figures: figuresOf(4), forceReason: null, submittedAt: onTime(3) });
    expect((await board(qth)).rows.find((r) => r.countyCode === BOLI)).toMatchObject({ stage: 'pending', daysLate: 0 });
    await db('county_records').where({ entity: 'dispatch_report', id: second }).update({ deleted_at: NOW.toISOString() });
    await db('county_records').insert({ entity: 'dispatch_report', id: 'garbled', county_code: BOLI, payload: '{"cutoffDate":"2020-04-10","status":"submitted"', hlc: '0', updated_at: NOW.toISOString() });
    expect((await board(qth)).rows.find((r) => r.countyCode === BOLI)).toMatchObject({ stage: 'not_submitted', daysLate: 3 });
  });

  describe('the report index migration', () => {
    let old: TestServerDb;
    afterAll(async () => old.dispose());

    it('fills the index columns of reports stored before it, leaving unreadable ones empty', async () => {
      old = await createTestServerDb(kind);
      // Back to before the report index: the migrations after it are undone first.
      await migrateDownThrough(old.db, serverMigrationSource, '20261203200000_report_index');
      const payload = { id: 'r1', periodId: 'p', cutoffDate: CUTOFF, status: 'accepted', figures: figuresOf(3), submittedAt: onTime(4) };
      await old.db('county_records').insert([
        { entity: 'dispatch_report', id: 'r1', county_code: XINXING, payload: JSON.stringify(payload), hlc: '1', updated_at: NOW.toISOString() },
        { entity: 'dispatch_report', id: 'r2', county_code: XINXING, payload: 'not json', hlc: '1', updated_at: NOW.toISOString() },
        { entity: 'other', id: 'r3', county_code: XINXING, payload: JSON.stringify(payload), hlc: '1', updated_at: NOW.toISOString() },
      ]);
      await old.db.migrate.latest({ migrationSource: serverMigrationSource });
      const rows = await old.db('county_records').orderBy('id').select('id', 'report_cutoff', 'report_status', 'report_submitted_at');
      expect(rows).toEqual([
        { id: 'r1', report_cutoff: CUTOFF, report_status: 'accepted', report_submitted_at: onTime(4) },
        { id: 'r2', report_cutoff: null, report_status: null, report_submitted_at: null },
        { id: 'r3', report_cutoff: null, report_status: null, report_submitted_at: null },
      ]);
    });
  });
});
