/**
 * The router over loopback HTTP, for a plain browser: how the app runs where Electron's binary is
 * missing, and how Playwright drives the real UI. `POST /rpc/<procedure>` with a JSON body answers
 * the same `{ok,...}` value as IPC; `GET /rpc` lists the procedures with their JSON Schemas;
 * `GET /events` streams app events (server-sent events). Every route but the static UI is declared inside one
 * scope that carries the token guard; every request, static included, must be addressed to our own loopback
 * name and come from no other origin (web-guards.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { contract, PROCEDURE_NAMES } from '../src-shared/contract';
import type { ErrorCode } from '../src-shared/errors';
import type { RpcResult } from '../src-shared/result';
import type { AppContext } from './core/app-context';
import { describeError, type Logger } from '../src-node/logger';
import { addressGuard, allowedHosts, hostForUrl, routeKeys, tokenGuard, unguardedRoutes } from './web-guards';
import { registerTransfers } from './web-transfer';

export const WEB_BODY_LIMIT_BYTES = 1024 * 1024;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_PROCEDURE: 404,
  CONFLICT: 409,
  ALREADY_ENROLLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  PERIOD_CLOSED: 409,
  NOT_CONFIGURED: 428,
  LOCKED: 423,
  OPERATOR_LOCKED: 423,
  INTERNAL: 500,
};

/** Content Security Policy of the served UI; Ant Design injects its styles at run time. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Slow-client limits. `requestMs` bounds the whole request (headers and body): a body that trickles in is cut off
 * (408) however often a byte arrives. `connectionMs` closes an idle socket. Node checks them every
 * `checkIntervalMs`. /events is exempt from the idle limit: its request is complete at once (so the request limit
 * never applies to it) and the stream may be silent between its 25 s pings.
 */
export interface WebHostTimeouts {
  requestMs: number;
  connectionMs: number;
  checkIntervalMs: number;
}

/** A 100 MB upload over loopback takes seconds; two minutes is generous for any honest client. */
export const WEB_TIMEOUTS: WebHostTimeouts = { requestMs: 120_000, connectionMs: 60_000, checkIntervalMs: 5_000 };

export interface WebHostOptions {
  context: AppContext;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  logger: Logger;
  timeouts?: WebHostTimeouts;
}

export interface WebHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

function failure(code: ErrorCode, message: string): RpcResult {
  return { ok: false, error: { code, message } };
}

function send(reply: FastifyReply, result: RpcResult): FastifyReply {
  const status = result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 400);
  return reply.code(status).type('application/json; charset=utf-8').send(result);
}

function procedureCatalogue() {
  return PROCEDURE_NAMES.map((name) => ({
    name,
    description: contract[name].description,
    input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(contract[name].output, { io: 'output', unrepresentable: 'any' }),
  }));
}

const refuse = (reply: FastifyReply, code: ErrorCode, message: string) => send(reply, failure(code, message));

/** Every non-static route. Declared only inside the guarded scope (see startWebHost). */
function registerRpc(app: FastifyInstance, options: WebHostOptions): void {
  app.get('/rpc', async () => ({ ok: true, data: procedureCatalogue() }));

  app.post<{ Params: { name: string } }>('/rpc/:name', async (request, reply) => {
    const result = await options.context.invoke(request.params.name, request.body ?? {});
    return send(reply, result);
  });

  app.get('/events', (request, reply) => {
    reply.hijack();
    // A long-lived stream: the idle-socket limit would cut it between pings (see WebHostTimeouts).
    request.raw.socket.setTimeout(0);
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const unsubscribe = options.context.onEvent((event) => reply.raw.write(`data: ${JSON.stringify(event)}\n\n`));
    // Proxies and idle timers close silent connections; a comment line every 25 s keeps it open.
    const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const timeouts = options.timeouts ?? WEB_TIMEOUTS;
  const app = Fastify({
    logger: false,
    bodyLimit: WEB_BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    // Node reads requestTimeout for its connection checks only when the server is created, not from the property
    // Fastify sets afterwards, so it is passed here too.
    http: { requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkIntervalMs },
  });
  // Every route, and those of the guarded scope: checked before listening (unguardedRoutes).
  // Added first: onRoute sees only the routes declared after it.
  const allRoutes = new Set<string>();
  const guardedRoutes = new Set<string>();
  app.addHook('onRoute', (route) => routeKeys(route.method, route.url).forEach((key) => allRoutes.add(key)));

  const host = options.host ?? '127.0.0.1';
  let hosts = new Set<string>();
  // First, on the root: it covers every route, the static files and the not-found handler.
  app.addHook('onRequest', addressGuard(() => hosts, refuse));
  app.setNotFoundHandler((_request, reply) => send(reply, failure('NOT_FOUND', '没有这个页面或接口，请使用程序启动时显示的地址')));

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error.statusCode === 413) return send(reply, failure('PAYLOAD_TOO_LARGE', '提交的数据太大（超过 1 MB），请分批提交'));
    if (error.statusCode === 415) return send(reply, failure('VALIDATION', '请求内容必须是 JSON'));
    if (error.statusCode && error.statusCode < 500) return send(reply, failure('VALIDATION', '请求内容不是有效的 JSON'));
    options.logger.error('web_host.unexpected', describeError(error));
    return send(reply, failure('INTERNAL', '程序内部出错，请重试'));
  });

  // The guarded scope: a route declared here cannot be reached without the token, whatever its path looks like.
  await app.register(async (guarded) => {
    guarded.addHook('onRoute', (route) => routeKeys(route.method, route.url).forEach((key) => guardedRoutes.add(key)));
    guarded.addHook('onRequest', tokenGuard(token, refuse));
    registerRpc(guarded, options);
    await registerTransfers(guarded, options.context);
  });

  if (fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      return payload;
    });
    await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('界面文件缺失：请先运行 npm run build（Renderer not built: run npm run build).'),
    );
  }

  await app.ready();
  const open = unguardedRoutes(allRoutes, guardedRoutes);
  if (open.length > 0) {
    await app.close();
    throw new Error(`web host: routes declared outside the token-guarded scope: ${open.join(', ')}`);
  }
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  hosts = allowedHosts(host, port);
  return {
    url: `http://${hostForUrl(host)}:${port}/?token=${encodeURIComponent(token)}`,
    token,
    close: () => app.close(),
  };
}
