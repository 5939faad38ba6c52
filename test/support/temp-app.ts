/** A fresh data folder with a migrated store, for tests that need the real SQLite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { silentLogger } from '../../src-node/logger';
import { idChecksumChar } from '../../src-shared/domain/id-card';

export interface TempApp {
  dir: string;
  /** The open store; `reopen()` replaces it. */
  context: AppContext;
  /** Closes the store as quitting the app does (again is a no-op); the folder stays. */
  close(): Promise<void>;
  /**
   * The same data folder closed (if still open) and opened again, as the next start of the app does:
   * migrations, pending restores and reference data run again. In place: `context` is the new store.
   */
  reopen(): Promise<TempApp>;
  /** Closes the store and removes the folder. */
  dispose(): Promise<void>;
}

import { TEST_PIN } from './test-pin';

export { TEST_PIN };

/** Opens the store as the app does and logs its last operator in (unlockAsLastOperator), as a clerk would. */
export async function openAppContextOn(dataDir: string): Promise<AppContext> {
  const context = await openAppContext({ dataDir, mode: 'web', logger: silentLogger });
  await unlockAsLastOperator(context);
  return context;
}

/**
 * Logs the last operator (or the first) in with TEST_PIN, as the clerk does at the lock screen after a restart
 * (every start begins locked); one without a PIN (a store made by `init` or `demo`) sets it first. Does nothing
 * on a store without operators.
 */
export async function unlockAsLastOperator(context: AppContext): Promise<void> {
  const state = await context.services.operatorLock.state();
  const last = state.operators.find((o) => o.id === state.lastOperatorId) ?? state.operators[0];
  if (!last) return;
  if (last.hasPin) await context.services.operatorLock.login(last.id, TEST_PIN);
  else await context.services.operatorLock.setFirstPin(last.id, TEST_PIN);
}

/** A handle on a data folder whose store is open; it owns the folder (dispose removes it). */
export function tempAppOn(dir: string, context: AppContext): TempApp {
  let open = true;
  const app: TempApp = {
    dir,
    context,
    async close() {
      if (!open) return;
      open = false;
      await app.context.close();
    },
    async reopen() {
      await app.close();
      app.context = await openAppContextOn(dir);
      open = true;
      return app;
    },
    async dispose() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

export async function openTempApp(options: { init?: boolean } = {}): Promise<TempApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-test-'));
  const app = tempAppOn(dir, await openAppContextOn(dir));
  if (options.init !== false) {
    const init = await app.context.invoke('setup.init', { countyCode: '230102', operatorName: '张三', pin: TEST_PIN });
    if (!init.ok) throw new Error(`setup.init: ${init.error.message}`);
  }
  return app;
}

/** A valid ID number of Harbin Daoli district for a birth date and sequence. */
export function validIdNumber(birth = '19900101', sequence = 123, region = '230102'): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idChecksumChar(first17);
}

export function traineeInput(overrides: Record<string, unknown> = {}) {
  return {
    idNumber: validIdNumber(),
    name: '李四',
    phone: '13800138000',
    categories: ['rural_migrant'],
    ruralHukou: true,
    registeredAt: '2020-04-02',
    platformId: null,
    ...overrides,
  };
}
