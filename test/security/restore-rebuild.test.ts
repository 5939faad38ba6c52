/**
 * Issue #18 item 3: a crafted backup is never restored as is. The file is checked read-only (integrity_check
 * included) and a fresh store is built from our own migrations with the file's rows copied in, so nothing of the
 * file's schema (triggers, views, extra tables or columns) survives, and the PC keeps its own server URL and
 * device token whatever the file says.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PENDING_RESTORE_FILE, stageRestore, writeBackup } from '../../src-main/core/backup/backup-file';
import { LATEST_DESKTOP_MIGRATION, desktopMigrationSource } from '../../migrations/desktop';
import { databaseFile, openDatabase } from '../../src-main/core/db/connection';
import { SettingsRepository } from '../../src-main/core/db/repositories/settings-repository';
import { openAppContextOn, openTempApp, traineeInput, validIdNumber, type TempApp } from '../support/temp-app';
import { bindPersonalDataCipher, personalDataOf } from '../../src-main/core/secrets/personal-data';
import { migrateDownThrough } from '../support/migrate-down';

const CURRENT_SERVER = 'https://sync.current.example.gov.cn';
const CURRENT_TOKEN = 'current-device-token-7f3a9c1e5b2d4f60';
const EVIL_SERVER = 'https://evil.example';

const apps: TempApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (apps.length > 0) await apps.pop()!.dispose();
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-restore-'));
  dirs.push(dir);
  return dir;
}

/** An enrolled PC with one trainee, and a backup of it. */
async function enrolledAppWithBackup(): Promise<{ app: TempApp; file: string }> {
  const app = await openTempApp();
  apps.push(app);
  const settings = new SettingsRepository(app.context.db);
  await settings.set('serverUrl', CURRENT_SERVER);
  await settings.set('deviceToken', CURRENT_TOKEN);
  await settings.set('serverDeviceId', 'server-device-1');
  expect((await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 1) }))).ok).toBe(true);
  const file = path.join(scratch(), '备份.sqlite');
  await writeBackup(app.context.db, file);
  return { app, file };
}

/** Edits a backup file as an attacker would, with a plain SQLite connection, leaving one self-contained file. */
async function tamper(file: string, statements: string[]): Promise<void> {
  const db = openDatabase(file);
  try {
    for (const sql of statements) await db.raw(sql);
    await db.raw('PRAGMA journal_mode = DELETE');
  } finally {
    await db.destroy();
  }
}

async function restart(app: TempApp): Promise<void> {
  await app.context.close();
  app.context = await openAppContextOn(app.dir);
}

async function schemaNames(app: TempApp, type: string): Promise<string[]> {
  return app.context.db('sqlite_master').where({ type }).orderBy('name').pluck<string[]>('name');
}

