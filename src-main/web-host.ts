/**
 * The router over loopback HTTP, for a plain browser: how the app runs where Electron's binary is
 * missing, and how Playwright drives the real UI. `POST /rpc/<procedure>` with a JSON body answers
 * the same `{ok,...}` value as IPC; `GET /rpc` lists the procedures with their JSON Schemas;
 * `GET /events` streams app events (server-sent events). Every data route needs the per-run token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contract, PROCEDURE_NAMES } from '../src-shared/contract';
import type { ErrorCode } from '../src-shared/errors';
import type { RpcResult } from '../src-shared/result';
import type { AppContext } from './core/app-context';
import { describeError, type Logger } from './core/logger';
import { registerTransfers } from './web-transfer';

export const WEB_BODY_LIMIT_BYTES = 1024 * 1024;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_PROCEDURE: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  PERIOD_CLOSED: 409,
  NOT_CONFIGURED: 428,
  INTERNAL: 500,
};

/** Content Security Policy of the served UI; Ant Design injects its styles at run time. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface WebHostOptions {
  context: AppContext;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  logger: Logger;
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

function procedureCatalogue() {
  return PROCEDURE_NAMES.map((name) => ({
    name,
    description: contract[name].description,
    input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(contract[name].output, { io: 'output', unrepresentable: 'any' }),
  }));
}

function registerRpc(app: FastifyInstance, options: WebHostOptions, token: Buffer): void {
  app.addHook('onRequest', async (request, reply) => {
    const needsToken = ['/rpc', '/events', '/upload', '/download'].some((prefix) => request.url.startsWith(prefix));
    if (needsToken && !tokenMatches(token, presentedToken(request))) {
      return send(reply, failure('UNAUTHORIZED', '访问令牌无效，请使用程序启动时显示的完整地址打开'));
    }
    return undefined;
  });

  app.get('/rpc', async () => ({ ok: true, data: procedureCatalogue() }));

  app.post<{ Params: { name: string } }>('/rpc/:name', async (request, reply) => {
    const result = await options.context.invoke(request.params.name, request.body ?? {});
    return send(reply, result);
  });

  app.get('/events', (request, reply) => {
    reply.hijack();
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
  const app = Fastify({ logger: false, bodyLimit: WEB_BODY_LIMIT_BYTES, forceCloseConnections: true });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error.statusCode === 413) return send(reply, failure('PAYLOAD_TOO_LARGE', '提交的数据太大（超过 1 MB），请分批提交'));
    if (error.statusCode === 415) return send(reply, failure('VALIDATION', '请求内容必须是 JSON'));
    if (error.statusCode && error.statusCode < 500) return send(reply, failure('VALIDATION', '请求内容不是有效的 JSON'));
    options.logger.error('web_host.unexpected', describeError(error));
    return send(reply, failure('INTERNAL', '程序内部出错，请重试'));
  });

  registerRpc(app, options, Buffer.from(token));
  await registerTransfers(app, options.context);

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

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/?token=${encodeURIComponent(token)}`,
    token,
    close: () => app.close(),
  };
}
