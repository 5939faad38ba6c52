/** The desktop window uploads and downloads through the app:// handler, like the browser mode through the web host. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src-main/core/import/file-store';
import { serveTransfer } from '../../src-main/shell/app-transfers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-transfers-'));
const files = new FileStore(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('app:// file transfers', () => {
  it('stores an upload and gives it back as a download with its Chinese name', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 a spreadsheet');
    const upload = await serveTransfer(files, new Request(`app://skills-desk/upload?name=${encodeURIComponent('学员名单.xlsx')}`, { method: 'POST', body: bytes }));
    expect(upload!.status).toBe(200);
    const answer = (await upload!.json()) as { ok: true; data: { fileId: string; fileName: string; byteLength: number } };
    expect(answer.data).toMatchObject({ fileName: '学员名单.xlsx', byteLength: bytes.length });

    const download = await serveTransfer(files, new Request(`app://skills-desk/download/${answer.data.fileId}?token=`));
    expect(download!.status).toBe(200);
    expect(download!.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('学员名单.xlsx')}`);
    expect(Buffer.from(await download!.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers unknown files with NOT_FOUND, refuses oversized uploads, and leaves other requests to the UI handler', async () => {
    const missing = await serveTransfer(files, new Request('app://skills-desk/download/nope'));
    expect(missing!.status).toBe(404);
    const huge = await serveTransfer(files, new Request('app://skills-desk/upload?name=x.xlsx', { method: 'POST', body: 'x', headers: { 'content-length': String(200 * 1024 * 1024) } }));
    expect(huge!.status).toBe(413);
    expect(await serveTransfer(files, new Request('app://skills-desk/index.html'))).toBeNull();
    expect(await serveTransfer(files, new Request('app://skills-desk/download/../../etc/passwd'))).toBeNull();
  });
});
