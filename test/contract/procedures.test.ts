/**
 * Every procedure of the contract, through the router and over HTTP: a good call answers data that
 * matches the output schema; bad input answers a VALIDATION error value and writes nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract, PROCEDURE_NAMES, type ProcedureName } from '../../src-shared/contract';
import type { RpcResult } from '../../src-shared/result';
import { silentLogger } from '../../src-node/logger';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { openTempApp, TEST_PIN, traineeInput, unlockAsLastOperator, validIdNumber, type TempApp } from '../support/temp-app';
import { createTestServerDb, type TestServerDb } from '../support/server-db';
import { issueCode, startTestServer, type TestServer } from '../support/sync-harness';
import { signedEmptyReceipt, testKeyring } from '../support/carried';
import type { ProvinceKeyring } from '../../src-server/keys/province-keyring';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { normaliseCode, receiptCodeFor } from '../../src-shared/report-code';
import { reportCodeMac } from '../../src-node/report-code-mac';

/** A short-code key as the enrolment would have brought it (this PC enrols only later in the table). */
const REPORT_CODE_KEY = Buffer.alloc(32, 5);

let app: TempApp;
let host: WebHost;
let syncStore: TestServerDb;
let syncServer: TestServer;
let keys: ProvinceKeyring;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await openTempApp();
  host = await startWebHost({ context: app.context, rendererDir: '/nonexistent', port: 0, token: 'test-token', logger: silentLogger });
  const platforms = await app.context.services.platforms.list();
  ids.platform = platforms[0]!.id;
  const created = await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19800101', 7) }));
  ids.trainee = (created as { data: { id: string } }).data.id;
  const deletable = await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19800101', 9) }));
  ids.deletable = (deletable as { data: { id: string } }).data.id;
  ids.operator = (await app.context.services.settings.listOperators())[0]!.id;
  ids.backupFile = (await app.context.services.backups.create()).fileId;
  const periods = await app.context.services.reference.periods();
  ids.period = periods[0]!.id;
  ids.submittedPeriod = periods[1]!.id;
  // An accepted report (locked) to ask a correction of, for a period before every record here so the lock refuses
  // none of the other procedures' writes.
  ids.acceptedPeriod = '0190a000-0000-7000-8000-000000000001';
  const zero = { registeredTrainees: 0, trainingPersonTimes: 0, provincePlatforms: 0, cityPlatforms: 0, nationalPlatforms: 0 };
  await app.context.db('periods').insert({ id: ids.acceptedPeriod, seq: 0, start_date: '2020-03-20', cutoff_date: '2020-03-31', due_date: '2020-04-01', source: 'local', updated_at: new Date().toISOString() });
  await app.context.db('dispatch_reports').insert({ id: '0190a000-0000-7000-8000-000000000002', period_id: ids.acceptedPeriod, status: 'accepted', computed: JSON.stringify({ figures: zero, nationalPlatformNames: [], computedAt: '2020-03-31T16:00:00.000Z' }), adjustments: '[]', submitted_at: '2020-04-01T01:00:00.000Z', updated_at: '2020-04-01T01:00:00.000Z' });
  const csv = (n: number) => Buffer.from(`姓名,身份证号,手机,人员类别,户籍,注册日期\n王六,${validIdNumber('19800101', n)},13800138000,失业人员,农村,2020-04-01\n`);
  ids.file = (await app.context.services.files.put(csv(11), 'a.csv')).fileId;
  ids.job = (await app.context.services.imports.dryRun({ fileId: ids.file, kind: 'trainees' })).job.id;
  ids.job2 = (await app.context.services.imports.dryRun({ fileId: (await app.context.services.files.put(csv(13), 'b.csv')).fileId, kind: 'trainees' })).job.id;
  syncStore = await createTestServerDb('sqlite');
  keys = testKeyring();
  syncServer = await startTestServer(syncStore.db, { keys });
  ids.serverUrl = syncServer.url;
  ids.enrolCode = await issueCode(syncStore.db, '230102');
  ids.rejection = 'rejected-op-1';
  await app.context.db('sync_rejections').insert({ op_id: ids.rejection, entity: 'trainee', entity_id: ids.trainee, code: 'VALIDATION', message: '测试', at: new Date().toISOString() });
});

afterAll(async () => {
  await host.close();
  await app.dispose();
  await syncServer.close();
  await syncStore.dispose();
});

