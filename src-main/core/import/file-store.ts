/**
 * Files moving between the clerk and the app (uploaded sheets, error reports, templates, exports), kept under the
 * data folder's `transfers/` and named by random ids. The procedures speak of ids; the host moves the bytes
 * (the web host's /upload and /download routes, or the Electron main side). Files hold personal data, so they
 * are deleted once stale (older than a day) and never named after their content.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/errors';

export interface StoredFile {
  fileId: string;
  fileName: string;
  path: string;
}

const STALE_MS = 24 * 60 * 60 * 1000;

/** Only the characters every file system and HTTP header accept survive in a download name. */
export function safeFileName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f"<>:|?*/]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? fallback : base.slice(0, 120);
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(readonly dir: string) {}

  /** Removes files left by earlier runs (a crash, or downloads never collected). */
  sweep(now = Date.now()): void {
    if (!fs.existsSync(this.dir)) return;
    for (const entry of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, entry);
      const known = [...this.files.values()].some((f) => f.path === file);
      if (!known || now - fs.statSync(file).mtimeMs > STALE_MS) {
        fs.rmSync(file, { force: true });
        for (const [id, f] of this.files) if (f.path === file) this.files.delete(id);
      }
    }
  }

  /** A fresh path to write a file to; it becomes downloadable under the returned id. */
  allocate(fileName: string): StoredFile {
    fs.mkdirSync(this.dir, { recursive: true });
    const fileId = randomBytes(18).toString('base64url');
    const stored = { fileId, fileName: safeFileName(fileName, 'file'), path: path.join(this.dir, fileId) };
    this.files.set(fileId, stored);
    return stored;
  }

  async put(bytes: Buffer, fileName: string): Promise<StoredFile> {
    const stored = this.allocate(fileName);
    await fs.promises.writeFile(stored.path, bytes, { mode: 0o600 });
    return stored;
  }

  /** Lets a file the clerk chose on this computer (Electron dialog, CLI) be used by id without copying it. */
  adopt(existingPath: string): StoredFile {
    const fileId = randomBytes(18).toString('base64url');
    const stored = { fileId, fileName: path.basename(existingPath), path: existingPath };
    this.files.set(fileId, stored);
    return stored;
  }

  get(fileId: string): StoredFile {
    const stored = this.files.get(fileId);
    if (!stored || !fs.existsSync(stored.path)) throw new AppError('NOT_FOUND', '文件已过期或不存在，请重新选择文件');
    return stored;
  }

  size(fileId: string): number {
    return fs.statSync(this.get(fileId).path).size;
  }

  remove(fileId: string): void {
    const stored = this.files.get(fileId);
    if (!stored) return;
    this.files.delete(fileId);
    // Adopted files belong to the clerk: only our own copies are deleted.
    if (path.dirname(stored.path) === this.dir) fs.rmSync(stored.path, { force: true });
  }

  clear(): void {
    for (const fileId of [...this.files.keys()]) this.remove(fileId);
  }
}

/** The content type of a file made for download, from its name (spreadsheets unless said otherwise). */
export function downloadContentType(fileName: string): string {
  if (fileName.endsWith('.sqlite')) return 'application/vnd.sqlite3';
  if (fileName.endsWith('.pdf')) return 'application/pdf';
  if (fileName.endsWith('.csv')) return 'text/csv; charset=utf-8';
  // Carried files (.sdcarry, and format 1's .json) are opened by the province's program, never by a viewer.
  if (fileName.endsWith('.sdcarry') || fileName.endsWith('.json')) return 'application/octet-stream';
  return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}
