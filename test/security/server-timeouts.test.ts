/**
 * Issue #18, item 7: request headers or bodies that trickle in held a socket of the provincial server
 * forever. A raw socket against a real listening server trickles one byte at a time; the server must
 * close it once the (shortened) request or headers time has passed, long before the request is
 * complete. The production limits are checked against the largest honest push on a 1 Mbit/s line.
 */
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServerApp, DEFAULT_BODY_LIMIT } from '../../src-server/app';
import { createTestServerDb, describeEachServerDb, type TestServerDb } from '../support/server-db';

/** Long enough that a trickle never completes the request by itself. */
const DECLARED_LENGTH = 100_000;
/** Only a guard so a server that never closes fails the test instead of hanging it; not a timing assertion. */
const GUARD_MS = 20_000;

interface Trickle {
  closed: boolean;
  sent: number;
  response: string;
}

/** Sends `head`, then one byte of `drip` every 50 ms until the server closes the socket (or the guard). */
async function trickle(port: number, head: string, drip: string): Promise<Trickle> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let response = '';
  let sent = 0;
  socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  if (head) socket.write(head);
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(drip[sent % drip.length]!);
    sent += 1;
  }, 50);
  let guard: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    once(socket, 'close').then(() => true),
    new Promise<boolean>((resolve) => (guard = setTimeout(() => resolve(false), GUARD_MS))),
  ]);
  clearInterval(timer);
  clearTimeout(guard);
  socket.destroy();
  return { closed, sent, response };
}

describeEachServerDb('server timeouts (issue #18 item 7)', (kind) => {
  let store: TestServerDb;
  let app: ReturnType<typeof buildServerApp>;
  let port: number;

  beforeAll(async () => {
    store = await createTestServerDb(kind);
    app = buildServerApp({ version: 't', db: store.db, rateLimit: false, timeouts: { requestMs: 1_000, headersMs: 1_000, checkIntervalMs: 100 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  it('closes a connection whose body trickles in, with 408, before the body is complete', async () => {
    const head = `POST /api/v1/staff/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${DECLARED_LENGTH}\r\n\r\n`;
    const result = await trickle(port, head, ' ');
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(DECLARED_LENGTH);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection whose headers trickle in', async () => {
    const result = await trickle(port, 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n');
    expect(result.closed).toBe(true);
  });

  it('sets production limits that still let a full-size push through a 1 Mbit/s line', () => {
    const production = buildServerApp({ version: 't', db: store.db, rateLimit: false });
    const server = production.server;
    // The largest body a push may have, at 1 Mbit/s, with 50 % headroom for line and TCP overhead.
    const slowestHonestPushMs = ((DEFAULT_BODY_LIMIT * 8) / 1_000_000) * 1000 * 1.5;
    expect(server.requestTimeout).toBeGreaterThan(slowestHonestPushMs);
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    expect(server.timeout).toBeGreaterThan(0);
    expect(server.keepAliveTimeout).toBeLessThan(server.timeout);
    return production.close();
  });
});
