/** A fresh data folder with a migrated store, for tests that need the real SQLite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../src-main/core/app-context';
import { silentLogger } from '../../src-node/logger';
import { idChecksumChar } from '../../src-shared/domain/id-card';

export interface TempApp {
  dir: string;
  context: AppContext;
  dispose(): Promise<void>;
}

export async function openTempApp(options: { init?: boolean } = {}): Promise<TempApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-test-'));
  const context = await openAppContext({ dataDir: dir, mode: 'web', logger: silentLogger });
  if (options.init !== false) await context.services.settings.init({ countyCode: '230102', operatorName: '张三' });
  return {
    dir,
    context,
    async dispose() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
