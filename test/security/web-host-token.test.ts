/**
 * Issue #18, item 1: the browser-mode host's token check was a prefix test on the raw URL while the router decodes
 * it, so `/%72pc/trainees.list` reached every procedure without a token. Every spelling of a guarded path must be
 * refused or unknown, never answered with data; and a route nobody declared answers nothing.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-node/logger';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { rawRequest, tempRendererDir } from '../support/raw-http';
import { openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

const TOKEN = 'security-test-token';
const ID_NUMBER = validIdNumber('19800101', 7);
let app: TempApp;
let renderer: { dir: string; dispose(): void };
let host: WebHost;
let port: number;
let backupFileId: string;

beforeAll(async () => {
  app = await openTempApp();
  renderer = tempRendererDir();
  host = await startWebHost({ context: app.context, rendererDir: renderer.dir, port: 0, token: TOKEN, logger: silentLogger });
  port = Number(new URL(host.url).port);
  await app.context.invoke('trainees.create', traineeInput({ idNumber: ID_NUMBER }));
  backupFileId = (await app.context.services.backups.create()).fileId;
});

afterAll(async () => {
  await host.close();
  await app.dispose();
  renderer.dispose();
});

const rpcSpellings = [
  '/%72pc/trainees.list',
  '/%72%70%63/trainees.list',
  '/r%70c/trainees.list',
  '/%52PC/trainees.list',
  '/RPC/trainees.list',
  '/Rpc/trainees.list',
  '//rpc/trainees.list',
  '/./rpc/trainees.list',
  '/rpc/../rpc/trainees.list',
  '/x/../rpc/trainees.list',
  '/rpc%2ftrainees.list',
  '/rpc%2Ftrainees.list',
  '/rpc/trainees.list%00',
  '/rpc/%74rainees.list',
  '/rpc/trainees.list?token=',
];

/** A refusal or an unknown path, and nothing of the store in the body. */
function expectNothingServed(answer: { status: number; body: string }): void {
  expect([401, 403, 404]).toContain(answer.status);
  expect(answer.body).not.toContain(ID_NUMBER);
  expect(answer.body).not.toContain('"ok":true');
}

describe('the token guard cannot be walked round by spelling the path differently', () => {
  it('answers the plain path with the token, and refuses it without (the control)', async () => {
    const body = JSON.stringify({ query: '', page: 1, pageSize: 10 });
    const headers = { 'content-type': 'application/json' };
    const withToken = await rawRequest({ port, method: 'POST', path: '/rpc/trainees.list', headers: { ...headers, authorization: `Bearer ${TOKEN}` }, body });
    expect(withToken.status).toBe(200);
    expect(withToken.body).toContain('"ok":true');
    expectNothingServed(await rawRequest({ port, method: 'POST', path: '/rpc/trainees.list', headers, body }));
  });

  it.each(rpcSpellings)('POST %s without the token reaches no procedure', async (spelling) => {
    const body = JSON.stringify({ query: '', page: 1, pageSize: 10 });
    expectNothingServed(await rawRequest({ port, method: 'POST', path: spelling, headers: { 'content-type': 'application/json' }, body }));
  });

  it.each(['/%72pc/trainees.reveal', '/%72pc/sync.enrol', '/%72pc/backup.create', '/%72pc/trainees.lookup'])('POST %s without the token is refused', async (spelling) => {
    const body = JSON.stringify({ idNumber: ID_NUMBER, serverUrl: 'https://evil.example', code: 'AAAA-BBBB-CCCC' });
    expectNothingServed(await rawRequest({ port, method: 'POST', path: spelling, headers: { 'content-type': 'application/json' }, body }));
  });

  it.each(['/%72pc', '/%72pc/', '/RPC', '//rpc'])('GET %s (the catalogue) without the token is refused', async (spelling) => {
    const answer = await rawRequest({ port, path: spelling });
    expectNothingServed(answer);
    expect(answer.body).not.toContain('trainees.list');
  });

  it.each(['/%65vents', '/%65%76%65%6e%74%73', '/EVENTS', '//events', '/x/../events'])('GET %s without the token opens no event stream', async (spelling) => {
    const answer = await rawRequest({ port, path: spelling, headersOnly: true });
    expect([401, 403, 404]).toContain(answer.status);
    expect(answer.headers['content-type'] ?? '').not.toContain('text/event-stream');
  });

  it.each(['/%75pload?name=a.csv', '/%75%70%6c%6f%61%64?name=a.csv', '/UPLOAD?name=a.csv', '//upload?name=a.csv'])('POST %s without the token stores no file', async (spelling) => {
    const transfers = `${app.dir}/transfers`;
    const before = fs.existsSync(transfers) ? fs.readdirSync(transfers).length : 0;
    const answer = await rawRequest({ port, method: 'POST', path: spelling, headers: { 'content-type': 'application/octet-stream' }, body: 'planted' });
    expectNothingServed(answer);
    expect(fs.existsSync(transfers) ? fs.readdirSync(transfers).length : 0).toBe(before);
  });

  it.each(['/%64ownload/', '/%64%6f%77%6e%6c%6f%61%64/', '/DOWNLOAD/', '//download/', '/x/../download/'])('GET %s<backup> without the token sends no backup', async (prefix) => {
    const answer = await rawRequest({ port, path: `${prefix}${encodeURIComponent(backupFileId)}` });
    expectNothingServed(answer);
    expect(answer.headers['content-disposition']).toBeUndefined();
    const head = await rawRequest({ port, method: 'HEAD', path: `${prefix}${encodeURIComponent(backupFileId)}` });
    expect([401, 403, 404]).toContain(head.status);
  });

  it('answers a route nobody declared with an error value and no data', async () => {
    for (const [method, path] of [['GET', '/nothing-here'], ['POST', '/nothing-here'], ['DELETE', '/rpc/trainees.list'], ['PUT', '/upload']] as const) {
      const answer = await rawRequest({ port, method, path, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});
