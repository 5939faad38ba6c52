/**
 * Every route of the staff contract, walked from the table on both stores: no session → 401, a role
 * the entry does not allow → 403, a city account naming another city where the entry holds it to its
 * own → 403, each declared schema refused with 400 VALIDATION in Chinese, and a good call answers what
 * the answer schema accepts (or the declared file). A new entry is walked without touching this file,
 * except for its sample input, which the Record type demands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../src-node/print/pdf';
import { traineeCreateInput } from '../../src-shared/schemas/trainee';
import { STAFF_ROLES, type StaffRole } from '../../src-shared/staff-api';
import { STAFF_API_PREFIX, STAFF_ROUTE_NAMES, staffContract, staffUrl, type StaffInput, type StaffRouteDef, type StaffRouteName } from '../../src-shared/staff-contract';
import { XLSX_TYPE } from '../../src-server/staff/staff-registry';
import { submitCityReport } from '../../src-server/staff/city-report-service';
import { reviewReport } from '../../src-server/staff/review-service';
import { countiesOf } from '../../src-shared/domain/units';
import { requestCorrection } from '../support/level-fixture';
import { callProcedure } from '../support/call-procedure';
import { testKeyring } from '../support/carried';
import { exportUnsent } from '../../src-main/core/sync/export-unsent';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, login, nextCode, passwordStep, totpCode, stepOf } from '../support/staff';
import { enrolledPc, nthIdNumber, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import { traineeInput, type TempApp } from '../support/temp-app';

const CUTOFF = '2020-04-10';
/** The second period: Daoli's report accepted by Harbin, Harbin's city report with the province, a correction request open. */
const CUTOFF2 = '2020-04-24';
const CHINESE = /[\u4e00-\u9fa5]/;
/** The city account's own city is Harbin; Qiqihar (230200, with its county 230202) is another. */
const OTHER = { city: '230200', county: '230202' } as const;

type Input = { params?: Record<string, string>; query?: Record<string, string | undefined>; body?: unknown };
const ids: Record<string, string> = {};
/** Nangang's carried file (U盘文件), exported in the set-up: the upload's good body. */
let carriedFile: Uint8Array | null = null;

/** A good input per route, for the province: the mapped type makes a new entry without one a type error. */
const goodInputs: { [N in StaffRouteName]: () => StaffInput<N> } = {
  'auth.login': () => ({ body: { name: 'prov', password: 'correct-horse-42' } }),
  'auth.secondFactor': () => ({ body: { code: ids.code! } }),
  'auth.enrolStart': () => ({}),
  'auth.enrolConfirm': () => ({ body: { code: ids.code! } }),
  'auth.changePassword': () => ({ body: { current: 'correct-horse-42', next: 'Another-horse-43' } }),
  'auth.logout': () => ({}),
  'auth.me': () => ({}),
  'board.get': () => ({ query: { period: CUTOFF } }),
  'rollup.get': () => ({ query: { period: CUTOFF, city: '230100' } }),
  'rollup.preview': () => ({ query: { period: CUTOFF } }),
  'rollup.xlsx': () => ({ query: { period: CUTOFF } }),
  'rollup.pdf': () => ({ query: { period: CUTOFF } }),
  // Harbin has a city account: the province may return one of its county reports directly, not accept it.
  'reports.review': () => ({ params: { county: '230102', period: CUTOFF, decision: 'return' }, body: { comment: '请核对培训人次' } }),
  'reports.detail': () => ({ params: { county: '230102', period: CUTOFF } }),
  'reports.history': () => ({ query: { period: CUTOFF, county: '230102' } }),
  'corrections.list': () => ({ query: { period: CUTOFF2 } }),
  'corrections.decide': () => ({ params: { id: ids.correction!, decision: 'refuse' }, body: { comment: '数据已核实' } }),
  'city.submit': () => ({ params: { city: '230100', period: CUTOFF }, body: { note: null, forceReason: `未通过：${countiesOf('230100').map((c) => c.name).join('、')}` } }),
  'city.withdraw': () => ({ params: { city: '230100', period: CUTOFF2 }, body: { comment: null } }),
  'city.review': () => ({ params: { city: '230100', period: CUTOFF, decision: 'accept' }, body: { comment: null } }),
  // After city.submit and city.review above: Harbin's city report of CUTOFF is submitted and accepted, so it prints.
  'city.preview': () => ({ params: { city: '230100', period: CUTOFF } }),
  'city.xlsx': () => ({ params: { city: '230100', period: CUTOFF } }),
  'city.pdf': () => ({ params: { city: '230100', period: CUTOFF } }),
  'levels.settings': () => ({}),
  'levels.saveSettings': () => ({ body: { directToProvince: false } }),
  'rules.list': () => ({}),
  'rules.add': () => ({ body: { kind: 'change_within', severity: 'advisory', figure: 'trainingPersonTimes', percent: 200 } }),
  'rules.disable': () => ({ params: { id: 'P001-change-within' } }),
  'duplicates.list': () => ({ query: {} }),
  'duplicates.xlsx': () => ({ query: { city: '230100' } }),
  'duplicates.markReviewed': () => ({ params: { caseKey: ids.caseKey! } }),
  'trainees.revealIdNumber': () => ({ params: { id: ids.caseKey! } }),
  'platforms.list': () => ({}),
  'platforms.save': () => ({ body: { name: '哈尔滨技能网', url: null, level: 'city', cityCode: '230100' } }),
  'platforms.remove': () => ({ params: { id: ids.platform! } }),
  'periods.list': () => ({}),
  'periods.publish': () => ({ body: { periods: JSON.parse(ids.calendar!) as Array<{ seq: number; startDate: string; cutoffDate: string; dueDate: string }> } }),
  'audit.list': () => ({ query: { action: 'login.ok', from: '2020-04-01', to: '2020-04-30' } }),
  'audit.xlsx': () => ({ query: { operator: 'prov' } }),
  'progress.get': () => ({ query: {} }),
  'carried.import': () => ({ body: carriedFile! }),
  'codes.receive': () => ({ body: { code: ids.shortCode! } }),
};