describe('restore rebuilds the store instead of copying the file', () => {
  it('drops a planted trigger that copies every new trainee into another table', async () => {
    const { app, file } = await enrolledAppWithBackup();
    await tamper(file, [
      'CREATE TABLE stolen (id_number TEXT, name TEXT)',
      'CREATE TRIGGER steal AFTER INSERT ON trainees BEGIN INSERT INTO stolen VALUES (NEW.id_number, NEW.name); END',
      'CREATE VIEW everything AS SELECT id_number FROM trainees',
      'ALTER TABLE trainees ADD COLUMN planted TEXT',
      'CREATE INDEX planted_index ON trainees (planted)',
    ]);
    const triggersBefore = await schemaNames(app, 'trigger');
    const countsBefore = await app.context.db('dispatch_daily_counts').orderBy('day').select();
    const indexesBefore = await schemaNames(app, 'index');

    await stageRestore(app.dir, file, '230102');
    await restart(app);

    expect(await schemaNames(app, 'trigger')).toEqual(triggersBefore);
    expect(await schemaNames(app, 'index')).toEqual(indexesBefore);
    expect(await schemaNames(app, 'view')).toEqual([]);
    expect(await app.context.db.schema.hasTable('stolen')).toBe(false);
    expect(await app.context.db.schema.hasColumn('trainees', 'planted')).toBe(false);
    // Our triggers rebuilt the derived counters from the copied rows.
    expect(await app.context.db('dispatch_daily_counts').orderBy('day').select()).toEqual(countsBefore);
    // The backup's trainee is back, and a new one goes nowhere else.
    expect(await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1 }]);
    expect((await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 2) }))).ok).toBe(true);
    expect(await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 2 }]);
    const tables = await schemaNames(app, 'table');
    for (const table of tables) expect(table).not.toMatch(/stolen/);
  });

  it('keeps the PC own server URL and device token, whatever the file says and its triggers do', async () => {
    const { app, file } = await enrolledAppWithBackup();
    await tamper(file, [
      `UPDATE settings SET value = '"${EVIL_SERVER}"' WHERE key = 'serverUrl'`,
      `UPDATE settings SET value = '"attacker-token"' WHERE key = 'deviceToken'`,
      `INSERT INTO settings (key, value) VALUES ('deviceToken', '"attacker-token"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      `CREATE TRIGGER pin_server_on_update AFTER UPDATE ON settings BEGIN UPDATE settings SET value = '"${EVIL_SERVER}"' WHERE key = 'serverUrl'; END`,
      `CREATE TRIGGER pin_server_on_trainee AFTER INSERT ON trainees BEGIN
         INSERT INTO settings (key, value) VALUES ('serverUrl', '"${EVIL_SERVER}"') ON CONFLICT (key) DO UPDATE SET value = excluded.value; END`,
      `CREATE TRIGGER pin_server_on_sync AFTER INSERT ON sync_state BEGIN
         UPDATE settings SET value = '"${EVIL_SERVER}"' WHERE key = 'serverUrl'; END`,
    ]);

    await stageRestore(app.dir, file, '230102');
    await restart(app);

    const settings = new SettingsRepository(app.context.db);
    expect(await settings.get<string>('serverUrl')).toBe(CURRENT_SERVER);
    expect(await settings.get<string>('deviceToken')).toBe(CURRENT_TOKEN);
    // Writes that would have fired the planted triggers.
    expect((await app.context.invoke('trainees.create', traineeInput({ idNumber: validIdNumber('19900101', 3) }))).ok).toBe(true);
    await settings.set('contactPhone', '0451-12345678');
    expect(await settings.get<string>('serverUrl')).toBe(CURRENT_SERVER);
    expect((await app.context.services.sync.status()).serverUrl).toBe(CURRENT_SERVER);
    expect(await app.context.db('sqlite_master').where({ type: 'trigger' }).where('name', 'like', 'pin_server%').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses a backup that fails PRAGMA integrity_check, and changes nothing', async () => {
    const { app, file } = await enrolledAppWithBackup();
    // Point an index of the audit trail (rows: the trainee's creation) at an empty index's pages (no training records yet): everything the
    // old checks read still reads fine, only a full integrity check sees the index no longer matches its table.
    const indexes = await (async () => {
      const db = openDatabase(file);
      try {
        return await db('sqlite_master').where({ type: 'index' }).whereNotNull('sql').select<Array<{ name: string; tbl_name: string; rootpage: number }>>('name', 'tbl_name', 'rootpage');
      } finally {
        await db.destroy();
      }
    })();
    const audited = indexes.find((i) => i.tbl_name === 'audit_log')!;
    const empty = indexes.find((i) => i.tbl_name === 'enrolments')!;
    expect(audited && empty).toBeTruthy();
    await tamper(file, ['PRAGMA writable_schema = ON', `UPDATE sqlite_master SET rootpage = ${empty.rootpage} WHERE name = '${audited.name}'`]);
    const storeBefore = fs.readFileSync(databaseFile(app.dir));
    const dirBefore = fs.readdirSync(app.dir).sort();

    await expect(stageRestore(app.dir, file, '230102')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('损坏') });

    expect(fs.existsSync(path.join(app.dir, PENDING_RESTORE_FILE))).toBe(false);
    expect(fs.readdirSync(app.dir).sort()).toEqual(dirBefore);
    expect(fs.readFileSync(databaseFile(app.dir)).equals(storeBefore)).toBe(true);
    await restart(app);
    expect(await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('restores a backup of an older schema level: rebuilt at its level by our migrations, then migrated at the start', async () => {
    const { app, file } = await enrolledAppWithBackup();
    // Roll the backup back to before the sealing migration, as an older version of the program would have written it.
    const old = openDatabase(file);
    // The backup is sealed with this PC's data key, which the sealing migration's down() needs to open it again.
    bindPersonalDataCipher(old, personalDataOf(app.context.db));
    try {
      await migrateDownThrough(old, desktopMigrationSource, '20261204220000_personal_data_sealed');
      await old.raw('PRAGMA journal_mode = DELETE');
    } finally {
      await old.destroy();
    }
    const summary = await stageRestore(app.dir, file, '230102');
    expect(summary.migrations).not.toContain(LATEST_DESKTOP_MIGRATION);
    await restart(app);
    expect(await app.context.db('knex_migrations').orderBy('id').pluck('name')).toEqual(await desktopMigrationSource.getMigrations([]));
    expect(await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await new SettingsRepository(app.context.db).get<string>('serverUrl')).toBe(CURRENT_SERVER);
    // The copy made before migrating held the clear numbers of the older level: removed once the store was sealed.
    expect(fs.readdirSync(path.join(app.dir, 'backups')).some((f) => f.startsWith('before-migration-'))).toBe(false);
    expect(await app.context.db('trainees').whereNull('id_hash').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses a backup whose migration record is not a level our migrations pass through', async () => {
    const { app, file } = await enrolledAppWithBackup();
    await tamper(file, ["DELETE FROM knex_migrations WHERE name = '20261125110000_name_initials'"]);
    await expect(stageRestore(app.dir, file, '230102')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('版本记录不完整') });
    expect(fs.existsSync(path.join(app.dir, PENDING_RESTORE_FILE))).toBe(false);
  });

  it('mends a broken current store and still takes no server URL or token from the file', async () => {
    const { app, file } = await enrolledAppWithBackup();
    await tamper(file, [`UPDATE settings SET value = '"${EVIL_SERVER}"' WHERE key = 'serverUrl'`]);
    await stageRestore(app.dir, file, '230102');
    await app.context.close();
    const store = databaseFile(app.dir);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(store + suffix, { force: true });
    fs.writeFileSync(store, 'not a database any more');
    app.context = await openAppContextOn(app.dir);
    expect(await app.context.db('trainees').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 1 }]);
    const settings = new SettingsRepository(app.context.db);
    expect(await settings.get<string>('serverUrl')).toBeNull();
    expect(await settings.get<string>('deviceToken')).toBeNull();
    expect(await settings.get<string>('countyCode')).toBe('230102');
  });
});