/** A valid input for each procedure: the Record type makes a new procedure without a sample a type error. */
const goodInputs: Record<ProcedureName, () => unknown> = {
  'app.info': () => ({}),
  'status.get': () => ({}),
  'setup.init': () => ({ countyCode: '230102', operatorName: '张三' }),
  'settings.get': () => ({}),
  'settings.set': () => ({ contactPhone: '0451-82345678' }),
  'operators.list': () => ({}),
  'operators.create': () => ({ name: '李会计' }),
  // operators.create (earlier in the table) added 李会计 without a PIN: the first-use step sets it and logs them in.
  'session.state': () => ({}),
  'session.login': () => ({ operatorId: ids.operator, pin: TEST_PIN }),
  'session.setPin': () => ({ operatorId: ids.newOperator, pin: TEST_PIN }),
  'session.lock': () => ({}),
  'session.touch': () => ({}),
  'session.changePin': () => ({ current: TEST_PIN, next: TEST_PIN }),
  // 王出纳 (added just before, with a PIN) is the one reset: the operators logged in so far keep theirs.
  'session.resetPinWithCode': () => ({ operatorId: ids.resetOperator, code: app.context.newRecoveryCode }),
  'operators.resetPin': () => ({ operatorId: ids.resetOperator, myPin: TEST_PIN }),
  'units.list': () => ({ parentCode: '230100' }),
  'trainees.create': () => traineeInput({ idNumber: validIdNumber('19950505', 21), platformId: ids.platform }),
  'trainees.get': () => ({ id: ids.trainee }),
  'trainees.update': () => ({ id: ids.trainee, patch: { name: '李四光' } }),
  'trainees.delete': () => ({ id: ids.deletable, reason: '登记错误' }),
  'trainees.list': () => ({ query: '李', page: 1, pageSize: 10 }),
  'trainees.lookup': () => ({ idNumber: validIdNumber('19800101', 7) }),
  'trainees.reveal': () => ({ id: ids.trainee, field: 'idNumber' }),
  'trainees.history': () => ({ id: ids.trainee }),
  'enrolments.createMany': () => ({ traineeIds: [ids.trainee], course: { platformId: ids.platform, courseName: '家政服务', startDate: '2020-04-05', endDate: null, hours: 8, signedIn: false } }),
  'enrolments.create': () => ({ traineeId: ids.trainee, platformId: ids.platform, courseName: '养老护理基础', startDate: '2020-04-03', endDate: '2020-04-20', hours: 16, signedIn: true, learningRecord: '已完成 8 课时', testResult: '合格' }),
  'enrolments.list': () => ({ traineeId: ids.trainee }),
  'platforms.list': () => ({}),
  'platforms.create': () => ({ name: '县级就业培训在线', url: 'https://example.org', level: 'city' }),
  'platforms.adopt': () => ({ platformId: ids.platform, adopted: true, inLocalDirectory: true }),
  'backup.create': () => ({}),
  'backup.restore': () => ({ fileId: ids.backupFile }),
  'occupations.list': () => ({}),
  'periods.list': () => ({}),
  'dispatch.list': () => ({}),
  'dispatch.get': () => ({ periodId: ids.period }),
  'dispatch.adjust': () => ({ periodId: ids.period, figure: 'trainingPersonTimes', value: 120, reason: '平台报送培训总人次' }),
  'dispatch.submit': () => ({ periodId: ids.submittedPeriod }),
  'dispatch.requestCorrection': () => ({ periodId: ids.acceptedPeriod, what: '实名注册学员人次数由 0 改为 1', why: '漏录一名学员' }),
  'dispatch.shortCode': () => ({ periodId: ids.submittedPeriod }),
  'dispatch.confirmReceipt': () => ({ periodId: ids.submittedPeriod, receipt: ids.codeReceipt! }),
  'table.render': () => ({ periodId: ids.period }),
  'table.export': () => ({ target: { cutoffDate: '2020-05-01' }, format: 'xlsx' }),
  'sync.run': () => ({}),
  'sync.status': () => ({}),
  'sync.enrol': () => ({ serverUrl: ids.serverUrl, code: ids.enrolCode }),
  'sync.discard': () => ({ opId: ids.rejection }),
  'sync.exportUnsent': () => ({}),
  'sync.importReceipt': () => ({ fileId: ids.receipt! }),
  'import.dryRun': () => ({ fileId: ids.file, kind: 'trainees', mapping: { '7': null } }),
  'import.commit': () => ({ jobId: ids.job }),
  'import.cancel': () => ({ jobId: ids.job2 }),
  'import.report': () => ({ jobId: ids.job2 }),
  'import.template': () => ({ kind: 'enrolments' }),
  'importChoices.list': () => ({}),
  'importChoices.set': () => ({ field: 'platform', value: '学习强国', action: 'empty' }),
  'importChoices.forget': () => ({ field: 'platform', value: '学习强国' }),
  'export.create': () => ({ kind: 'trainees' }),
};

async function overHttp(name: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: RpcResult }> {
  const response = await fetch(`${new URL(host.url).origin}/rpc/${name}`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RpcResult };
}

