/**
 * The staff web UI as the server serves it: under /staff/ with its CSP, `/` leading there, a clear
 * answer when the UI was not built; and every staff API answer the UI reads parses with the shared
 * schemas of src-shared/staff-api.ts (the UI's boundary), on the server's real answers after real syncs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { staffUiDir } from '../../src-server/paths';
import { buildServerApp } from '../../src-server/app';
import { STAFF_UI_CSP } from '../../src-server/staff/staff-ui';
import type { PdfPrinter } from '../../src-node/print/pdf';
import {
  boardSchema,
  directoryPlatformSchema,
  directorySchema,
  duplicatesSchema,
  periodsSchema,
  progressSchema,
  reviewAnswerSchema,
  rollupSchema,
  staffErrorSchema,
  staffUserSchema,
  tableHtmlSchema,
} from '../../src-shared/staff-api';
import { loginAnswerSchema } from '../../src-shared/staff-login-api';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';
import { enrolledPc, registerTrainees, startTestServer, sync, type TestServer } from '../support/sync-harness';
import type { TempApp } from '../support/temp-app';
import { addStaff, asStaff, login, STAFF_PASSWORD } from '../support/staff';

describe('staff UI files', () => {
  let store: TestServerDb;
  let uiDir: string;
  beforeAll(async () => {
    store = await createTestServerDb('sqlite');
    uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-staff-ui-'));
    fs.mkdirSync(path.join(uiDir, 'assets'));
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>省市工作台</title>');
    fs.writeFileSync(path.join(uiDir, 'assets', 'index-abc123.js'), 'console.log("省市工作台");\n'.repeat(200));
  });
  afterAll(async () => {
    await store.dispose();
    fs.rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves the UI under /staff/ with its CSP, assets cached for good, the page revalidated', async () => {
    const app = buildServerApp({ version: 'test', db: store.db, rateLimit: false, staffUiDir: uiDir });
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/staff/');
    expect((await app.inject({ method: 'GET', url: '/staff' })).headers.location).toBe('/staff/');
    const page = await app.inject({ method: 'GET', url: '/staff/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('省市工作台');
    expect(page.headers['content-security-policy']).toBe(STAFF_UI_CSP);
    expect(STAFF_UI_CSP).toContain("script-src 'self'");
    expect(STAFF_UI_CSP).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/staff/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-security-policy']).toBe(STAFF_UI_CSP);
    // The bundle crosses the province's network: gzipped for browsers that ask.
    const zipped = await app.inject({ method: 'GET', url: '/staff/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    // Nothing outside the folder.
    expect((await app.inject({ method: 'GET', url: '/staff/../../package.json' })).statusCode).toBe(404);
    // Encoded separators and dots reach the static handler undecoded by the router: it refuses them.
    for (const url of ['/staff/..%2f..%2fpackage.json', '/staff/%2e%2e%2f%2e%2e%2fpackage.json', '/staff/.env']) {
      const response = await app.inject({ method: 'GET', url });
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.body, url).not.toContain('"name": "skills-desk"');
    }
    await app.close();
  });

  it('says how to build the UI when it is missing, and the API still answers', async () => {
    const app = buildServerApp({ version: 'test', db: store.db, rateLimit: false, staffUiDir: path.join(uiDir, 'absent') });
    const page = await app.inject({ method: 'GET', url: '/staff/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    await app.close();
  });

  it('finds the built UI in dist/staff by default', () => {
    expect(staffUiDir()).toBe(path.resolve(__dirname, '..', '..', 'dist', 'staff'));
  });
});

describeEachServerDb('staff API answers parse with the UI schemas', (kind) => {
  let store: TestServerDb;
  let server: TestServer;
  let pcs: TempApp[];
  let token: string;
  const printer: PdfPrinter = { print: async () => Buffer.from('%PDF-1.7 test'), close: async () => undefined };
  const cutoff = '2020-04-10';

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    server = await startTestServer(store.db, { staff: { pdfPrinter: printer } });
    pcs = [await enrolledPc(store.db, server.url, '230102'), await enrolledPc(store.db, server.url, '230103')];
    // The same ID numbers in two counties: cross-county duplicates.
    await registerTrainees(pcs[0]!, 3);
    await registerTrainees(pcs[1]!, 2);
    for (const pc of pcs) {
      const period = (await pc.context.services.reference.periods()).find((p) => p.cutoffDate === cutoff)!;
      const submitted = await pc.context.invoke('dispatch.submit', { periodId: period.id, forceReason: '测试数据，按记录上报' });
      expect(submitted.ok).toBe(true);
      expect((await sync(pc)).outcome).toBe('done');
    }
    await addStaff(store.db, 'prov', 'province');
    const first = await server.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { name: 'prov', password: STAFF_PASSWORD } });
    // The password step's answer parses with the UI's schema; the rest of the login is the helper's.
    expect(loginAnswerSchema.parse(first.json<{ data: unknown }>().data).stage).toBe('enrol');
    token = await login(server.app, 'prov');
  });
  afterAll(async () => {
    for (const pc of pcs) await pc.dispose();
    await server.close();
    await store.dispose();
  });

  async function data<S extends z.ZodType>(schema: S, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object): Promise<z.output<S>> {
    const { status, json } = await asStaff(server.app, token, { method, url, payload });
    expect(status, `${method} ${url}: ${JSON.stringify(json)}`).toBe(200);
    return schema.parse((json as { data: unknown }).data);
  }

  it('parses every answer the UI reads', async () => {
    expect((await data(staffUserSchema, 'GET', '/api/v1/staff/me')).role).toBe('province');
    const board = await data(boardSchema, 'GET', `/api/v1/staff/board?period=${cutoff}`);
    expect(board.rows.find((r) => r.countyCode === '230102')?.status).toBe('late');
    const rollup = await data(rollupSchema, 'GET', `/api/v1/staff/rollup?period=${cutoff}&city=230100`);
    expect(rollup.table.rows.at(-1)?.isTotal).toBe(true);
    expect((await data(tableHtmlSchema, 'GET', `/api/v1/staff/rollup.html?period=${cutoff}&city=230100`)).html).toContain('合计');
    expect((await data(reviewAnswerSchema, 'POST', `/api/v1/staff/reports/230102/${cutoff}/return`, { comment: '请核对' })).status).toBe('returned');
    expect((await data(duplicatesSchema, 'GET', '/api/v1/staff/duplicates')).cases.length).toBeGreaterThan(0);
    const saved = await data(directoryPlatformSchema, 'POST', '/api/v1/staff/platforms', { name: '【测试】龙江技能在线', url: null, level: 'province', cityCode: null });
    expect((await data(directorySchema, 'GET', '/api/v1/staff/platforms')).platforms.map((p) => p.id)).toContain(saved.id);
    const periods = await data(periodsSchema, 'GET', '/api/v1/staff/periods');
    const published = await data(periodsSchema, 'PUT', '/api/v1/staff/periods', { periods: periods.periods.map(({ seq, startDate, cutoffDate, dueDate }) => ({ seq, startDate, cutoffDate, dueDate })) });
    expect(published.periods.every((p) => p.source === 'province')).toBe(true);
    expect((await data(progressSchema, 'GET', '/api/v1/staff/progress')).registered).toBe(5);
  });

  it('parses a refusal as the UI reads it', async () => {
    const { status, json } = await asStaff(server.app, token, { method: 'GET', url: '/api/v1/staff/board?period=2020-13-01' });
    expect(status).toBe(400);
    expect(staffErrorSchema.parse((json as { error: unknown }).error).code).toBe('VALIDATION');
  });
});
