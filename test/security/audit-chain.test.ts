/**
 * Issue #19 item 5 (staff side): every staff action leaves a hash-chained audit row (who, when, from
 * where, what, how it ended), the store refuses to change a row or delete one younger than 180 days,
 * and `server-admin audit verify` (run in-process, as the CLI runs it) finds a row changed behind the
 * triggers' back, a row removed, and a cut-off tail, naming the first break. On SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { serverAdminCommand } from '../../src-server/cli/server-admin-command';
import { verifyAllChains } from '../../src-server/audit/audit-verify';
import { auditRowHash } from '../../src-node/digest';
import { AUDIT_GENESIS_HASH, auditHashInput, canonicalJson } from '../../src-shared/audit-chain';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { addStaff, asStaff, login } from '../support/staff';

it('hashes a canonical encoding: keys sorted at every depth, the fields in a fixed order', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  const record = { chain: 'staff', seq: 1, at: '2020-04-12T02:00:00.000Z', actorKind: 'staff' as const, actor: 'prov', actorRole: 'province', countyCode: null, action: 'login.ok', target: 'prov', outcome: 'ok', detail: { z: 1, a: 2 }, address: '10.0.0.1', prevHash: AUDIT_GENESIS_HASH };
  expect(auditHashInput(record)).toBe(`[1,"staff",1,"2020-04-12T02:00:00.000Z","staff","prov","province",null,"login.ok","prov","ok",{"a":2,"z":1},"10.0.0.1","${AUDIT_GENESIS_HASH}"]`);
  expect(auditRowHash(record)).toMatch(/^[0-9a-f]{64}$/);
  expect(auditRowHash({ ...record, detail: { a: 2, z: 1 } })).toBe(auditRowHash(record));
  expect(auditRowHash({ ...record, outcome: 'UNAUTHORIZED' })).not.toBe(auditRowHash(record));
});

describeEachServerDb('the staff audit trail', (kind) => {
  let store: TestServerDb;
  let app: FastifyInstance;
  let province: string;
  const clock = new Date();

  async function verify(): Promise<{ exit: number; out: string }> {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    try {
      await serverAdminCommand.run(['audit', 'verify', '--db', store.spec]);
      return { exit: 0, out: out.join('') };
    } catch (error) {
      return { exit: (error as { exitCode?: number }).exitCode ?? -1, out: `${out.join('')}${(error as Error).message}` };
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 'test', rateLimit: false, db: store.db, staff: { now: () => clock } });
    await addStaff(store.db, 'prov', 'province');
    await addStaff(store.db, 'harbin', 'city', '230100');
    province = await login(app, 'prov');
    await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'harbin', password: 'wrong-password' }, remoteAddress: '10.9.8.7' });
    await asStaff(app, province, { method: 'POST', url: '/api/v1/staff/reports/230102/2020-04-10/return', payload: { comment: '请补充' } });
    await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/duplicates.xlsx' });
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('records account changes, logins, refusals, reviews and exports with who, from where and the outcome', async () => {
    const rows = (await store.db('audit_log').orderBy('seq')) as Array<Record<string, string | number | null>>;
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.added', 'second_factor.enrolled', 'login.ok', 'login.failed', 'report.reviewed', 'export.duplicates']));
    const failed = rows.find((r) => r.action === 'login.failed')!;
    expect(failed).toMatchObject({ actor: 'harbin', outcome: 'UNAUTHORIZED', address: '10.9.8.7' });
    const review = rows.find((r) => r.action === 'report.reviewed')!;
    expect(review).toMatchObject({ actor: 'prov', actor_role: 'province', county_code: '230102' });
    expect(JSON.parse(String(review.detail))).toMatchObject({ county: '230102', period: '2020-04-10', decision: 'return' });
    // The comment is the review's own data, not the log's; no password ever.
    expect(JSON.stringify(rows)).not.toContain('请补充');
    expect(JSON.stringify(rows)).not.toContain('wrong-password');
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });

  it('shows the 操作日志 to the province only, filtered, and exports it as .xlsx (the export recorded too)', async () => {
    const city = await login(app, 'harbin');
    expect((await asStaff(app, city, { method: 'GET', url: '/api/v1/staff/audit' })).status).toBe(403);
    const today = new Date(clock.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const list = await asStaff(app, province, { method: 'GET', url: `/api/v1/staff/audit?action=login.failed&from=${today}&to=${today}` });
    const data = (list.json as { data: { rows: Array<{ actor: string; action: string }>; total: number } }).data;
    expect(data.total).toBe(1);
    expect(data.rows[0]).toMatchObject({ actor: 'harbin', action: 'login.failed' });
    const byCounty = (await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/audit?county=230100' })).json as { data: { rows: Array<{ countyCode: string }> } };
    expect(byCounty.data.rows.map((r) => r.countyCode)).toEqual(['230102']);
    const byOperator = (await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/audit?operator=HARBIN' })).json as { data: { rows: Array<{ actor: string }> } };
    expect(byOperator.data.rows.length).toBeGreaterThan(1);
    expect(byOperator.data.rows.every((r) => r.actor === 'harbin')).toBe(true);
    const bad = await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/audit?action=drop-table' });
    expect(bad.status).toBe(400);
    const file = await asStaff(app, province, { method: 'GET', url: '/api/v1/staff/audit.xlsx?operator=harbin' });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('操作日志')!;
    expect(sheet.getRow(1).getCell(1).text).toBe('时间（北京时间）');
    expect(sheet.getColumn(4).values.map((v) => (typeof v === 'object' && v && 'richText' in v ? v.richText.map((t) => t.text).join('') : v))).toContain('登录失败');
    expect(await store.db('audit_log').where({ action: 'export.audit', actor: 'prov' }).first()).toBeTruthy();
  });

  it('holds: verify answers ok for every chain', async () => {
    const result = await verify();
    expect(result.exit, result.out).toBe(0);
    expect(result.out).toMatch(/chain staff: ok, \d+ row\(s\)/);
  });

  it('refuses to change a row, or to delete one younger than 180 days', async () => {
    await expect(store.db('audit_log').where({ seq: 2 }).update({ actor: 'someone-else' })).rejects.toThrow(/cannot be changed/);
    await expect(store.db('audit_log').where({ seq: 2 }).delete()).rejects.toThrow(/kept 180 days/);
  });

  it('finds a row changed behind the triggers, naming it; then a removed row; then a cut-off tail', async () => {
    const dropGuards = async () => {
      if (kind === 'postgres') await store.db.raw('DROP TRIGGER IF EXISTS audit_log_guard ON audit_log');
      else {
        await store.db.raw('DROP TRIGGER IF EXISTS audit_log_no_update');
        await store.db.raw('DROP TRIGGER IF EXISTS audit_log_keep');
      }
    };
    await dropGuards();
    const failed = (await store.db('audit_log').where({ action: 'login.failed' }).first()) as { id: string; seq: number; address: string };
    await store.db('audit_log').where({ id: failed.id }).update({ address: '127.0.0.1' });
    let result = await verify();
    expect(result.exit).toBe(1);
    expect(result.out).toContain(`chain staff: BROKEN at row ${failed.seq} (id ${failed.id}): its content does not match its hash`);
    await store.db('audit_log').where({ id: failed.id }).update({ address: failed.address });
    expect((await verify()).exit).toBe(0);

    // A row deleted: the next row's link, or the gap, shows it.
    const victim = (await store.db('audit_log').where({ action: 'report.reviewed' }).first()) as { seq: number };
    const saved = await store.db('audit_log').where({ seq: victim.seq }).first();
    await store.db('audit_log').where({ seq: victim.seq }).delete();
    result = await verify();
    expect(result.exit).toBe(1);
    expect(result.out).toContain(`BROKEN at row ${victim.seq}`);
    await store.db('audit_log').insert(saved);

    // The newest rows cut off: the head still names the last row.
    const last = (await store.db('audit_log').max({ n: 'seq' }).first()) as { n: number };
    await store.db('audit_log').where('seq', '>=', Number(last.n) - 1).delete();
    const reports = await verifyAllChains(store.db);
    expect(reports[0]!.breakAt?.problem).toMatch(/cut off the end/);
  });
});
