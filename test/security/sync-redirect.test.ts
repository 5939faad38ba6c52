/**
 * Attack on issue #18 item 1 ("sync and updates accept only https"): the address rule is checked on the URL the
 * PC was given, but `fetch` follows redirects by default. A server at an accepted https address (or a proxy or a
 * captive portal in front of it) answering 307/308 would have the county's push body (personal data) and its
 * requests re-sent to wherever Location points, plain http to any host included, and the rule never sees that
 * address. Sync requests and the reachability probe must never follow a redirect.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../src-main/core/sync/sync-http';
import { ServerReachability } from '../../src-main/core/sync/server-reachability';

let target: http.Server;
let redirector: http.Server;
let targetUrl = '';
let redirectorUrl = '';
const reachedTarget: string[] = [];

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  // Plays the attacker's host: it must never receive anything.
  target = http.createServer((request, response) => {
    reachedTarget.push(`${request.method} ${request.url} auth=${request.headers.authorization ?? ''}`);
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, data: {} }));
  });
  targetUrl = await listen(target);
  // Plays the accepted server address, answering every request with a redirect that keeps method and body.
  redirector = http.createServer((request, response) => {
    request.resume();
    response.writeHead(307, { location: `${targetUrl}${request.url ?? '/'}` }).end();
  });
  redirectorUrl = await listen(redirector);
});

afterAll(async () => {
  await new Promise((resolve) => redirector.close(resolve));
  await new Promise((resolve) => target.close(resolve));
});

describe('sync requests never follow a redirect', () => {
  it('a push answered with 307 is not re-sent to the Location, and is refused, not retried', async () => {
    reachedTarget.length = 0;
    const client = new SyncHttp({ baseUrl: redirectorUrl, token: 'device-token-secret' });
    const answer = await client.push('batch-1', new Uint8Array([0x1f, 0x8b]));
    expect(reachedTarget).toEqual([]);
    expect(answer.kind).toBe('refused');
    if (answer.kind === 'refused') expect(answer.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a pull answered with 307 is not re-sent to the Location', async () => {
    reachedTarget.length = 0;
    const client = new SyncHttp({ baseUrl: redirectorUrl, token: 'device-token-secret' });
    await client.pull('platforms', 0, 10);
    expect(reachedTarget).toEqual([]);
  });

  it('the reachability probe does not follow a redirect either', async () => {
    reachedTarget.length = 0;
    const reachability = new ServerReachability();
    reachability.current(redirectorUrl);
    await reachability.settled();
    expect(reachedTarget).toEqual([]);
  });
});