/** Every declared part spoilt: params and query fields set to 'bad', the body a JSON array. */
function spoilt(def: StaffRouteDef, input: Input, part: 'params' | 'query' | 'body'): Input {
  if (part === 'body') return { ...input, body: [1, 2, 3] };
  const keys = Object.keys(def[part]!.shape);
  return { ...input, [part]: Object.fromEntries(keys.map((k) => [k, 'bad'])) };
}

/** The good input with the entry's city field naming another city (or a county of one). */
function otherCity(def: StaffRouteDef, input: Input): Input {
  const scope = def.cityScope!;
  const value = scope.unit === 'city' ? OTHER.city : OTHER.county;
  const part = (input[scope.from] ?? {}) as Record<string, unknown>;
  return { ...input, [scope.from]: { ...part, [scope.field]: value } };
}

describeEachServerDb('staff contract, route by route', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  const pcs: TempApp[] = [];
  const tokens = {} as Record<StaffRole, string>;
  const walked = new Set<string>();
  const printer: PdfPrinter = { print: async () => Buffer.from('%PDF-1.7 test'), close: async () => undefined };

  async function call(name: StaffRouteName, input: Input, token: string | null) {
    const def: StaffRouteDef = staffContract[name];
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    // An upload route's good body is the file's bytes; everything else (and a spoilt upload) goes as JSON.
    const raw = input.body instanceof Uint8Array;
    if (input.body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
    const payload = input.body === undefined ? undefined : raw ? Buffer.from(input.body as Uint8Array) : JSON.stringify(input.body);
    const response = await server.app.inject({ method: def.method, url: staffUrl(name, input), headers, ...(payload === undefined ? {} : { payload }) });
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, json: (isJson ? response.json() : null) as { ok: boolean; data?: unknown; error?: { code: string; message: string; details?: { fields?: Array<{ message: string }> } } } | null, response };
  }

  let fresh = 0;
  /**
   * The session a call is made with: the role's full session, or, for a step of the login, a fresh
   * pending session of that stage (a new account for the enrolment, whose code is computed from the
   * secret the enrolment answered). The password change runs on an account of its own.
   */
  async function tokenFor(name: StaffRouteName, def: StaffRouteDef, options: { good: boolean }): Promise<string | null> {
    if (!def.roles.length) return null;
    const role = def.roles[0] === 'province' ? 'prov' : 'harbin';
    if (name === 'auth.secondFactor') {
      const pending = await passwordStep(server.app, role);
      if (options.good) ids.code = nextCode(role, pending.serverTime);
      return pending.token;
    }
    if (name === 'auth.enrolStart' || name === 'auth.enrolConfirm') {
      const user = `enrol${++fresh}`;
      await addStaff(store.db, user, 'province');
      const pending = await passwordStep(server.app, user);
      if (name === 'auth.enrolConfirm' && options.good) {
        const started = await call('auth.enrolStart', {}, pending.token);
        ids.code = totpCode((started.json!.data as { secret: string }).secret, stepOf(pending.serverTime));
      }
      return pending.token;
    }
    if (name === 'auth.changePassword') {
      const user = `changer${++fresh}`;
      await addStaff(store.db, user, 'province');
      return login(server.app, user);
    }
    // The logout ends the session it is given: a fresh one.
    if (name === 'auth.logout' && options.good) return login(server.app, role);
    return tokens[def.roles[0]!];
  }

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db, { staff: { now: () => new Date('2020-04-20T02:00:00Z'), pdfPrinter: printer }, keys: testKeyring() });
    const daoli = await enrolledPc(store.db, server.url, '230102');
    const nangang = await enrolledPc(store.db, server.url, '230103');
    pcs.push(daoli, nangang);
    await registerTrainees(daoli, 2);
    const period = (await daoli.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF)!;
    await callProcedure(daoli.context, 'dispatch.submit', { periodId: period.id });
    ids.shortCode = (await callProcedure<{ code: string }>(daoli.context, 'dispatch.shortCode', { periodId: period.id })).code;
    const second = (await daoli.context.services.reference.periods()).find((p) => p.cutoffDate === CUTOFF2)!;
    await callProcedure(daoli.context, 'dispatch.submit', { periodId: second.id });
    // One ID number in two counties: a duplicate case to mark.
    const idNumber = nthIdNumber(777, '230104');
    for (const pc of pcs) await pc.context.services.trainees.create(traineeCreateInput.parse(traineeInput({ idNumber })));
    for (const pc of pcs) expect((await sync(pc)).outcome).toBe('done');
    await addStaff(store.db, 'prov', 'province');
    await addStaff(store.db, 'harbin', 'city', '230100');
    tokens.province = await login(server.app, 'prov');
    tokens.city = await login(server.app, 'harbin');
    const harbin = { id: (await store.db('staff_users').where({ name: 'harbin' }).first<{ id: string }>('id'))!.id, name: 'harbin', role: 'city' as const, cityCode: '230100', provinceCode: '230000' };
    const at = new Date('2020-04-20T02:00:00Z');
    expect(await reviewReport(store.db, harbin, { countyCode: '230102', cutoffDate: CUTOFF2, decision: 'accepted', comment: null }, at)).toMatchObject({ ok: true });
    const forceReason = countiesOf('230100').map((c) => c.name).join('、');
    expect(await submitCityReport(store.db, harbin, { cityCode: '230100', cutoffDate: CUTOFF2, note: null, forceReason }, at)).toMatchObject({ ok: true });
    const reports = await store.db('county_records').where({ entity: 'dispatch_report', county_code: '230102' }).select<Array<{ id: string; payload: string }>>('id', 'payload');
    const reportId = reports.find((r) => (JSON.parse(r.payload) as { cutoffDate: string }).cutoffDate === CUTOFF2)!.id;
    const request = await requestCorrection(store.db, '230102', CUTOFF2, { reportId });
    expect(request.outcome.status).toBe('applied');
    ids.correction = request.id;
    ids.caseKey = ((await call('duplicates.list', {}, tokens.province)).json!.data as { cases: Array<{ caseKey: string }> }).cases[0]!.caseKey;
    const added = await call('platforms.save', { body: { name: '待删除平台', url: null, level: 'province' } }, tokens.province);
    ids.platform = (added.json!.data as { id: string }).id;
    const periods = ((await call('periods.list', {}, tokens.province)).json!.data as { periods: Array<Record<string, unknown>> }).periods;
    await registerTrainees(nangang, 1, { region: '230103' });
    carriedFile = (await exportUnsent(nangang.context.db)).bytes;
    ids.calendar = JSON.stringify(periods.map(({ seq, startDate, cutoffDate, dueDate }) => ({ seq, startDate, cutoffDate, dueDate })));
  });

  afterAll(async () => {
    for (const pc of pcs) await pc.dispose();
    await server.close();
    await store.dispose();
  });

  describe.each(STAFF_ROUTE_NAMES.map((name) => [name]))('%s', (name) => {
    const def: StaffRouteDef = staffContract[name];
    const good = () => goodInputs[name]() as Input;
    const refusedRoles = def.roles.length ? STAFF_ROLES.filter((r) => !def.roles.includes(r)) : [];
    const parts = (['params', 'query', 'body'] as const).filter((p) => def[p] !== undefined);

    it.runIf(def.roles.length > 0)('refuses a request without a session, or with a made-up one (401)', async () => {
      for (const token of [null, 'not-a-session-token-at-all-0123456789']) {
        const answer = await call(name, good(), token);
        expect(answer.status).toBe(401);
        expect(answer.json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      }
    });

    it.runIf(refusedRoles.length > 0)(`refuses the roles it does not allow (${refusedRoles.join(', ') || 'none'}): 403`, async () => {
      for (const role of refusedRoles) {
        const answer = await call(name, good(), tokens[role]);
        expect(answer.status, role).toBe(403);
        expect(answer.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(answer.json!.error!.message).toMatch(CHINESE);
      }
    });

    it.runIf(def.cityScope !== null)('refuses a city account naming another city (403)', async () => {
      const answer = await call(name, otherCity(def, good()), tokens.city);
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权查看或处理其他地市的数据' } });
    });

    it.runIf(parts.length > 0)(`refuses bad ${parts.join(', ') || 'input'} with 400 VALIDATION, in Chinese`, async () => {
      const token = await tokenFor(name, def, { good: false });
      for (const part of parts) {
        const answer = await call(name, spoilt(def, good(), part), token);
        expect(answer.status, part).toBe(400);
        expect(answer.json, part).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        expect(answer.json!.error!.message).toMatch(CHINESE);
        const fields = answer.json!.error!.details?.fields ?? [];
        expect(fields.length, part).toBeGreaterThan(0);
        for (const field of fields) expect(field.message, part).toMatch(CHINESE);
      }
    });

    it('answers a good call with what the contract declares', async () => {
      walked.add(name);
      const token = await tokenFor(name, def, { good: true });
      const answer = await call(name, good(), token);
      expect(answer.status, answer.response.body.slice(0, 300)).toBe(200);
      if (def.file) {
        expect(answer.response.headers['content-type']).toContain(def.file === 'xlsx' ? XLSX_TYPE : 'application/pdf');
        expect(answer.response.headers['content-disposition']).toContain("filename*=UTF-8''");
        expect(answer.response.rawPayload.subarray(0, def.file === 'xlsx' ? 2 : 4).toString()).toBe(def.file === 'xlsx' ? 'PK' : '%PDF');
      } else {
        expect(answer.json).toMatchObject({ ok: true });
        const parsed = def.answer!.safeParse(answer.json!.data);
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      }
    });
  });

  it('walked every entry of the table, each registered on the server at its declared method and path', () => {
    expect([...walked].sort()).toEqual(Object.keys(staffContract).sort());
    for (const name of STAFF_ROUTE_NAMES) {
      const def: StaffRouteDef = staffContract[name];
      expect(server.app.hasRoute({ method: def.method, url: `${STAFF_API_PREFIX}${def.path}` }), name).toBe(true);
    }
  });
});

