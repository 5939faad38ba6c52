/**
 * Starts the real `skills-desk web` host for one test, on a fresh temporary data folder, and stops it
 * afterwards. Use the `host` fixture (initialised county) or `freshHost` (first-run, nothing set up).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, type APIRequestContext } from '@playwright/test';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'bin', 'skills-desk.js');
const STARTUP_TIMEOUT_MS = 30_000;
const ADDRESS_LINE = /^Skills Desk is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\s*$/;

export const TEST_COUNTY = '230102';
export const TEST_OPERATOR = '张三';

export interface RunningHost {
  /** The address the host printed, with the token. */
  url: string;
  dataDir: string;
}

interface HostOptions {
  /** Run `init` first (county 230102, operator 张三); false leaves the folder un-initialised. */
  initialised: boolean;
}

// Playwright reads a fixture's dependencies from the destructuring pattern, so the empty `{}` is required.
export const test = base.extend<{ host: RunningHost; freshHost: RunningHost }>({
  host: async ({}, use) => {
    await withHost({ initialised: true }, use);
  },
  freshHost: async ({}, use) => {
    await withHost({ initialised: false }, use);
  },
});

export { expect } from '@playwright/test';

/** Calls a procedure the way the page does, to prepare data without typing it through the UI. */
export async function rpc(request: APIRequestContext, host: RunningHost, name: string, input: unknown): Promise<unknown> {
  const url = new URL(host.url);
  const token = url.searchParams.get('token') ?? '';
  const response = await request.post(`${url.origin}/rpc/${name}`, {
    data: input,
    headers: { Authorization: `Bearer ${token}` },
  });
  const body: unknown = await response.json();
  if (!response.ok()) throw new Error(`${name} answered ${response.status()}: ${JSON.stringify(body)}`);
  return body;
}

async function withHost(options: HostOptions, use: (host: RunningHost) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-e2e-'));
  if (options.initialised) initDataDir(dataDir);
  const token = randomBytes(18).toString('hex');
  const child = spawn(process.execPath, [CLI, 'web', '--data', dataDir, '--port', '0', '--token', token], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    const url = await addressOf(child, stderr);
    await use({ url, dataDir });
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function initDataDir(dataDir: string): void {
  const result = spawnSync(
    process.execPath,
    [CLI, 'init', '--data', dataDir, '--county', TEST_COUNTY, '--operator', TEST_OPERATOR],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: STARTUP_TIMEOUT_MS },
  );
  if (result.status !== 0) {
    throw new Error(`skills-desk init failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Resolves with the URL from the host's first stdout line; fails fast if the host exits or stalls. */
function addressOf(child: ChildProcessWithoutNullStreams, stderr: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail('did not print its address in time'), STARTUP_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`skills-desk web ${why}.\nstderr:\n${stderr.join('')}`));
    }
    lines.once('line', (line) => {
      const match = ADDRESS_LINE.exec(line);
      if (!match) return fail(`printed an unexpected first line: ${line}`);
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => fail(`exited early with code ${code}`));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
