/**
 * Reporting level by level on both stores, through the real services and the server's op applier:
 * every transition of the level state machine and every refused one (a city judging another city's
 * county, the province accepting a county its city reviews, a city submitting with counties missing
 * and no reason naming them, the province accepting a withdrawn city report, a county changing a
 * locked period, a correction decided by the wrong level), the city report's frozen rows, the one
 * history all levels read, the board's level columns, and the province's routing setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { countiesOf } from '../../src-shared/domain/units';
import { buildBoard } from '../../src-server/staff/board-service';
import { reviewCityReport, submitCityReport, withdrawCityReport } from '../../src-server/staff/city-report-service';
import { decideCorrection, listCorrections } from '../../src-server/staff/correction-service';
import { eventsOf } from '../../src-server/staff/level-repository';
import { readLevelSettings, saveLevelSettings } from '../../src-server/staff/level-settings';
import { reviewReport } from '../../src-server/staff/review-service';
import type { StaffUser } from '../../src-server/staff/staff-scope';
import { staffUserNamed } from '../support/staff-user';
import { figuresOf, requestCorrection, submitCountyReport } from '../support/level-fixture';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff } from '../support/staff';

const CUTOFF = '2020-04-10';
const NOW = new Date('2020-04-12T02:00:00Z');
/** 七台河 (4 counties) and 大兴安岭 (3) have city accounts; 鸡西 has none. */
const QTH = '230900';
const DXAL = '232700';
const JIXI = '230300';
const [XINXING, TAOSHAN, QIEZIHE, BOLI] = countiesOf(QTH).map((c) => c.code) as [string, string, string, string];
const MOHE = countiesOf(DXAL)[0]!.code;
const JIGUAN = countiesOf(JIXI)[0]!.code;

const staffUser = staffUserNamed;

