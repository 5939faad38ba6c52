/**
 * Issue #18, item 1, the class behind it: a data route is guarded because it is declared inside the token-guarded
 * scope. A route declared anywhere else (a new transfer route registered on the root, say) must stop the host
 * from starting rather than be served without the token.
 */
import { describe, expect, it } from 'vitest';
import { routeKeys, unguardedRoutes } from '../../src-main/web-guards';

const GUARDED = new Set(['GET /rpc', 'HEAD /rpc', 'POST /rpc/:name', 'GET /events', 'HEAD /events', 'POST /upload', 'GET /download/:fileId']);
const STATIC = ['GET /', 'HEAD /', 'GET /*', 'HEAD /*'];

describe('routes outside the guarded scope', () => {
  it('accepts the static files and every guarded route', () => {
    expect(unguardedRoutes([...STATIC, ...GUARDED], GUARDED)).toEqual([]);
  });

  it('names a data route declared outside the guarded scope, so the host refuses to start', () => {
    const planted = routeKeys(['GET', 'HEAD'], '/export/:fileId');
    expect(unguardedRoutes([...STATIC, ...GUARDED, ...planted], GUARDED)).toEqual(['GET /export/:fileId', 'HEAD /export/:fileId']);
  });

  it('does not take a static-looking path under another method for a static file', () => {
    expect(unguardedRoutes(['POST /', 'DELETE /*'], GUARDED)).toEqual(['POST /', 'DELETE /*']);
  });
});
