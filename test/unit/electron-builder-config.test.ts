/**
 * The installer configuration, checked offline against electron-builder's own JSON schema (packaging
 * itself needs the Electron download, which this machine cannot make), plus the choices the
 * product depends on: the targets county PCs need and updates from the provincial server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: Array<string | { filter: string[] }>;
  win?: { target: Target[] };
  nsis?: { perMachine?: boolean; installerLanguages?: string[]; createDesktopShortcut?: boolean };
  linux?: { target: Target[] };
  publish?: { provider: string; url?: string };
  npmRebuild?: boolean;
  asarUnpack?: string[];
}

const { getConfig, validateConfiguration } = requireFromRoot('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string | null, extra: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromRoot('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(dir: string, file: string): Promise<BuilderConfig> {
  const config = await getConfig(dir, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(load(root, 'electron-builder.yml')).resolves.toBeTruthy();
  });

  it('builds what county PCs run: NSIS for Windows x64, deb and AppImage for Linux x64 and arm64', async () => {
    const config = await load(root, 'electron-builder.yml');
    expect(config.productName).toBe('技能培训调度填报');
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ perMachine: false, installerLanguages: ['zh_CN'], createDesktopShortcut: true });
    const linux = Object.fromEntries((config.linux?.target ?? []).map((t) => [t.target, [...t.arch].sort()]));
    expect(linux).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] });
  });

  it('updates from the provincial server (generic provider) and rebuilds the sqlite3 addon', async () => {
    const config = await load(root, 'electron-builder.yml');
    expect(config.publish?.provider).toBe('generic');
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/sqlite3/**');
    const files = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist/src-main/**/*.js', 'dist/migrations/**/*.js']));
    // The desktop's rooms (src-shared, src-node) travel with it; the server does not.
    expect(files).toEqual(expect.arrayContaining(['dist/src-node/**/*.js', 'dist/src-shared/**/*.{js,json}']));
    expect(files.filter((f) => f.includes('src-server'))).toEqual([]);
  });

  it('would catch a mistyped option (the validator bites)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'builder-config-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    fs.writeFileSync(path.join(dir, 'broken.yml'), 'appId: x.y\npublish:\n  provider: genric\n  url: http://127.0.0.1/\n');
    await expect(load(dir, 'broken.yml')).rejects.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