describeEachServerDb('reporting level by level', (kind) => {
  let store: TestServerDb;
  let db: Knex;
  let province: StaffUser;
  let qth: StaffUser;
  let dxal: StaffUser;
  const accept = (user: StaffUser, county: string, cutoffDate = CUTOFF) => reviewReport(db, user, { countyCode: county, cutoffDate, decision: 'accepted', comment: null }, NOW);
  const giveBack = (user: StaffUser, county: string, comment: string | null = '人次与平台不符') => reviewReport(db, user, { countyCode: county, cutoffDate: CUTOFF, decision: 'returned', comment }, NOW);

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    db = store.db;
    await addStaff(db, 'prov', 'province');
    await addStaff(db, 'qth', 'city', QTH);
    await addStaff(db, 'dxal', 'city', DXAL);
    [province, qth, dxal] = await Promise.all(['prov', 'qth', 'dxal'].map((n) => staffUser(db, n))) as [StaffUser, StaffUser, StaffUser];
  });
  afterAll(async () => store.dispose());

  describe('county reports at the city', () => {
    it('lets only the county\'s own city accept; the province and another city are refused with a Chinese reason', async () => {
      expect((await submitCountyReport(db, XINXING, CUTOFF, figuresOf(10))).status).toBe('applied');
      const other = await accept(dxal, XINXING);
      expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const byProvince = await accept(province, XINXING);
      expect(byProvince).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('市级审核') } });
      expect(await accept(qth, XINXING)).toMatchObject({ ok: true, data: { status: 'accepted' } });
      expect(await accept(qth, XINXING)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('refuses to accept a report not submitted, and a return without a reason', async () => {
      expect(await accept(qth, TAOSHAN)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('尚未上报') } });
      await submitCountyReport(db, TAOSHAN, CUTOFF, figuresOf(20));
      expect(await giveBack(qth, TAOSHAN, null)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await giveBack(qth, TAOSHAN)).toMatchObject({ ok: true, data: { status: 'returned' } });
    });

    it('publishes the return with who returned it and at which level to the county feed', async () => {
      const feed = await db('feed').where({ dataset: 'report_status', county_code: TAOSHAN }).orderBy('seq', 'desc').first<{ payload: string }>();
      expect(JSON.parse(feed.payload)).toMatchObject({ status: 'returned', comment: '人次与平台不符', reviewedBy: 'qth', reviewedLevel: 'city' });
    });

    it('refuses, by the stored row, a county resubmitting an accepted report; a returned one may go up again', async () => {
      const locked = await submitCountyReport(db, XINXING, CUTOFF, figuresOf(11));
      expect(locked).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
      expect((await submitCountyReport(db, TAOSHAN, CUTOFF, figuresOf(21))).status).toBe('applied');
      expect(await accept(qth, TAOSHAN)).toMatchObject({ ok: true });
    });
  });

  describe('the city report', () => {
    it('refuses to submit with counties missing unless forced with a reason naming each of them', async () => {
      const plain = await submitCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW);
      expect(plain).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { missing: [QIEZIHE, BOLI] } } });
      const vague = await submitCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, note: null, forceReason: '茄子河区网络故障' }, NOW);
      expect(vague).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { missing: [BOLI] } } });
      expect((vague as { error: { message: string } }).error.message).toContain('勃利县');
      expect(await submitCityReport(db, dxal, { cityCode: QTH, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await submitCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('submits forced with the accepted counties\' figures frozen, one row per county and the total', async () => {
      const forced = await submitCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, note: '第一期', forceReason: '茄子河区、勃利县网络中断，待恢复后补报' }, NOW);
      expect(forced).toMatchObject({ ok: true, data: { stage: 'submitted' } });
      const row = await db('city_reports').where({ city_code: QTH, cutoff_date: CUTOFF }).first<{ rows: string; missing_counties: string; submitted_by_name: string }>();
      const frozen = JSON.parse(row.rows) as { rows: Array<{ countyCode: string; accepted: boolean; figures: { registeredTrainees: number } }>; total: { registeredTrainees: number } };
      expect(frozen.rows).toHaveLength(4);
      expect(frozen.rows.find((r) => r.countyCode === TAOSHAN)).toMatchObject({ accepted: true, figures: { registeredTrainees: 21 } });
      expect(frozen.total.registeredTrainees).toBe(31);
      expect(JSON.parse(row.missing_counties)).toEqual([QIEZIHE, BOLI]);
      expect(row.submitted_by_name).toBe('qth');
    });

    it('closes the city\'s own review while the province holds the city report', async () => {
      await submitCountyReport(db, QIEZIHE, CUTOFF, figuresOf(5));
      expect(await accept(qth, QIEZIHE)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('撤回') } });
      expect(await giveBack(qth, XINXING)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('lets the city withdraw it before the province decides; the province cannot accept a withdrawn report', async () => {
      expect(await withdrawCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, reason: '补审茄子河区' }, NOW)).toMatchObject({ ok: true, data: { stage: 'withdrawn' } });
      const late = await reviewCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'accepted', comment: null }, NOW);
      expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('撤回') } });
      expect(await withdrawCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, reason: null }, NOW)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('the province returns the city report; the city returns one county; all resubmit; the province accepts', async () => {
      expect(await accept(qth, QIEZIHE)).toMatchObject({ ok: true });
      await submitCountyReport(db, BOLI, CUTOFF, figuresOf(7));
      expect(await accept(qth, BOLI)).toMatchObject({ ok: true });
      expect(await submitCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW)).toMatchObject({ ok: true, data: { stage: 'submitted' } });
      expect(await reviewCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'accepted', comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await reviewCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'returned', comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await reviewCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'returned', comment: '新兴区人次偏高，请核实' }, NOW)).toMatchObject({ ok: true, data: { stage: 'returned' } });
      // Returning the city report reopens the city's review: the city decides which county to return.
      expect(await giveBack(qth, XINXING, '省里退回：人次偏高')).toMatchObject({ ok: true });
      expect((await submitCountyReport(db, XINXING, CUTOFF, figuresOf(9))).status).toBe('applied');
      expect(await accept(qth, XINXING)).toMatchObject({ ok: true });
      expect(await submitCityReport(db, qth, { cityCode: QTH, cutoffDate: CUTOFF, note: '已核实', forceReason: null }, NOW)).toMatchObject({ ok: true });
      expect(await reviewCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'accepted', comment: null }, NOW)).toMatchObject({ ok: true, data: { stage: 'accepted' } });
      expect(await reviewCityReport(db, province, { cityCode: QTH, cutoffDate: CUTOFF, decision: 'returned', comment: 'x' }, NOW)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('locks the accepted city report at every level below: no county return by anyone, no county resubmission', async () => {
      expect(await giveBack(qth, TAOSHAN)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await giveBack(province, TAOSHAN)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('更正申请') } });
      expect(await submitCountyReport(db, TAOSHAN, CUTOFF, figuresOf(99))).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    });
  });

  describe('correction requests', () => {
    it('refuses a request for a report that is not accepted', async () => {
      await submitCountyReport(db, MOHE, CUTOFF, figuresOf(3));
      expect((await requestCorrection(db, MOHE, CUTOFF)).outcome).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    });

    it('is decided by the level the report is locked at; a grant reopens that county only and sends the city report back', async () => {
      const { id, outcome } = await requestCorrection(db, TAOSHAN, CUTOFF);
      expect(outcome.status).toBe('applied');
      expect((await requestCorrection(db, TAOSHAN, CUTOFF)).outcome).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
      expect(await decideCorrection(db, qth, { id, grant: true, comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('省里审批') } });
      expect(await decideCorrection(db, dxal, { id, grant: true, comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const listed = await listCorrections(db, province, CUTOFF, QTH);
      expect(listed).toMatchObject({ ok: true, data: { corrections: [{ id, stage: 'requested', mayDecide: true, what: '补报 3 名学员' }] } });
      expect(await decideCorrection(db, province, { id, grant: true, comment: '同意补报' }, NOW)).toMatchObject({ ok: true, data: { stage: 'granted' } });
      expect(await decideCorrection(db, province, { id, grant: true, comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const board = await buildBoard(db, province, CUTOFF, NOW, QTH);
      if (!board.ok) throw new Error(board.error.message);
      const stages = Object.fromEntries(board.data.rows.map((r) => [r.countyCode, r.stage]));
      expect(stages).toEqual({ [XINXING]: 'accepted', [TAOSHAN]: 'returned', [QIEZIHE]: 'accepted', [BOLI]: 'accepted' });
      expect(board.data.cityReport).toMatchObject({ stage: 'returned' });
      const notice = await db('feed').where({ dataset: 'notices', county_code: TAOSHAN }).orderBy('seq', 'desc').first<{ payload: string }>();
      expect(JSON.parse(notice.payload)).toMatchObject({ kind: 'correction_granted', entity: 'correction_request', entityId: id });
      // The corrected report goes up again: the stored row is open now.
      expect((await submitCountyReport(db, TAOSHAN, CUTOFF, figuresOf(24))).status).toBe('applied');
    });

    it('a refusal needs a reason and keeps the report locked', async () => {
      expect(await accept(dxal, MOHE)).toMatchObject({ ok: true });
      const { id } = await requestCorrection(db, MOHE, CUTOFF);
      expect(await decideCorrection(db, province, { id, grant: false, comment: 'x' }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('市里审批') } });
      expect(await decideCorrection(db, dxal, { id, grant: false, comment: null }, NOW)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await decideCorrection(db, dxal, { id, grant: false, comment: '数据已核实无误' }, NOW)).toMatchObject({ ok: true, data: { stage: 'refused' } });
      expect(await submitCountyReport(db, MOHE, CUTOFF, figuresOf(4))).toMatchObject({ status: 'rejected', code: 'PERIOD_CLOSED' });
    });
  });

  describe('the province', () => {
    it('may return a single county report directly; the city report holding it goes back to the city', async () => {
      const [, huma, taihe] = countiesOf(DXAL).map((c) => c.code) as [string, string, string];
      for (const c of [huma, taihe]) {
        await submitCountyReport(db, c, CUTOFF, figuresOf(2));
        expect(await accept(dxal, c)).toMatchObject({ ok: true });
      }
      expect(await submitCityReport(db, dxal, { cityCode: DXAL, cutoffDate: CUTOFF, note: null, forceReason: null }, NOW)).toMatchObject({ ok: true });
      expect(await giveBack(province, huma, '呼玛县人次与学员数不符')).toMatchObject({ ok: true, data: { status: 'returned' } });
      const board = await buildBoard(db, dxal, CUTOFF, NOW);
      if (!board.ok) throw new Error(board.error.message);
      expect(board.data.cityReport).toMatchObject({ stage: 'returned' });
      expect(board.data.rows.find((r) => r.countyCode === huma)).toMatchObject({ stage: 'returned', reviewedBy: 'prov', reviewedLevel: 'province', reviewComment: '呼玛县人次与学员数不符' });
    });

    it('routes counties of a city without an enabled city account straight to the province by default; the province may hold them for their city', async () => {
      expect(await db('server_settings').where({ key: 'direct_to_province' }).first()).toBeUndefined();
      expect(await readLevelSettings(db)).toMatchObject({ directToProvince: true });
      // A disabled city account is no account: 鸡西's counties still go to the province.
      await addStaff(db, 'jixi-old', 'city', JIXI);
      await db('staff_users').where({ name: 'jixi-old' }).update({ disabled_at: NOW.toISOString() });
      await submitCountyReport(db, JIGUAN, CUTOFF, figuresOf(6));
      const board = await buildBoard(db, province, CUTOFF, NOW, JIXI);
      if (!board.ok) throw new Error(board.error.message);
      expect(board.data.rows.find((r) => r.countyCode === JIGUAN)).toMatchObject({ stage: 'pending', awaiting: 'province' });
      expect(await accept(province, JIGUAN)).toMatchObject({ ok: true });
      // A city with an account is unaffected by the setting.
      await submitCountyReport(db, XINXING, '2020-04-24', figuresOf(12));
      expect(await accept(province, XINXING, '2020-04-24')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // Turned off (the province is about to create the city accounts), only by the province: the counties wait for their city.
      expect(await saveLevelSettings(db, qth, { directToProvince: false }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await saveLevelSettings(db, province, { directToProvince: false }, NOW)).toMatchObject({ ok: true, data: { directToProvince: false } });
      await submitCountyReport(db, JIGUAN, '2020-04-24', figuresOf(8));
      expect(await accept(province, JIGUAN, '2020-04-24')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const held = await buildBoard(db, province, '2020-04-24', NOW, JIXI);
      if (!held.ok) throw new Error(held.error.message);
      expect(held.data.rows.find((r) => r.countyCode === JIGUAN)).toMatchObject({ stage: 'pending', awaiting: 'city' });
      expect(await saveLevelSettings(db, province, { directToProvince: true }, NOW)).toMatchObject({ ok: true, data: { directToProvince: true } });
      expect(await accept(province, JIGUAN, '2020-04-24')).toMatchObject({ ok: true });
    });

    it('sees the cities with their city-report stage and county counts', async () => {
      const board = await buildBoard(db, province, CUTOFF, NOW);
      if (!board.ok) throw new Error(board.error.message);
      expect(board.data.cities).toHaveLength(13);
      expect(board.data.cities.find((c) => c.cityCode === QTH)).toMatchObject({ stage: 'returned', accepted: 3, pending: 1, returned: 0, missing: 0, total: 4, reviewer: 'city' });
      expect(board.data.cities.find((c) => c.cityCode === JIXI)).toMatchObject({ reviewer: 'province', accepted: 1 });
    });
  });

  it('keeps one history of every step, who, when and why, read the same by every level', async () => {
    const events = await eventsOf(db, CUTOFF, QTH, TAOSHAN);
    const steps = events.map((e) => `${e.action}:${e.actorRole}`);
    expect(steps.slice(0, 5)).toEqual(['county.submit:county', 'county.return:city', 'county.submit:county', 'county.accept:city', 'city.submit:city']);
    expect(steps).toContain('city.return:province');
    expect(steps).toContain('correction.request:county');
    expect(steps).toContain('correction.grant:province');
    const returned = events.find((e) => e.action === 'city.return' && e.actorRole === 'province')!;
    expect(returned).toMatchObject({ actorName: 'prov', reason: '新兴区人次偏高，请核实' });
    expect(events.find((e) => e.action === 'city.submit')!.reason).toContain('茄子河区');
    // Only this county's steps and the city report's: no other county's.
    expect(events.every((e) => e.countyCode === null || e.countyCode === TAOSHAN)).toBe(true);
  });
});
