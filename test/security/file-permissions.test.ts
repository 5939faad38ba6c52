/**
 * Issue #18 item 6: on POSIX the data folder is 0700 and everything the app writes into it (the store, its WAL
 * and shared memory, backups, exports, the key file) 0600, also for a folder that existed looser and under a
 * permissive umask. On Windows the per-user profile folder (%APPDATA%) plays this part; nothing is checked there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src-main/core/app-context';
import { writeBackup } from '../../src-main/core/backup/backup-file';
import { databaseFile } from '../../src-main/core/db/connection';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { openAppContextOn, traineeInput, unlockAsLastOperator } from '../support/temp-app';

const contexts: AppContext[] = [];
const dirs: string[] = [];
let savedUmask: number | null = null;
afterEach(async () => {
  while (contexts.length > 0) await contexts.pop()!.close();
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
  if (savedUmask !== null) process.umask(savedUmask);
  savedUmask = null;
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

async function openLooseDataDir(): Promise<AppContext> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-perm-'));
  dirs.push(parent);
  const dir = path.join(parent, 'data');
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const context = await openAppContextOn(dir);
  contexts.push(context);
  await context.services.settings.init({ countyCode: '230102', operatorName: '张三' });
  await unlockAsLastOperator(context);
  return context;
}

describe.skipIf(process.platform === 'win32')('file permissions of the data folder', () => {
  for (const umask of [0o022, 0o000]) {
    it(`keeps the folder 0700 and the store, WAL, backups, exports and key file 0600 (umask ${umask.toString(8).padStart(3, '0')})`, async () => {
      savedUmask = process.umask(umask);
      const context = await openLooseDataDir();
      const dir = context.dataDir;
      expect((await context.invoke('trainees.create', traineeInput())).ok).toBe(true);
      await new SettingsRepository(context.db).set('deviceToken', 'a-token-that-needs-the-key-file');
      const store = databaseFile(dir);

      expect(mode(dir)).toBe(0o700);
      expect(mode(store)).toBe(0o600);
      expect(mode(`${store}-wal`)).toBe(0o600);
      expect(mode(`${store}-shm`)).toBe(0o600);
      const keyFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.key'));
      expect(keyFiles).toHaveLength(1);
      expect(mode(path.join(dir, keyFiles[0]!))).toBe(0o600);

      const backup = path.join(dir, 'backups', 'manual.sqlite');
      await writeBackup(context.db, backup);
      expect(mode(path.dirname(backup))).toBe(0o700);
      expect(mode(backup)).toBe(0o600);

      const downloaded = await context.services.backups.create();
      expect(mode(context.services.files.get(downloaded.fileId).path)).toBe(0o600);
      expect(mode(context.services.files.dir)).toBe(0o700);
      const exported = await context.services.exports.create('trainees', false);
      expect(mode(context.services.files.get(exported.fileId).path)).toBe(0o600);
    });
  }

  it('tightens a store and WAL left 0644 by an earlier version', async () => {
    const context = await openLooseDataDir();
    const dir = context.dataDir;
    expect((await context.invoke('trainees.create', traineeInput())).ok).toBe(true);
    await context.close();
    contexts.pop();
    const store = databaseFile(dir);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(store, 0o644);
    const reopened = await openAppContextOn(dir);
    contexts.push(reopened);
    expect(mode(dir)).toBe(0o700);
    expect(mode(store)).toBe(0o600);
    expect((await reopened.invoke('trainees.create', traineeInput({ idNumber: '230102199001011238' }))).ok).toBeDefined();
    if (fs.existsSync(`${store}-wal`)) expect(mode(`${store}-wal`)).toBe(0o600);
  });
});
