/**
 * Finds and starts the Electron binary from plain Node (the CLI `start` command).
 *
 * Why not `require('electron')`: since Electron 42 the npm package has no postinstall;
 * its index.js, on first require, runs install.js synchronously to download the binary
 * from GitHub when node_modules/electron/path.txt or dist/<binary> is missing, and throws
 * if that fails. On a machine without GitHub that is a slow failure with download noise.
 * So this module repeats the package's own lookup (path.txt, dist/, dist/version,
 * ELECTRON_OVERRIDE_DIST_PATH) read-only, and never triggers a download.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinaryLookup = { ok: true; path: string } | { ok: false; reason: string };

export interface ElectronLookupOptions {
  /** The installed `electron` package folder; tests pass a fake one. */
  packageDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Same table as the package's install.js `getPlatformPath()`. */
function platformBinaryPath(platform: NodeJS.Platform): string | null {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

function readTextOrNull(filePath: string): string | null {
  try {
    return fs.readFileSync(filePath, 'utf-8');
  } catch {
    return null;
  }
}

function defaultPackageDir(): string | null {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function readPackageVersion(packageDir: string): string | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf-8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : null;
  } catch {
    return null;
  }
}

function checkRunnable(binaryPath: string, platform: NodeJS.Platform): ElectronBinaryLookup {
  try {
    if (!fs.statSync(binaryPath).isFile()) return { ok: false, reason: `${binaryPath} is not a file` };
    // Windows has no execute bit; elsewhere a binary without it cannot be spawned.
    if (platform !== 'win32') fs.accessSync(binaryPath, fs.constants.X_OK);
  } catch {
    return { ok: false, reason: `the Electron binary ${binaryPath} is missing or not executable` };
  }
  return { ok: true, path: binaryPath };
}

export function findElectronBinary(options: ElectronLookupOptions = {}): ElectronBinaryLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = options.packageDir ?? defaultPackageDir();
  if (packageDir === null) return { ok: false, reason: 'the electron npm package is not installed' };
  const platformPath = platformBinaryPath(platform);
  if (platformPath === null) return { ok: false, reason: `Electron has no build for platform ${platform}` };
  const pathTxt = readTextOrNull(path.join(packageDir, 'path.txt'));

  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDir !== undefined && overrideDir !== '') {
    return checkRunnable(path.join(overrideDir, pathTxt ?? platformPath), platform);
  }
  if (pathTxt === null) {
    return {
      ok: false,
      reason: 'the Electron binary was never downloaded (no path.txt in the electron package; it is fetched from GitHub on first run)',
    };
  }
  const wanted = readPackageVersion(packageDir);
  const installed = readTextOrNull(path.join(packageDir, 'dist', 'version'))?.trim().replace(/^v/, '') ?? null;
  if (wanted !== null && installed !== wanted) {
    return {
      ok: false,
      reason: `the downloaded Electron binary (${installed ?? 'unknown version'}) does not match the electron package ${wanted}`,
    };
  }
  return checkRunnable(path.join(packageDir, 'dist', pathTxt), platform);
}

/** ELECTRON_RUN_AS_NODE would make the binary behave as plain Node and ignore our app. */
export function electronChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  return childEnv;
}

/**
 * Starts Electron on appDir (the folder with package.json whose `main` is the shell).
 * Throws when no runnable binary exists: callers check findElectronBinary() first and fall
 * back to browser mode.
 */
export function launchElectron(appDir: string, extraArgs: string[], options: ElectronLookupOptions = {}): ChildProcess {
  const binary = findElectronBinary(options);
  if (!binary.ok) throw new Error(`cannot start Electron: ${binary.reason}`);
  return spawn(binary.path, [appDir, ...extraArgs], {
    stdio: 'inherit',
    env: electronChildEnv(options.env ?? process.env),
    windowsHide: false,
  });
}
