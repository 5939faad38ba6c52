/**
 * The two request guards of the web host. The address guard (Host and Origin) runs on every request, static files
 * and unknown paths included: a page on evil.example whose name resolves to 127.0.0.1 (DNS rebinding) would
 * otherwise be a same-origin page of its own to the browser. The token guard runs in the scope that holds every
 * non-static route (web-host.ts), so a route is guarded because of where it is declared, never because of how its
 * path is spelt: Fastify decodes `/%72pc` to `/rpc` before routing, and any prefix test on the raw URL misses it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../src-shared/errors';

export type Refuse = (reply: FastifyReply, code: ErrorCode, message: string) => FastifyReply;

const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1']);

/** How a bound address is written in a Host header and a URL (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The Host headers the host answers: its loopback names on its port, `[::1]` when bound there, and the address
 * the clerk chose with --host when it is not loopback. The port is read when asked: it is known only after listen.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (boundHost === '::1') names.add(`[::1]:${port}`);
  if (!LOOPBACK_BINDS.has(boundHost)) names.add(`${hostForUrl(boundHost).toLowerCase()}:${port}`);
  return names;
}

export function addressGuard(hosts: () => Set<string>, refuse: Refuse) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const allowed = hosts();
    const host = request.headers.host?.toLowerCase();
    if (!host || !allowed.has(host)) {
      return refuse(reply, 'FORBIDDEN', '访问地址不对：请使用程序启动时显示的 http://127.0.0.1 开头的完整地址打开');
    }
    // Browsers send Origin on cross-origin requests and on same-origin POSTs; a page of another origin, or an
    // opaque one ("null": sandboxed frames, file://), never gets an answer.
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigin(origin, allowed)) {
      return refuse(reply, 'FORBIDDEN', '这个请求来自其他网页，已拒绝。请只在程序启动时显示的地址中使用本程序');
    }
    return undefined;
  };
}

function allowedOrigin(origin: string, hosts: Set<string>): boolean {
  const lower = origin.toLowerCase();
  if (!lower.startsWith('http://')) return false;
  return hosts.has(lower.slice('http://'.length));
}

function tokenMatches(expected: Buffer, presented: string | undefined): boolean {
  if (!presented) return false;
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = request.query as { token?: unknown };
  return typeof query.token === 'string' ? query.token : undefined;
}

export function tokenGuard(token: string, refuse: Refuse) {
  const expected = Buffer.from(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (tokenMatches(expected, presentedToken(request))) return undefined;
    return refuse(reply, 'UNAUTHORIZED', '访问令牌无效，请使用程序启动时显示的完整地址打开');
  };
}

/** The only routes the web host serves without its token: the UI's static files (or the "not built" page). */
const STATIC_ROUTES = new Set(['GET /', 'HEAD /', 'GET /*', 'HEAD /*']);

/**
 * Routes declared outside the guarded scope that are not static files. The web host refuses to start while this
 * is not empty, so a data route added in the wrong place fails at once (in every test that starts a host) instead
 * of being served without the token.
 */
export function unguardedRoutes(all: Iterable<string>, guarded: ReadonlySet<string>): string[] {
  return [...all].filter((route) => !guarded.has(route) && !STATIC_ROUTES.has(route));
}

/** `METHOD /url` for each method of a route, as `unguardedRoutes` compares them. */
export function routeKeys(method: string | string[], url: string): string[] {
  return (Array.isArray(method) ? method : [method]).map((m) => `${m.toUpperCase()} ${url}`);
}
