/**
 * Issue #18, item 7: a county could learn in which county any ID number is registered. Pushing a put
 * with a foreign number answered with a notice naming the other county. Now the notices (to both
 * counties) name no county until the province has marked the case 已核查 on its duplicates page; and a
 * device that pushes more than DUPLICATE_NOTICES_PER_DAY foreign numbers a day gets no further
 * notices (the ops are still applied), which is logged for the province.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { DeviceRepository } from '../../src-server/repositories/device-repository';
import { DUPLICATE_NOTICES_PER_DAY } from '../../src-server/sync/duplicate-notices';
import { findUnit } from '../../src-shared/domain/units';
import type { SyncOp } from '../../src-shared/sync-protocol';
import { gz, pushBody, pushHeaders, traineePutOp } from '../support/push-bodies';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login } from '../support/staff';
import { nthIdNumber } from '../support/sync-harness';

const DAOLI = findUnit('230102')!.name;
const NANGANG = findUnit('230103')!.name;

interface TestDevice {
  county: string;
  token: string;
  lastSeq: number | null;
}

describeEachServerDb('duplicate notices (issue #18 item 7)', (kind) => {
  let store: TestServerDb;
  let app: ReturnType<typeof buildServerApp>;
  let province: string;
  let harbin: string;
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  async function device(county: string): Promise<TestDevice> {
    const devices = new DeviceRepository(store.db);
    const enrolled = await devices.enrol((await devices.issueCode(county, null)).code, { deviceId: `pc-${county}`, label: null, ackedSeq: null });
    return { county, token: enrolled!.token, lastSeq: null };
  }

  /** Puts of trainees with these ID numbers, as one batch from `pc`; answers the receipt counts. */
  async function push(pc: TestDevice, idNumbers: string[]): Promise<{ applied: number; rejected: number }> {
    const first = (pc.lastSeq ?? 0) + 1;
    const ops: SyncOp[] = idNumbers.map((idNumber, i) => traineePutOp(first + i, i, { payload: { idNumber } }));
    const body = pushBody(ops, { prevSeq: pc.lastSeq });
    const response = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: pushHeaders(pc.token, body.batchId), payload: gz(body) });
    expect(response.statusCode, response.body).toBe(200);
    pc.lastSeq = first + ops.length - 1;
    return (response.json() as { data: { counts: { applied: number; rejected: number } } }).data.counts;
  }

  async function notices(county: string): Promise<string[]> {
    const rows = await store.db('feed').where({ dataset: 'notices', county_code: county }).orderBy('seq').select<Array<{ payload: string }>>('payload');
    return rows.map((r) => (JSON.parse(r.payload) as { body: string }).body);
  }

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 't', db: store.db, rateLimit: false, logger: { level: 'info', stream } });
    await addStaff(store.db, 'prov', 'province');
    await addStaff(store.db, 'harbin', 'city', '230100');
    province = await login(app, 'prov');
    harbin = await login(app, 'harbin');
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('names no county in the notices before the province has checked the case, and applies the op', async () => {
    const daoli = await device('230102');
    const nangang = await device('230103');
    const idNumber = nthIdNumber(1, '230104');
    await push(daoli, [idNumber]);
    expect(await push(nangang, [idNumber])).toMatchObject({ applied: 1, rejected: 0 });

    const toNangang = await notices('230103');
    const toDaoli = await notices('230102');
    expect(toNangang).toHaveLength(1);
    expect(toDaoli).toHaveLength(1);
    expect(toNangang[0]).not.toContain(DAOLI);
    expect(toDaoli[0]).not.toContain(NANGANG);
    expect(toNangang[0]).toMatch(/已在其他县（区）登记.*省/);
    expect(toNangang[0]).not.toContain(idNumber);
  });

  it('names the counties once the province has marked the case 已核查 (a city account cannot)', async () => {
    const listed = await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/duplicates' });
    const cases = (listed.json as { data: { cases: Array<{ caseKey: string; reviewedAt: string | null; registrations: Array<{ countyCode: string }> }> } }).data.cases;
    expect(cases).toHaveLength(1);
    expect(cases[0]!.reviewedAt).toBeNull();
    const url = `/api/v1/staff/duplicates/${cases[0]!.caseKey}/reviewed`;
    expect((await asStaff(app, harbin, { method: 'POST', url, payload: {} })).status).toBe(403);
    const marked = await asStaff(app, province, { method: 'POST', url, payload: {} });
    expect(marked.status).toBe(200);

    // Both counties are told, now with the other county's name.
    expect((await notices('230103')).at(-1)).toContain(DAOLI);
    expect((await notices('230102')).at(-1)).toContain(NANGANG);
    const relisted = await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/duplicates' });
    expect((relisted.json as { data: { cases: Array<{ reviewedAt: string | null }> } }).data.cases[0]!.reviewedAt).not.toBeNull();
  });

  // Attack (sec-attack): the review is kept by ID number, so it covered counties that joined the case later. A third
  // county pushing a number the province had checked for two others was told their names at once: where any
  // reviewed number is registered, without the province ever looking at that county's registration.
  it('a county that joins a checked case later is not told the names: the case is open again for the province', async () => {
    const idNumber = nthIdNumber(1, '230104');
    const third = await device('230109');
    expect(await push(third, [idNumber])).toMatchObject({ applied: 1, rejected: 0 });
    const told = await notices('230109');
    expect(told).toHaveLength(1);
    expect(told[0]).not.toContain(DAOLI);
    expect(told[0]).not.toContain(NANGANG);
    const listed = await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/duplicates' });
    const cases = (listed.json as { data: { cases: Array<{ reviewedAt: string | null; registrations: Array<{ countyCode: string }> }> } }).data.cases;
    const reopened = cases.find((c) => c.registrations.some((r) => r.countyCode === '230109'));
    expect(reopened?.reviewedAt).toBeNull();
  });

  it('gives a device no duplicate detail past the daily limit of foreign numbers, still applies its ops, and logs it', async () => {
    const owner = await device('230104');
    const prober = await device('230108');
    const foreign = Array.from({ length: DUPLICATE_NOTICES_PER_DAY + 5 }, (_, i) => nthIdNumber(100 + i, '230104'));
    await push(owner, foreign);
    const before = (await notices('230104')).length;
    expect(await push(prober, foreign)).toMatchObject({ applied: foreign.length, rejected: 0 });

    const told = await notices('230108');
    // One notice per number up to the limit, then one saying the rest are left to the province.
    expect(told).toHaveLength(DUPLICATE_NOTICES_PER_DAY + 1);
    expect(told.at(-1)).toMatch(/省/);
    expect((await notices('230104')).length - before).toBe(DUPLICATE_NOTICES_PER_DAY);
    expect(Number((await store.db('trainees').where({ county_code: '230108' }).count({ n: '*' }))[0]!.n)).toBe(foreign.length);
    // The next batch the same day: no notice at all.
    const extra = nthIdNumber(500, '230104');
    await push(owner, [extra]);
    expect(await push(prober, [extra])).toMatchObject({ applied: 1 });
    expect(await notices('230108')).toHaveLength(DUPLICATE_NOTICES_PER_DAY + 1);
    const logged = lines.map((l) => JSON.parse(l) as { event?: string; county?: string }).filter((l) => l.event === 'sync.duplicate_notices_capped');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]!.county).toBe('230108');
  });
});
