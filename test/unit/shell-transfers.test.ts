/** The desktop window uploads and downloads through the app:// handler, like the browser mode through the web host. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src-main/core/import/file-store';
import { serveTransfer } from '../../src-main/shell/app-transfers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-transfers-'));
const files = new FileStore(dir);
const unlocked = { files, isLocked: async () => false };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('app:// file transfers', () => {
  it('stores an upload and gives it back as a download with its Chinese name', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 a spreadsheet');
    const upload = await serveTransfer(unlocked, new Request(`app://skills-desk/upload?name=${encodeURIComponent('学员名单.xlsx')}`, { method: 'POST', body: bytes }));
    expect(upload!.status).toBe(200);
    const answer = (await upload!.json()) as { ok: true; data: { fileId: string; fileName: string; byteLength: number } };
    expect(answer.data).toMatchObject({ fileName: '学员名单.xlsx', byteLength: bytes.length });

    const download = await serveTransfer(unlocked, new Request(`app://skills-desk/download/${answer.data.fileId}?token=`));
    expect(download!.status).toBe(200);
    expect(download!.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('学员名单.xlsx')}`);
    expect(Buffer.from(await download!.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers unknown files with NOT_FOUND, refuses oversized uploads, and leaves other requests to the UI handler', async () => {
    const missing = await serveTransfer(unlocked, new Request('app://skills-desk/download/nope'));
    expect(missing!.status).toBe(404);
    const huge = await serveTransfer(unlocked, new Request('app://skills-desk/upload?name=x.xlsx', { method: 'POST', body: 'x', headers: { 'content-length': String(200 * 1024 * 1024) } }));
    expect(huge!.status).toBe(413);
    expect(await serveTransfer(unlocked, new Request('app://skills-desk/index.html'))).toBeNull();
    expect(await serveTransfer(unlocked, new Request('app://skills-desk/download/../../etc/passwd'))).toBeNull();
  });

  it('refuses uploads and downloads with LOCKED while nobody is logged in, and still serves the UI files', async () => {
    const stored = await files.put(Buffer.from('secret list'), '学员名单.xlsx');
    const locked = { files, isLocked: async () => true };
    const download = await serveTransfer(locked, new Request(`app://skills-desk/download/${stored.fileId}`));
    expect(download!.status).toBe(423);
    expect(await download!.json()).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const upload = await serveTransfer(locked, new Request('app://skills-desk/upload?name=x.xlsx', { method: 'POST', body: 'x' }));
    expect(upload!.status).toBe(423);
    expect(await serveTransfer(locked, new Request('app://skills-desk/index.html'))).toBeNull();
  });
});
