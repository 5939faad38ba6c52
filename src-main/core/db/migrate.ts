/**
 * Brings the local store to the current schema before anything else touches it. When migrations are
 * pending on an existing store, the file is copied aside first (the last three copies are kept) and
 * restored if a migration fails, so an update can never cost the clerk's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { desktopMigrationSource } from '../../../migrations/desktop';

const BACKUPS_KEPT = 3;

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
    fs.mkdirSync(backupDir, { recursive: true });
    backupFile = path.join(backupDir, `before-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    // VACUUM INTO writes a consistent copy including what is still in the WAL.
    await db.raw('VACUUM INTO ?', [backupFile]);
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
    throw error;
  }
  return { applied: pending, backupFile };
}
