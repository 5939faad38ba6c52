/**
 * Issue #18 item 6: the device token never lies in the store in plain text and never travels in a backup. It is
 * sealed by the host's secret box (safeStorage in the window, a key file readable only by the user elsewhere),
 * an old store with a plaintext token is sealed when it is opened, and sync reads it through the box.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { writeBackup } from '../../src-main/core/backup/backup-file';
import { databaseFile, openDatabase } from '../../src-main/core/db/connection';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { appTest, describeEachServer } from '../support/fixtures';
import { registerTrainees, sync } from '../support/sync-harness';
import { openAppContextOn } from '../support/temp-app';
import { recoverWithCode } from '../../src-main/core/secrets/recover';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** Every file of the store on disk (the database, its WAL and shared memory), read raw. */
function storeBytes(dir: string): Array<[string, Buffer]> {
  const file = databaseFile(dir);
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => [path.basename(f), fs.readFileSync(f)]);
}

function expectNowhere(token: string, files: Array<[string, Buffer]>): void {
  expect(token.length).toBeGreaterThanOrEqual(16);
  for (const [name, bytes] of files) expect({ name, found: bytes.includes(Buffer.from(token, 'utf8')) }).toEqual({ name, found: false });
}

describeEachServer('the device token at rest', (test) => {
  test('is in neither the store, its WAL nor a fresh backup, while sync reads it', async ({ enrolPc }) => {
    const pc = await enrolPc();
    await registerTrainees(pc, 3);
    expect((await sync(pc)).outcome).toBe('done');
    const token = (await new SettingsRepository(pc.context.db).get<string>('deviceToken'))!;
    expect(fs.existsSync(`${databaseFile(pc.dir)}-wal`)).toBe(true);
    expectNowhere(token, storeBytes(pc.dir));

    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-token-backup-'));
    dirs.push(backupDir);
    const backup = path.join(backupDir, 'backup.sqlite');
    await writeBackup(pc.context.db, backup);
    expectNowhere(token, [['backup', fs.readFileSync(backup)]]);
    const copy = openDatabase(backup);
    try {
      // Not even sealed: the backup carries no device token at all.
      expect(await copy('settings').where({ key: 'deviceToken' }).count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
    } finally {
      await copy.destroy();
    }
  });

  test('still syncs after a restart (the token is opened through the box)', async ({ enrolPc }) => {
    const pc = await enrolPc();
    // Other ID numbers than the first test's: the same server holds both PCs' pushes.
    await registerTrainees(pc, 2, { offset: 500 });
    await pc.reopen();
    const report = await sync(pc);
    expect(report.outcome).toBe('done');
    expect(report.pushed.applied).toBeGreaterThan(0);
    expect((await pc.context.services.sync.status()).enrolled).toBe(true);
  });
});

appTest('an old store with a plaintext token is sealed in place when opened, and leaves no plaintext behind', async ({ app: pc }) => {
  await pc.close();
  const legacy = 'legacy-plaintext-token-4b9e2c7a1d8f3e60';
  // Written as the previous version wrote it: JSON in the settings table.
  const db = openDatabase(databaseFile(pc.dir));
  await db('settings').insert([
    { key: 'deviceToken', value: JSON.stringify(legacy) },
    { key: 'serverUrl', value: JSON.stringify('https://sync.example.gov.cn') },
  ]);
  await db.destroy();
  expect(storeBytes(pc.dir).some(([, bytes]) => bytes.includes(Buffer.from(legacy)))).toBe(true);
  // The copy an older version made before a migration carries the plaintext token too.
  fs.mkdirSync(path.join(pc.dir, 'backups'), { recursive: true });
  fs.copyFileSync(databaseFile(pc.dir), path.join(pc.dir, 'backups', 'before-migration-2026-11-01T00-00-00-000Z.sqlite'));

  await pc.reopen();
  expect(await new SettingsRepository(pc.context.db).get<string>('deviceToken')).toBe(legacy);
  const raw = await pc.context.db('settings').where({ key: 'deviceToken' }).first<{ value: string }>('value');
  expect(raw.value).not.toContain(legacy);
  expectNowhere(legacy, storeBytes(pc.dir));
  const copies = fs.readdirSync(path.join(pc.dir, 'backups'));
  expect(copies.length).toBeGreaterThan(0);
  expectNowhere(legacy, copies.map((f) => [f, fs.readFileSync(path.join(pc.dir, 'backups', f))]));
  await pc.close();
  expectNowhere(legacy, storeBytes(pc.dir));
  await pc.reopen();
  expect(await new SettingsRepository(pc.context.db).get<string>('deviceToken')).toBe(legacy);
});

appTest('a store copied without its key file cannot sync as this PC, and says what to do', async ({ app: pc }) => {
  const recoveryCode = pc.context.newRecoveryCode!;
  await new SettingsRepository(pc.context.db).set('serverUrl', 'https://sync.example.gov.cn');
  await new SettingsRepository(pc.context.db).set('deviceToken', 'a-token-sealed-by-the-key-file-0123');
  await pc.close();
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-copied-'));
  dirs.push(elsewhere);
  fs.copyFileSync(databaseFile(pc.dir), databaseFile(elsewhere));
  await pc.reopen();

  // The personal data opens with the recovery code (at-rest.test.ts); the device token stays this PC's.
  await expect(openAppContextOn(elsewhere)).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('恢复码') });
  await recoverWithCode(elsewhere, recoveryCode);
  const copied = await openAppContextOn(elsewhere);
  try {
    await expect(new SettingsRepository(copied.db).get('deviceToken')).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('重新登记') });
    expect((await copied.services.sync.status()).enrolled).toBe(true);
  } finally {
    await copied.close();
  }
});
