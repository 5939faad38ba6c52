/**
 * Brings the local store to the current schema before anything else touches it. When migrations are
 * pending on an existing store, the file is copied aside first (the last three copies are kept) and
 * restored if a migration fails, so an update can never cost the clerk's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { desktopMigrationSource } from '../../../migrations/desktop';
import { createPrivateFile, ensurePrivateDir, makeFilePrivate } from '../private-files';

const BACKUPS_KEPT = 3;

/** A migration failed; `restored` says whether the store was put back as it was before. */
export class MigrationFailedError extends Error {
  constructor(
    readonly restored: boolean,
    override readonly cause: unknown,
  ) {
    super(restored ? 'A schema migration failed; the store was restored from the copy made before it' : 'A schema migration failed on a new store');
    this.name = 'MigrationFailedError';
  }

  /** What the clerk is told, in Chinese. */
  get clerkMessage(): string {
    return this.restored
      ? '新版本程序升级本机数据时出错，已自动恢复到升级前的数据，数据没有丢失。请先不要使用新版本，联系技术支持。'
      : '新版本程序初始化本机数据时出错。请联系技术支持。';
  }
}

export interface MigrationOutcome {
  applied: string[];
  backupFile: string | null;
}

async function migrationStatus(db: Knex, migrationSource: Knex.MigrationSource<unknown>): Promise<{ applied: number; pending: string[] }> {
  const [completed, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], Array<string | { file: string }>];
  return { applied: completed.length, pending: pending.map((p) => (typeof p === 'string' ? p : p.file)) };
}

function pruneBackups(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.startsWith('before-migration-')).sort();
  for (const old of files.slice(0, Math.max(0, files.length - BACKUPS_KEPT))) fs.rmSync(path.join(dir, old));
}

export async function migrateWithBackup(
  db: Knex,
  databaseFile: string,
  migrationSource: Knex.MigrationSource<unknown> = desktopMigrationSource,
): Promise<MigrationOutcome> {
  const { applied, pending } = await migrationStatus(db, migrationSource);
  if (pending.length === 0) return { applied: [], backupFile: null };
  let backupFile: string | null = null;
  // A brand-new store has nothing to lose; an existing one is copied before anything changes.
  if (applied > 0) {
    const backupDir = path.join(path.dirname(databaseFile), 'backups');
    ensurePrivateDir(backupDir);
    backupFile = path.join(backupDir, `before-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    // 0600 before VACUUM INTO fills it (an empty file is accepted); it writes a consistent copy including the WAL.
    createPrivateFile(backupFile, { exclusive: true });
    await db.raw('VACUUM INTO ?', [backupFile]);
    makeFilePrivate(backupFile);
    pruneBackups(backupDir);
  }
  try {
    await db.migrate.latest({ migrationSource });
  } catch (error) {
    if (backupFile) {
      await db.destroy();
      for (const suffix of ['-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
      fs.copyFileSync(backupFile, databaseFile);
    }
    throw new MigrationFailedError(backupFile !== null, error);
  }
  return { applied: pending, backupFile };
}
