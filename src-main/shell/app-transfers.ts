/**
 * The desktop window's side of file transfers: the same `POST /upload?name=` and
 * `GET /download/<fileId>` as the browser mode's web host (src-main/web-transfer.ts), answered by
 * the app:// handler, so the renderer moves spreadsheets the same way in both modes. No token is
 * needed: only our own renderer can reach app://.
 */
import fs from 'node:fs/promises';
import type { FileStore } from '../core/import/file-store';
import { downloadContentType, safeFileName } from '../core/import/file-store';
import { LOCKED_MESSAGE } from '../core/operator-lock/lock-settings';

export interface DesktopTransfers {
  files: FileStore;
  /** The operator lock (core/operator-lock): transfers are refused while nobody is logged in. */
  isLocked: () => Promise<boolean>;
}

export const DESKTOP_UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/** Answers a transfer request, or null when the request is not one (the UI files are served instead). */
export async function serveTransfer(transfers: DesktopTransfers, request: Request): Promise<Response | null> {
  const { files } = transfers;
  const url = new URL(request.url);
  const isTransfer = url.pathname === '/upload' || url.pathname.startsWith('/download/');
  // A download is a file of the county's records, an upload starts an import: neither while the PC is locked.
  if (isTransfer && (await transfers.isLocked())) return json(423, { ok: false, error: { code: 'LOCKED', message: LOCKED_MESSAGE } });
  if (url.pathname === '/upload' && request.method === 'POST') {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > DESKTOP_UPLOAD_LIMIT_BYTES) {
      return json(413, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '文件太大（超过 100 MB），请分成几个文件导入' } });
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await request.arrayBuffer());
    } catch {
      return json(400, { ok: false, error: { code: 'VALIDATION', message: '文件没有上传完整，请重试' } });
    }
    if (bytes.length > DESKTOP_UPLOAD_LIMIT_BYTES) {
      return json(413, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '文件太大（超过 100 MB），请分成几个文件导入' } });
    }
    const stored = await files.put(bytes, safeFileName(url.searchParams.get('name') ?? '', 'upload'));
    return json(200, { ok: true, data: { fileId: stored.fileId, fileName: stored.fileName, byteLength: bytes.length } });
  }
  const download = /^\/download\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (download && request.method === 'GET') {
    let file;
    try {
      file = files.get(download[1]!);
    } catch {
      return json(404, { ok: false, error: { code: 'NOT_FOUND', message: '文件已过期或不存在，请重新生成' } });
    }
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
    return new Response(new Uint8Array(await fs.readFile(file.path)), {
      status: 200,
      headers: {
        'content-type': downloadContentType(file.fileName),
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'cache-control': 'no-store',
      },
    });
  }
  return null;
}
