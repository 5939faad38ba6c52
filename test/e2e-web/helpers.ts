/**
 * Starts the real `skills-desk web` host for one test, on a fresh temporary data folder, and stops it
 * afterwards. Use the `host` fixture (initialised county), `freshHost` (first-run, nothing set up),
 * or `withHostOn` for a folder the test prepared itself (e.g. with demo data).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type APIRequestContext, type Page } from '@playwright/test';
import type { SessionState } from '../../src-shared/schemas/session';
import { TEST_PIN } from '../support/test-pin';
import { runCli, startWebHost } from '../support/web-host-process';

export { runCli };

export { TEST_PIN };

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
  /** false: leave the host locked (the lock screen's own tests). */
  logIn?: boolean;
}

// Playwright reads a fixture's dependencies from the destructuring pattern, so the empty `{}` is required.
export const test = base.extend<{ host: RunningHost; freshHost: RunningHost; lockedHost: RunningHost }>({
  host: async ({}, use) => {
    await withHost({ initialised: true }, use);
  },
  /** Initialised (county 230102, operator 张三 without a PIN yet) and locked, as the app starts: the lock screen. */
  lockedHost: async ({}, use) => {
    await withHost({ initialised: true, logIn: false }, use);
  },
  freshHost: async ({}, use) => {
    await withHost({ initialised: false }, use);
  },
});

export { expect } from '@playwright/test';

/** Calls a procedure the way the page does, to prepare data without typing it through the UI; answers the whole body. */
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

/** Like rpc, answering only `data`, typed by the caller (the host validated it against the contract). */
export async function call<T>(request: APIRequestContext, host: RunningHost, name: string, input: unknown): Promise<T> {
  const body = (await rpc(request, host, name, input)) as { data: T };
  return body.data;
}

/** Calls a procedure of a running host with Node's fetch (no page or request context needed). */
async function hostCall<T>(url: string, name: string, input: unknown): Promise<T> {
  const address = new URL(url);
  const response = await fetch(`${address.origin}/rpc/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${address.searchParams.get('token') ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? response.status}`);
  return body.data;
}

/**
 * Every start of the app is locked (the operator lock, issue #19): the last operator (or the first) logs in once
 * with TEST_PIN, setting it first when they have none (a folder made by `init` or `demo`), as a clerk does at the
 * lock screen. The host has one keyboard session, so the page opens unlocked. An unconfigured folder stays as it is.
 */
export async function logInOnce(url: string): Promise<void> {
  const state = await hostCall<SessionState>(url, 'session.state', {});
  if (!state.configured || !state.locked) return;
  const operator = state.operators.find((o) => o.id === state.lastOperatorId) ?? state.operators[0]!;
  await hostCall(url, operator.hasPin ? 'session.login' : 'session.setPin', { operatorId: operator.id, pin: TEST_PIN });
}

/** Runs `use` against a host on `dataDir`, which the caller prepared and removes; the operator is logged in. */
export async function withHostOn(dataDir: string, use: (host: RunningHost) => Promise<void>, options: { logIn?: boolean } = {}): Promise<void> {
  const host = await startWebHost(dataDir);
  try {
    if (options.logIn !== false) await logInOnce(host.url);
    await use({ url: host.url, dataDir });
  } finally {
    await host.stop();
  }
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-e2e-'));
}

async function withHost(options: HostOptions, use: (host: RunningHost) => Promise<void>): Promise<void> {
  const dataDir = tempDataDir();
  try {
    if (options.initialised) runCli(['init', '--data', dataDir, '--county', TEST_COUNTY, '--operator', TEST_OPERATOR]);
    await withHostOn(dataDir, use, { logIn: options.logIn !== false });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Screenshots are kept as test artifacts; UPDATE_SCREENSHOTS=1 refreshes the README's copies in docs/. */
export async function saveScreenshot(target: Page | ReturnType<Page['locator']>, name: string): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const file = process.env.UPDATE_SCREENSHOTS
    ? path.join(root, 'docs', 'screenshots', `${name}.png`)
    : path.join(root, 'test-results', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await target.screenshot({ path: file });
}
