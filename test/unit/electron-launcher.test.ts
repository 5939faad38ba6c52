import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronChildEnv, findElectronBinary, launchElectron } from '../../src-main/electron-launcher';

const platformBinary = process.platform === 'win32' ? 'electron.exe' : 'electron';

describe('findElectronBinary on this machine', () => {
  it('reports that no binary was downloaded, without trying to download one', () => {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const before = fs.readdirSync(packageDir).sort();
    const result = findElectronBinary({ env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/never downloaded/);
    // A download attempt would have created dist/ or path.txt.
    expect(fs.readdirSync(packageDir).sort()).toEqual(before);
  });
});

describe('findElectronBinary with a fake electron package', () => {
  let packageDir: string;

  beforeEach(() => {
    packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-electron-'));
    fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  });

  afterEach(() => {
    fs.rmSync(packageDir, { recursive: true, force: true });
  });

  function installFakeBinary(options: { version?: string; executable?: boolean } = {}): string {
    const dist = path.join(packageDir, 'dist');
    fs.mkdirSync(dist, { recursive: true });
    const binary = path.join(dist, platformBinary);
    fs.writeFileSync(binary, '#!/bin/sh\nexit 0\n', { mode: options.executable === false ? 0o644 : 0o755 });
    fs.writeFileSync(path.join(dist, 'version'), options.version ?? 'v45.5.0');
    fs.writeFileSync(path.join(packageDir, 'path.txt'), platformBinary);
    return binary;
  }

  it('finds a complete install', () => {
    const binary = installFakeBinary();
    expect(findElectronBinary({ packageDir, env: {} })).toEqual({ ok: true, path: binary });
  });

  it('says so when path.txt is missing (never downloaded)', () => {
    const result = findElectronBinary({ packageDir, env: {} });
    expect(result).toMatchObject({ ok: false });
  });

  it('refuses a binary left over from another Electron version', () => {
    installFakeBinary({ version: 'v44.0.0' });
    const result = findElectronBinary({ packageDir, env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('44.0.0');
  });

  it('refuses when path.txt points at a missing file', () => {
    installFakeBinary();
    fs.rmSync(path.join(packageDir, 'dist', platformBinary));
    expect(findElectronBinary({ packageDir, env: {} }).ok).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses a binary without the execute bit', () => {
    installFakeBinary({ executable: false });
    expect(findElectronBinary({ packageDir, env: {} }).ok).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the package does', () => {
    const overrideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-electron-dist-'));
    try {
      const binary = path.join(overrideDir, platformBinary);
      fs.writeFileSync(binary, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const result = findElectronBinary({ packageDir, env: { ELECTRON_OVERRIDE_DIST_PATH: overrideDir } });
      expect(result).toEqual({ ok: true, path: binary });
    } finally {
      fs.rmSync(overrideDir, { recursive: true, force: true });
    }
  });

  it('reports platforms Electron does not build for', () => {
    installFakeBinary();
    expect(findElectronBinary({ packageDir, env: {}, platform: 'aix' }).ok).toBe(false);
  });

  it('reports a missing package folder', () => {
    expect(findElectronBinary({ packageDir: path.join(packageDir, 'nope'), env: {} }).ok).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('launches the binary with the app dir and a clean environment', async () => {
    const dist = path.join(packageDir, 'dist');
    fs.mkdirSync(dist);
    const out = path.join(packageDir, 'out.txt');
    // The fake binary records its arguments and whether ELECTRON_RUN_AS_NODE leaked through.
    fs.writeFileSync(
      path.join(dist, 'electron'),
      `#!/bin/sh\necho "$@|\${ELECTRON_RUN_AS_NODE:-unset}" > "${out}"\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(dist, 'version'), 'v45.5.0');
    fs.writeFileSync(path.join(packageDir, 'path.txt'), 'electron');

    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    const child = launchElectron('/opt/app', ['--flag'], { packageDir, env, platform: 'linux' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(fs.readFileSync(out, 'utf-8').trim()).toBe('/opt/app --flag|unset');
  });

  it('throws instead of launching when no binary exists', () => {
    expect(() => launchElectron('/opt/app', [], { packageDir, env: {} })).toThrow(/cannot start Electron/);
  });
});

describe('electronChildEnv', () => {
  it('removes ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    const env = { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', SKILLS_DESK_DATA: '/data' };
    expect(electronChildEnv(env)).toEqual({ PATH: '/bin', SKILLS_DESK_DATA: '/data' });
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});
