/**
 * How long the provincial server waits for a client. Without limits a request whose headers or body
 * trickle in (one byte now and then) holds its socket forever (issue #18). The limits must still let
 * the largest honest request through on the slowest county line: a push is at most DEFAULT_BODY_LIMIT
 * (16 MiB) on the wire, and at 1 Mbit/s that is 16 MiB × 8 / 1 Mbit/s ≈ 134 s of pure transfer, more
 * with TCP and line overhead. Five minutes leaves over twice that.
 */
export interface HttpTimeouts {
  /** The whole request (headers and body) must have arrived within this (Node's server.requestTimeout). */
  requestMs: number;
  /** The request headers must have arrived within this (a few KB: seconds even on a bad line). */
  headersMs: number;
  /** A socket with no byte in either direction for this long is closed (server.setTimeout). */
  idleMs: number;
  /** An idle kept-alive connection is closed after this; below idleMs so the two never race. */
  keepAliveMs: number;
  /** How often Node checks requestMs and headersMs (its default is 30 s; tests shorten it). */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 300_000,
  headersMs: 30_000,
  idleMs: 90_000,
  keepAliveMs: 72_000,
  checkIntervalMs: 30_000,
};

/** The Fastify options that apply `timeouts` (missing ones take the defaults). */
export function fastifyTimeoutOptions(timeouts: Partial<HttpTimeouts> = {}) {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...timeouts };
  return {
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    // Passed to http.createServer: Node reads these two only there.
    http: { headersTimeout: Math.min(t.headersMs, t.requestMs), connectionsCheckingInterval: t.checkIntervalMs },
  };
}
