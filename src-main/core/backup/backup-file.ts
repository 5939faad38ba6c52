/**
 * Backups of the local store to a file the clerk keeps (USB stick, network share), and restoring
 * one. A restore is staged and applied at the next start, before the store is opened, so it never
 * swaps the file under a running app; the store it replaces is kept in backups/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { desktopMigrationSource } from '../../../migrations/desktop';
import { AppError } from '../../../src-shared/errors';
import { openDatabase } from '../db/connection';

export const PENDING_RESTORE_FILE = 'restore-pending.sqlite';
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export async function writeBackup(db: Knex, targetFile: string): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  if (fs.existsSync(targetFile)) throw new AppError('CONFLICT', '该位置已有同名文件，请换一个文件名');
  // VACUUM INTO writes a consistent, compact copy while the app keeps running.
  await db.raw('VACUUM INTO ?', [targetFile]);
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

/** Opens a candidate file read-only and checks it is a Skills Desk store this version can use. */
export async function inspectBackup(file: string, expectedCounty: string | null): Promise<BackupSummary> {
  if (!fs.existsSync(file)) refuse('找不到这个备份文件');
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== SQLITE_MAGIC) refuse('这不是本程序的备份文件（文件格式不对）');
  const db = openDatabase(file);
  try {
    const hasTables = (await db.schema.hasTable('knex_migrations')) && (await db.schema.hasTable('settings')) && (await db.schema.hasTable('trainees'));
    if (!hasTables) refuse('这不是本程序的备份文件（缺少本程序的数据表）');
    const migrations = await db('knex_migrations').orderBy('id').pluck<string[]>('name');
    const known = new Set((await desktopMigrationSource.getMigrations([])) as string[]);
    if (migrations.some((name) => !known.has(name))) refuse('这个备份来自更新版本的程序，请先把本程序升级到最新版本再恢复');
    const county = await db('settings').where({ key: 'countyCode' }).first<{ value: string } | undefined>('value');
    const countyCode = county ? (JSON.parse(county.value) as string) : null;
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

/** Checks the file, then stages it to replace the store at the next start. */
export async function stageRestore(dataDir: string, file: string, expectedCounty: string | null): Promise<BackupSummary> {
  const summary = await inspectBackup(file, expectedCounty);
  fs.copyFileSync(file, path.join(dataDir, PENDING_RESTORE_FILE));
  return summary;
}

/** Called before the store opens: puts a staged restore in place, keeping the replaced store. */
export function applyPendingRestore(dataDir: string, databaseFile: string): boolean {
  const pending = path.join(dataDir, PENDING_RESTORE_FILE);
  if (!fs.existsSync(pending)) return false;
  if (fs.existsSync(databaseFile)) {
    const backupDir = path.join(dataDir, 'backups');
    fs.mkdirSync(backupDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    fs.copyFileSync(databaseFile, path.join(backupDir, `before-restore-${stamp}.sqlite`));
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(databaseFile + suffix)) fs.copyFileSync(databaseFile + suffix, path.join(backupDir, `before-restore-${stamp}.sqlite${suffix}`));
      fs.rmSync(databaseFile + suffix, { force: true });
    }
  }
  fs.renameSync(pending, databaseFile);
  return true;
}
