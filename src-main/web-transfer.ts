/**
 * File transfer routes of the web host, for imports and exports in browser mode: the RPC body limit (1 MB) is far
 * too small for county spreadsheets, and base64 in JSON would add a third. Both routes sit behind the same per-run
 * token as /rpc: they are registered inside the guarded scope of web-host.ts.
 *
 * - `POST /upload?name=FILE` with the raw bytes (application/octet-stream), streamed to the data folder's
 *   transfers/ with a 100 MB cap; answers `{ok:true,data:{fileId,fileName,byteLength}}`.
 * - `GET /download/:fileId?token=T` sends a file made by import.report / import.template / export.create as an
 *   attachment (a plain link can carry the token in the query).
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './core/app-context';
import { downloadContentType, safeFileName } from './core/import/file-store';
import { LOCKED_MESSAGE } from './core/operator-lock/lock-settings';

export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

class TooLarge extends Error {}

function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? new TooLarge() : null, chunk);
    },
  });
}

export async function registerTransfers(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(async (scope) => {
    // The raw request stream, not a buffer: a 50 MB sheet goes to disk without sitting in memory.
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    // A download is a file of the county's records, an upload starts an import: neither while the PC is locked.
    scope.addHook('onRequest', async (_request, reply) => {
      if (await context.services.operatorLock.isLocked()) return reply.code(423).send({ ok: false, error: { code: 'LOCKED', message: LOCKED_MESSAGE } });
    });

    scope.post<{ Querystring: { name?: string } }>('/upload', async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('application/octet-stream')) {
        return reply.code(415).send({ ok: false, error: { code: 'VALIDATION', message: '上传内容必须是文件本身（application/octet-stream）' } });
      }
      const { files } = context.services;
      const stored = files.allocate(safeFileName(request.query.name ?? '', 'upload'));
      try {
        await pipeline(request.body as Readable, capped(UPLOAD_LIMIT_BYTES), fs.createWriteStream(stored.path, { mode: 0o600 }));
      } catch (error) {
        files.remove(stored.fileId);
        if (error instanceof TooLarge) {
          return reply.code(413).send({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '文件太大（超过 100 MB），请分成几个文件导入' } });
        }
        return reply.code(400).send({ ok: false, error: { code: 'VALIDATION', message: '文件没有上传完整，请重试' } });
      }
      return { ok: true, data: { fileId: stored.fileId, fileName: stored.fileName, byteLength: files.size(stored.fileId) } };
    });

    scope.get<{ Params: { fileId: string } }>('/download/:fileId', async (request, reply) => {
      let file;
      try {
        file = context.services.files.get(request.params.fileId);
      } catch {
        return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '文件已过期或不存在，请重新生成' } });
      }
      const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
      return reply
        .header('content-type', downloadContentType(file.fileName))
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'no-store')
        .send(fs.createReadStream(file.path));
    });
  });
}