describe('the staff contract table', () => {
  it('names routes domain.verb, one per method and path, and invalidates only JSON queries of the table', () => {
    const routes = STAFF_ROUTE_NAMES.map((name) => `${staffContract[name].method} ${staffContract[name].path}`);
    expect(new Set(routes).size).toBe(routes.length);
    for (const name of STAFF_ROUTE_NAMES) {
      const def: StaffRouteDef = staffContract[name];
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(def.file === null).toBe(def.answer !== null);
      for (const target of def.invalidates) expect(staffContract[target as StaffRouteName], `${name} → ${target}`).toMatchObject({ method: 'GET', file: null });
      if (def.method !== 'GET' && def.roles.length > 0 && !name.startsWith('auth.')) expect(def.invalidates.length, `${name} changes data: say which`).toBeGreaterThan(0);
    }
  });

  it('fills path parameters encoded and leaves out empty query values', () => {
    expect(staffUrl('reports.review', { params: { county: '230102', period: CUTOFF, decision: 'accept' } })).toBe(`/api/v1/staff/reports/230102/${CUTOFF}/accept`);
    expect(staffUrl('duplicates.markReviewed', { params: { caseKey: 'a/b' } })).toBe('/api/v1/staff/duplicates/a%2Fb/reviewed');
    expect(staffUrl('board.get', { query: { period: CUTOFF, city: undefined } })).toBe(`/api/v1/staff/board?period=${CUTOFF}`);
    expect(() => staffUrl('platforms.remove', {})).toThrow(/id missing/);
  });
});
