/**
 * Backups of the local store to a file the clerk keeps (USB stick, network share), and restoring
 * one. A restore is staged and applied at the next start, before the store is opened, so it never
 * swaps the file under a running app; the store it replaces is kept in backups/.
 *
 * A backup file is untrusted input when it comes back: it is checked read-only and the staged store
 * is rebuilt from our own migrations with the file's rows (restore-rebuild.ts), never copied as is.
 * Backups carry no secrets (the device token), and this PC keeps its own identity across a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { desktopMigrationSource } from '../../../migrations/desktop';
import { AppError } from '../../../src-shared/errors';
import { openDatabase, openReadOnlyDatabase, openStagingDatabase } from '../db/connection';
import { PC_IDENTITY_KEYS, SECRET_SETTING_KEYS } from '../db/repositories/settings-repository';
import { createPrivateFile, ensurePrivateDir, makeFilePrivate } from '../private-files';
import { rebuildStore } from './restore-rebuild';

export const PENDING_RESTORE_FILE = 'restore-pending.sqlite';
/** Working files of stageRestore in the data folder; removed whatever happens. */
const RESTORE_SOURCE_FILE = 'restore-source.partial';
const RESTORE_BUILD_FILE = 'restore-building.partial';
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const REQUIRED_TABLES = ['knex_migrations', 'settings', 'trainees'];

function removeStore(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** Removes the secrets from a fresh backup copy, leaving no trace of them in its free pages (secure_delete, VACUUM). */
async function stripSecrets(file: string): Promise<void> {
  const db = openStagingDatabase(file);
  try {
    await db('settings').whereIn('key', SECRET_SETTING_KEYS).delete();
    await db.raw('VACUUM');
  } finally {
    await db.destroy();
  }
}

export async function writeBackup(db: Knex, targetFile: string): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(targetFile), { recursive: true, mode: 0o700 });
  try {
    // 0600 and exclusive before VACUUM INTO fills it (it accepts an empty file): never overwrites, never readable by others.
    createPrivateFile(targetFile, { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('CONFLICT', '该位置已有同名文件，请换一个文件名');
    throw error;
  }
  try {
    // VACUUM INTO writes a consistent, compact copy while the app keeps running.
    await db.raw('VACUUM INTO ?', [targetFile]);
    await stripSecrets(targetFile);
    makeFilePrivate(targetFile);
  } catch (error) {
    removeStore(targetFile);
    throw error;
  }
  return { file: targetFile, bytes: fs.statSync(targetFile).size };
}

export interface BackupSummary {
  countyCode: string | null;
  trainees: number;
  migrations: string[];
}

function refuse(message: string): never {
  throw AppError.field('file', message);
}

/**
 * Opens a candidate file read-only and checks it is a Skills Desk store this version can use: the
 * SQLite header, a full integrity check, our tables, migrations that are a prefix of ours, the county.
 */
export async function inspectBackup(file: string, expectedCounty: string | null): Promise<BackupSummary> {
  if (!fs.existsSync(file)) refuse('找不到这个备份文件');
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== SQLITE_MAGIC) refuse('这不是本程序的备份文件（文件格式不对）');
  const db = openReadOnlyDatabase(file);
  try {
    const integrity = (await db.raw('PRAGMA integrity_check')) as Array<Record<string, string>>;
    if (integrity.length !== 1 || Object.values(integrity[0]!)[0] !== 'ok') refuse('备份文件已损坏，无法恢复。请换一份备份文件');
    const tables = new Set(await db('sqlite_master').where({ type: 'table' }).pluck<string[]>('name'));
    if (REQUIRED_TABLES.some((t) => !tables.has(t))) refuse('这不是本程序的备份文件（缺少本程序的数据表）');
    const migrations = await db('knex_migrations').orderBy('id').pluck<string[]>('name');
    const ours = (await desktopMigrationSource.getMigrations([])) as string[];
    if (migrations.some((name) => !ours.includes(name))) refuse('这个备份来自更新版本的程序，请先把本程序升级到最新版本再恢复');
    // Rebuilt by our migrations up to the backup's level: that level has to be one our migrations pass through.
    if (migrations.length === 0 || migrations.some((name, i) => ours[i] !== name)) refuse('这个备份文件的版本记录不完整，不能恢复');
    const county = await db('settings').where({ key: 'countyCode' }).first<{ value: string } | undefined>('value');
    const countyCode = county ? (JSON.parse(county.value) as unknown) : null;
    if (countyCode !== null && typeof countyCode !== 'string') refuse('这个备份文件的单位设置不对，不能恢复');
    if (expectedCounty && countyCode && countyCode !== expectedCounty) refuse('这个备份属于其他单位，不能恢复到本机');
    const counted = await db('trainees').whereNull('deleted_at').count<{ n: number }[]>({ n: '*' });
    return { countyCode, trainees: Number(counted[0]?.n ?? 0), migrations };
  } catch (error) {
    if (error instanceof AppError) throw error;
    refuse('备份文件已损坏，无法读取');
  } finally {
    await db.destroy();
  }
}

