/**
 * Issue #18, item 1 (DNS rebinding): a page on evil.example whose name resolves to 127.0.0.1 talks to the host as
 * a same-origin page of its own, so the host must answer only requests addressed to it by its loopback name, and
 * only pages of its own origin. Every route is checked, the static UI included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-node/logger';
import { allowedHosts } from '../../src-main/web-guards';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { rawRequest, tempRendererDir } from '../support/raw-http';
import { openTempApp, type TempApp } from '../support/temp-app';

const TOKEN = 'origin-test-token';
let app: TempApp;
let renderer: { dir: string; dispose(): void };
let host: WebHost;
let port: number;

beforeAll(async () => {
  app = await openTempApp();
  renderer = tempRendererDir();
  host = await startWebHost({ context: app.context, rendererDir: renderer.dir, port: 0, token: TOKEN, logger: silentLogger });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host.close();
  await app.dispose();
  renderer.dispose();
});

const auth = () => ({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
const routes = () => [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/index.html' },
  { method: 'GET', path: '/rpc' },
  { method: 'POST', path: '/rpc/status.get', body: '{}' },
  { method: 'GET', path: `/events?token=${TOKEN}` },
  { method: 'GET', path: '/download/nothing' },
  { method: 'GET', path: '/no-such-page' },
];

function expectForbidden(answer: { status: number; body: string }): void {
  expect(answer.status).toBe(403);
  const body = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
  expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('Host header allow-list', () => {
  it('answers 127.0.0.1:<port> and localhost:<port> (the control)', async () => {
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const page = await rawRequest({ port, path: '/', headers: { host: name } });
      expect(page.status, name).toBe(200);
      const rpc = await rawRequest({ port, method: 'POST', path: '/rpc/status.get', headers: { ...auth(), host: name }, body: '{}' });
      expect(rpc.status, name).toBe(200);
    }
  });

  const foreignHosts = () => ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `0.0.0.0:${port}`, `[::1]:${port}`, `127.0.0.2:${port}`];

  it('refuses every route, static files included, for a foreign Host (even with the token)', async () => {
    for (const hostHeader of foreignHosts()) {
      for (const route of routes()) {
        const answer = await rawRequest({ port, method: route.method, path: route.path, headers: { ...auth(), host: hostHeader }, body: route.body, headersOnly: route.path.startsWith('/events') });
        expect(answer.status, `${hostHeader} ${route.method} ${route.path}`).toBe(403);
      }
      expectForbidden(await rawRequest({ port, method: 'POST', path: '/rpc/status.get', headers: { ...auth(), host: hostHeader }, body: '{}' }));
    }
  });
});

describe('Origin check', () => {
  it('answers our own origin and requests without an Origin (the control)', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const answer = await rawRequest({ port, method: 'POST', path: '/rpc/status.get', headers: { ...auth(), origin }, body: '{}' });
      expect(answer.status, origin).toBe(200);
    }
    expect((await rawRequest({ port, method: 'POST', path: '/rpc/status.get', headers: auth(), body: '{}' })).status).toBe(200);
  });

  // PORT stands for the host's own port, known only once it listens.
  it.each(['http://evil.example', 'http://evil.example:PORT', 'null', 'https://127.0.0.1:PORT', 'http://127.0.0.1:1', 'http://localhost.evil.example:PORT', 'http://127.0.0.1:PORT.evil.example'])(
    'refuses Origin %s on every route, even with the token and a good Host',
    async (template) => {
      const origin = template.replace('PORT', String(port));
      for (const route of routes()) {
        const answer = await rawRequest({ port, method: route.method, path: route.path, headers: { ...auth(), origin }, body: route.body, headersOnly: route.path.startsWith('/events') });
        expect(answer.status, `${origin} ${route.method} ${route.path}`).toBe(403);
      }
      expectForbidden(await rawRequest({ port, method: 'POST', path: '/rpc/status.get', headers: { ...auth(), origin }, body: '{}' }));
    },
  );
});

describe('the names a host answers to, by bound address', () => {
  it('adds [::1] only when bound there, and an explicit non-loopback --host', () => {
    expect([...allowedHosts('127.0.0.1', 5170)].sort()).toEqual(['127.0.0.1:5170', 'localhost:5170']);
    expect([...allowedHosts('localhost', 5170)].sort()).toEqual(['127.0.0.1:5170', 'localhost:5170']);
    expect([...allowedHosts('::1', 5170)].sort()).toEqual(['127.0.0.1:5170', '[::1]:5170', 'localhost:5170']);
    expect([...allowedHosts('192.168.1.20', 5170)].sort()).toEqual(['127.0.0.1:5170', '192.168.1.20:5170', 'localhost:5170']);
  });

  it('answers [::1]:<port> and its origin when bound to ::1, and still nothing foreign', async (context) => {
    let v6: WebHost;
    try {
      v6 = await startWebHost({ context: app.context, rendererDir: renderer.dir, host: '::1', port: 0, token: TOKEN, logger: silentLogger });
    } catch {
      context.skip(); // no IPv6 loopback on this machine
      return;
    }
    try {
      const v6Port = Number(new URL(v6.url).port);
      const ask = (hostHeader: string, origin?: string) =>
        rawRequest({ port: v6Port, address: '::1', method: 'POST', path: '/rpc/status.get', headers: { ...auth(), host: hostHeader, ...(origin ? { origin } : {}) }, body: '{}' });
      expect((await ask(`[::1]:${v6Port}`)).status).toBe(200);
      expect((await ask(`[::1]:${v6Port}`, `http://[::1]:${v6Port}`)).status).toBe(200);
      expect((await ask(`evil.example:${v6Port}`)).status).toBe(403);
      expect((await ask(`[::1]:${v6Port}`, 'http://evil.example')).status).toBe(403);
    } finally {
      await v6.close();
    }
  });
});