describe.each(PROCEDURE_NAMES.map((name) => [name]))('%s', (name) => {
  // A receipt must name the PC as enrolled by then (sync.enrol runs earlier in the table).
  beforeEach(async () => {
    if (name === 'dispatch.shortCode') await new SettingsRepository(app.context.db).set('reportCodeKey', REPORT_CODE_KEY.toString('base64url'));
    if (name === 'dispatch.confirmReceipt') {
      const shown = await app.context.services.reportCodes.shortCode(ids.submittedPeriod!);
      ids.codeReceipt = shown.available ? receiptCodeFor(normaliseCode(shown.code), reportCodeMac(REPORT_CODE_KEY)) : 'none';
    }
    if (name === 'session.setPin') ids.newOperator = (await app.context.services.settings.listOperators()).find((o) => o.name === '李会计')!.id;
    if (name === 'session.resetPinWithCode' && !ids.resetOperator) {
      const created = await app.context.services.settings.createOperator('王出纳');
      ids.resetOperator = created.id;
      await app.context.db('operator_credentials').insert({ operator_id: created.id, pin_hash: 'not-a-real-hash', pin_set_at: new Date().toISOString(), failed_count: 0, locked_until: null });
    }
    if (name === 'sync.importReceipt') ids.receipt = (await app.context.services.files.put(await signedEmptyReceipt(app, keys), 'r.sdreceipt')).fileId;
  });
  // session.lock locks the PC for every procedure after it: the clerk logs in again.
  afterEach(async () => {
    if (name === 'session.lock') await unlockAsLastOperator(app.context);
  });
  it('answers data matching its output schema, through the router and over HTTP', async () => {
    const changed: string[] = [];
    const stop = app.context.onEvent((event) => {
      if (event.type === 'data.changed') changed.push(event.payload.entity);
    });
    const viaRouter = await app.context.invoke(name, goodInputs[name]());
    stop();
    expect(viaRouter, JSON.stringify(viaRouter)).toMatchObject({ ok: true });
    // The UI refetches exactly what the entry declares it changes, and nothing for a read. A finished
    // import announces its own kind (trainees or training records), which no entry can declare.
    const declared = contract[name].changes;
    expect(changed).toEqual(declared ? [declared] : name === 'import.commit' ? ['trainee'] : []);
    expect(contract[name].output.safeParse((viaRouter as { data: unknown }).data).success).toBe(true);
    const repeatable = !['trainees.create', 'trainees.delete', 'operators.create', 'platforms.create', 'dispatch.submit', 'dispatch.requestCorrection', 'import.commit', 'sync.enrol', 'sync.discard', 'session.setPin'].includes(name);
    if (repeatable) {
      const viaHttp = await overHttp(name, goodInputs[name]());
      expect(viaHttp.status).toBe(200);
      expect(viaHttp.body.ok).toBe(true);
    }
  });

  it('refuses input of the wrong type with a VALIDATION error value', async () => {
    const result = await app.context.invoke(name, 'not an object');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const viaHttp = await overHttp(name, [1, 2, 3]);
    expect(viaHttp.status).toBe(400);
    expect(viaHttp.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('bad input over HTTP', () => {
  it('names the field and says what is wrong, in Chinese, and writes nothing', async () => {
    const before = await app.context.db('outbox').count<{ n: number }[]>({ n: '*' });
    const { status, body } = await overHttp('trainees.create', traineeInput({ idNumber: '230102199002301234', phone: '12345', name: 42 }));
    expect(status).toBe(400);
    if (body.ok) throw new Error('expected failure');
    const fields = (body.error.details as { fields: Array<{ field: string; message: string }> }).fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['idNumber', 'name', 'phone']);
    expect(fields.find((f) => f.field === 'idNumber')!.message).toMatch(/出生日期/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await app.context.db('outbox').count<{ n: number }[]>({ n: '*' })).toEqual(before);
  });

  it('answers an unknown procedure with UNKNOWN_PROCEDURE', async () => {
    expect(await overHttp('trainees.drop', {})).toMatchObject({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_PROCEDURE' } } });
    expect(await app.context.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await app.context.invoke('constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
  });

  it('refuses a missing or wrong token', async () => {
    expect(await overHttp('status.get', {}, { authorization: '' })).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    expect(await overHttp('status.get', {}, { authorization: 'Bearer wrong-token' })).toMatchObject({ status: 401 });
    const listing = await fetch(`${new URL(host.url).origin}/rpc`);
    expect(listing.status).toBe(401);
  });

  it('refuses an oversized body with PAYLOAD_TOO_LARGE and malformed JSON with VALIDATION', async () => {
    const huge = JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) });
    expect(await overHttp('trainees.list', huge)).toMatchObject({ status: 413, body: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await overHttp('trainees.list', '{"query": ')).toMatchObject({ status: 400, body: { ok: false, error: { code: 'VALIDATION' } } });
  });

  it('lists every procedure with JSON Schemas of its input and output', async () => {
    const response = await fetch(`${new URL(host.url).origin}/rpc`, { headers: { authorization: 'Bearer test-token' } });
    const body = (await response.json()) as { ok: true; data: Array<{ name: string; input: { type?: string }; output: unknown }> };
    expect(body.data.map((p) => p.name).sort()).toEqual([...PROCEDURE_NAMES].sort());
    const create = body.data.find((p) => p.name === 'trainees.create')!;
    expect(create.input).toMatchObject({ type: 'object', properties: { idNumber: {}, name: {}, phone: {} } });
  });

  it('pushes data.changed events to browser clients', async () => {
    const controller = new AbortController();
    const response = await fetch(`${new URL(host.url).origin}/events?token=test-token`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    await app.context.invoke('platforms.adopt', { platformId: ids.platform, adopted: false });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"type":"data.changed"');
    controller.abort();
  });
});