/**
 * Checks the file, then stages a store rebuilt from it to replace the current one at the next start.
 * The file is first copied privately, so what is checked is what is rebuilt; a refusal leaves nothing behind.
 */
export async function stageRestore(dataDir: string, file: string, expectedCounty: string | null): Promise<BackupSummary> {
  const source = path.join(dataDir, RESTORE_SOURCE_FILE);
  const building = path.join(dataDir, RESTORE_BUILD_FILE);
  removeStore(source);
  removeStore(building);
  try {
    if (!fs.existsSync(file)) refuse('找不到这个备份文件');
    createPrivateFile(source);
    fs.copyFileSync(file, source);
    makeFilePrivate(source);
    const summary = await inspectBackup(source, expectedCounty);
    await rebuildStore(source, building, summary.migrations);
    fs.renameSync(building, path.join(dataDir, PENDING_RESTORE_FILE));
    return summary;
  } finally {
    removeStore(source);
    removeStore(building);
  }
}

interface SettingRow {
  key: string;
  value: string;
}

/**
 * This PC's identity from the current store, as stored (a sealed token stays sealed); null when the current
 * store cannot be read (a restore is often what mends a broken store: it then goes ahead, and the PC enrols again).
 */
async function currentIdentity(databaseFile: string): Promise<SettingRow[] | null> {
  const db = openDatabase(databaseFile);
  try {
    if (!(await db.schema.hasTable('settings'))) return [];
    const rows = await db('settings').whereIn('key', [...PC_IDENTITY_KEYS, 'countyCode']).select<SettingRow[]>('key', 'value');
    // The county is kept only when set here (the backup's was checked to be the same); a PC not yet set up takes the backup's.
    return rows.filter((r) => r.key !== 'countyCode' || r.value !== 'null');
  } catch {
    return null;
  } finally {
    await db.destroy().catch(() => undefined);
  }
}

async function putIdentity(file: string, rows: SettingRow[]): Promise<void> {
  const db = openStagingDatabase(file);
  try {
    await db.transaction(async (trx) => {
      await trx('settings').whereIn('key', [...PC_IDENTITY_KEYS, ...rows.map((r) => r.key)]).delete();
      if (rows.length > 0) await trx('settings').insert(rows);
    });
  } finally {
    await db.destroy();
  }
}

/**
 * Called before the store opens: puts a staged restore in place with this PC's identity, keeping the replaced
 * store. Null when nothing was staged; `identityKept` false when the current store could not be read.
 */
export async function applyPendingRestore(dataDir: string, databaseFile: string): Promise<{ identityKept: boolean } | null> {
  const pending = path.join(dataDir, PENDING_RESTORE_FILE);
  if (!fs.existsSync(pending)) return null;
  let identity: SettingRow[] | null = [];
  if (fs.existsSync(databaseFile)) {
    identity = await currentIdentity(databaseFile);
    await putIdentity(pending, identity ?? []);
    const backupDir = path.join(dataDir, 'backups');
    ensurePrivateDir(backupDir);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(databaseFile + suffix)) continue;
      const kept = path.join(backupDir, `before-restore-${stamp}.sqlite${suffix}`);
      fs.copyFileSync(databaseFile + suffix, kept);
      makeFilePrivate(kept);
      if (suffix !== '') fs.rmSync(databaseFile + suffix, { force: true });
    }
  } else {
    // No current store: no identity to keep, and none is taken from the file.
    await putIdentity(pending, []);
  }
  makeFilePrivate(pending);
  fs.renameSync(pending, databaseFile);
  return { identityKept: identity !== null };
}
