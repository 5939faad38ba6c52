/**
 * Issue #18, item 7: a request body that trickles in (one byte a second) held its connection for ever. The host
 * cuts a request that has not fully arrived within its request timeout, while the long-lived /events stream, whose
 * request is complete at once, stays open past every timeout.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-node/logger';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { openTempApp, type TempApp } from '../support/temp-app';

const TOKEN = 'timeout-test-token';
// Short for the test; production uses the defaults of web-host.ts (the same code path, other numbers).
const TIMEOUTS = { requestMs: 1_500, connectionMs: 1_500, checkIntervalMs: 250 };
const DECLARED_BODY_BYTES = 40;
/** Bytes trickled before giving up: far more seconds than the timeouts above, far fewer than the declared body. */
const TRICKLE_LIMIT = 12;

let app: TempApp;
let host: WebHost;
let port: number;

beforeAll(async () => {
  app = await openTempApp();
  host = await startWebHost({ context: app.context, rendererDir: '/nonexistent', port: 0, token: TOKEN, logger: silentLogger, timeouts: TIMEOUTS });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host.close();
  await app.dispose();
});

interface Trickled {
  bytesSent: number;
  answer: string;
  closedByServer: boolean;
}

/** Sends the headers, then one byte of body a second until the server answers or closes, or the limit is reached. */
function trickle(): Promise<Trickled> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let bytesSent = 0;
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ bytesSent, answer, closedByServer });
    };
    socket.on('connect', () => {
      socket.write(
        `POST /rpc/trainees.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${DECLARED_BODY_BYTES}\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (bytesSent >= TRICKLE_LIMIT) return finish(false);
        socket.write(bytesSent === 0 ? '{' : ' ');
        bytesSent += 1;
      }, 1_000);
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

describe('web host timeouts', () => {
  it('cuts off a request body that trickles in one byte a second', async () => {
    const result = await trickle();
    expect(result.closedByServer, `server still reading after ${result.bytesSent} bytes`).toBe(true);
    expect(result.bytesSent).toBeLessThan(TRICKLE_LIMIT);
    expect(result.answer === '' || result.answer.startsWith('HTTP/1.1 408')).toBe(true);
  }, 30_000);

  it('keeps the /events stream open past the timeouts and still delivers events', async () => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('close', () => (closed = true));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /events?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
    // Silence on the stream for three times the longest timeout: a socket timeout would have closed it by now.
    await new Promise((resolve) => setTimeout(resolve, 3 * Math.max(TIMEOUTS.requestMs, TIMEOUTS.connectionMs)));
    expect(closed).toBe(false);
    expect(received).toContain('200 OK');
    await app.context.invoke('operators.create', { name: '王会计' });
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (received.includes('data: ')) {
          clearInterval(check);
          resolve();
        } else if (closed) {
          clearInterval(check);
          reject(new Error('the event stream was closed'));
        }
      }, 50);
    });
    expect(closed).toBe(false);
    socket.destroy();
  }, 30_000);
});
