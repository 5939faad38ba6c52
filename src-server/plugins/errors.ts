/**
 * Errors as values at the HTTP boundary: every failure answers `{ok:false,error:{code,message}}`.
 * Framework error messages are never passed on: a JSON parse error quotes the body, and bodies carry
 * ID numbers. 5xx are logged by class and code only, and answered with a generic message.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { describeError } from '../../src-node/logger';
import type { SyncErrorBody, SyncErrorCode } from '../../src-shared/sync-protocol';

export function sendError(reply: FastifyReply, status: number, error: SyncErrorBody): FastifyReply {
  return reply.code(status).type('application/json').send({ ok: false, error });
}

const BY_STATUS: Record<number, { code: SyncErrorCode; message: string }> = {
  400: { code: 'VALIDATION', message: '请求内容无法识别，请升级程序后重试' },
  401: { code: 'UNAUTHORIZED', message: '本机尚未登记或同步授权已停用，请向省级管理员申请登记码' },
  403: { code: 'FORBIDDEN', message: '无权进行此操作' },
  404: { code: 'NOT_FOUND', message: '没有这个接口，请升级程序' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '一次发送的数据过多，程序会自动分批重试' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求格式不受支持，请升级程序' },
  429: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ event: 'http.unexpected', route: request.routeOptions.url, ...describeError(error) });
      return sendError(reply, 500, { code: 'INTERNAL', message: '省服务器内部出错，本机数据没有丢失，稍后会自动重试' });
    }
    const known = BY_STATUS[status] ?? BY_STATUS[400]!;
    if (status === 429) {
      const retryAfter = reply.getHeader('retry-after');
      if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
    }
    request.log.info({ event: 'http.refused', route: request.routeOptions.url, status, errorCode: error.code });
    return sendError(reply, status, known);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, BY_STATUS[404]!));
}
