/**
 * The province publishes an electron-builder release and the server serves it to electron-updater:
 * real HTTP requests, content types, byte ranges, and a publisher that refuses broken releases.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';
import { publishUpdate } from '../../src-server/updates/publish-update';
import { createTestServerDb, type TestServerDb } from '../support/server-db';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-updates-'));
const installer = randomBytes(300_000);

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** A release folder as electron-builder writes it, for version 1.2.0. */
function makeRelease(name: string, options: { tamper?: boolean; missing?: boolean; outside?: boolean } = {}): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const exe = '技能培训调度填报-Setup-1.2.0.exe';
  if (!options.missing) fs.writeFileSync(path.join(dir, exe), options.tamper ? Buffer.concat([installer, Buffer.from('x')]) : installer);
  fs.writeFileSync(path.join(dir, `${exe}.blockmap`), randomBytes(1000));
  const url = options.outside ? `../${exe}` : exe;
  fs.writeFileSync(
    path.join(dir, 'latest.yml'),
    `version: 1.2.0\nfiles:\n  - url: ${url}\n    sha512: ${sha512(installer)}\n    size: ${installer.length}\npath: ${url}\nsha512: ${sha512(installer)}\nreleaseDate: '2026-11-25T10:00:00.000Z'\n`,
  );
  const appImage = Buffer.from('appimage-bytes');
  fs.writeFileSync(path.join(dir, 'skills-desk-1.2.0-arm64.AppImage'), appImage);
  fs.writeFileSync(path.join(dir, 'latest-linux-arm64.yml'), `version: 1.2.0\nfiles:\n  - url: skills-desk-1.2.0-arm64.AppImage\n    sha512: ${sha512(appImage)}\n`);
  return dir;
}

let store: TestServerDb;
let baseUrl: string;
let close: () => Promise<void>;
const updateFolder = path.join(root, 'served');

beforeAll(async () => {
  store = await createTestServerDb('sqlite');
  const app = buildServerApp({ version: '1.1.0', db: store.db, updateFolder, rateLimit: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  close = async () => {
    app.server.closeAllConnections();
    await app.close();
  };
});

afterAll(async () => {
  await close();
  await store.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('publishing and serving updates', () => {
  it('publishes every channel with its installers and blockmaps', () => {
    const release = publishUpdate(makeRelease('good'), updateFolder);
    expect(release).toEqual({
      version: '1.2.0',
      channels: ['latest-linux-arm64.yml', 'latest.yml'],
      artifacts: ['skills-desk-1.2.0-arm64.AppImage', '技能培训调度填报-Setup-1.2.0.exe', '技能培训调度填报-Setup-1.2.0.exe.blockmap'],
    });
  });

  it('serves the channel file uncached and the installer by byte ranges, as electron-updater asks', async () => {
    const channel = await fetch(`${baseUrl}/updates/latest.yml`);
    expect(channel.status).toBe(200);
    expect(channel.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(channel.headers.get('cache-control')).toBe('no-cache');
    expect(await channel.text()).toContain('version: 1.2.0');

    const exeUrl = `${baseUrl}/updates/${encodeURIComponent('技能培训调度填报-Setup-1.2.0.exe')}`;
    const whole = await fetch(exeUrl);
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(installer)).toBe(true);

    const part = await fetch(exeUrl, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${installer.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(installer.subarray(1000, 2000))).toBe(true);

    const multi = await fetch(exeUrl, { headers: { range: 'bytes=0-9,100-109' } });
    expect([200, 206]).toContain(multi.status);
  });

  it('serves nothing outside the update folder', async () => {
    for (const url of ['/updates/..%2f..%2fetc%2fpasswd', '/updates/%2e%2e/%2e%2e/etc/passwd', '/updates/', '/updates/nope.yml', '/updates/.hidden']) {
      const response = await fetch(`${baseUrl}${url}`);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text()).not.toContain('root:');
    }
  });

  it('refuses a release with a damaged or missing installer, or a path outside its folder, and publishes nothing of it', () => {
    const before = fs.readFileSync(path.join(updateFolder, 'latest.yml'), 'utf8');
    expect(() => publishUpdate(makeRelease('tampered', { tamper: true }), updateFolder)).toThrow(/sha512/);
    expect(() => publishUpdate(makeRelease('missing', { missing: true }), updateFolder)).toThrow(/not in the release folder/);
    expect(() => publishUpdate(makeRelease('outside', { outside: true }), updateFolder)).toThrow(/outside the release folder/);
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    expect(() => publishUpdate(empty, updateFolder)).toThrow(/no latest\*\.yml/);
    expect(fs.readFileSync(path.join(updateFolder, 'latest.yml'), 'utf8')).toBe(before);
  });
});
