/**
 * What the rate limit counts a request against: never what the client merely claims. A route that
 * authenticates declares in its config how to find the *verified* caller (a device after its token
 * was looked up, a staff user after the session was); every other request, and every request whose
 * token does not verify, counts against its address. So a made-up Bearer token per request meets the
 * address's limit, while county PCs or staff behind one address each have their own budget.
 * A route may also declare a second, independent limit on what the request names (login: the user
 * name), checked once the body has been read.
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The verified caller, e.g. `device:<id>`, or null when the request proves no one (then: its address). */
    rateLimitIdentity?: (request: FastifyRequest) => Promise<string | null>;
    /** The key of a second limit on what the request names, e.g. `login-name:<hash>`; null for none. */
    rateLimitSubject?: (request: FastifyRequest) => string | null;
  }
}

/** The request's address as the rate limit sees it (an IPv6 client counts by its /64, as the plugin does). */
export function addressKey(request: FastifyRequest): string {
  return `ip:${normalizeIP(request.ip)}`;
}

/** The key of the per-request limit: the verified identity when the route has one and it verifies, else the address. */
export async function rateLimitKey(request: FastifyRequest): Promise<string> {
  const identity = await request.routeOptions.config.rateLimitIdentity?.(request);
  return identity ?? addressKey(request);
}

/** The key of the route's second limit, or null when the route has none (or the request names nothing). */
export function rateLimitSubjectKey(request: FastifyRequest): string | null {
  return request.routeOptions.config.rateLimitSubject?.(request) ?? null;
}

/**
 * Adds the second limit to `scope` (which must have @fastify/rate-limit registered): for routes that
 * declare `rateLimitSubject`, `max` requests per subject per window, from any address. A preHandler,
 * because the subject is in the body; its own counters, apart from the per-caller ones.
 */
export function addSubjectLimit(scope: FastifyInstance, limit: { max: number; timeWindowMs: number }): void {
  const check = scope.createRateLimit({ max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: (request) => rateLimitSubjectKey(request) ?? '' });
  scope.addHook('preHandler', async (request, reply) => {
    if (!rateLimitSubjectKey(request)) return;
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    // Answered like the per-caller limit: { ok: false, error: { code: 'RATE_LIMITED' } } with 429.
    throw Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED' });
  });
}

/** Memoises one verification per request, so the rate limit and the route's guard look the token up once. */
export function oncePerRequest<T>(verify: (request: FastifyRequest) => Promise<T>): (request: FastifyRequest) => Promise<T> {
  const results = new WeakMap<FastifyRequest, Promise<T>>();
  return (request) => {
    let result = results.get(request);
    if (!result) {
      result = verify(request);
      results.set(request, result);
    }
    return result;
  };
}
