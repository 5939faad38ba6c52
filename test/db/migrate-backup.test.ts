/** A migration never costs data: the store is copied aside first, and put back if the migration fails. */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from '../../src-main/core/db/connection';
import { migrateWithBackup } from '../../src-main/core/db/migrate';
import { desktopMigrationSource } from '../../migrations/desktop';
import { openTempApp, traineeInput } from '../support/temp-app';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The real migrations plus more, the last of which succeeds or fails as asked. */
function withExtraMigrations(names: string[], fail: boolean): Knex.MigrationSource<string> {
  const name = names[names.length - 1]!;
  return {
    async getMigrations() {
      return [...((await desktopMigrationSource.getMigrations([])) as string[]), ...names];
    },
    getMigrationName: (migration) => migration,
    async getMigration(migration) {
      if (!names.includes(migration)) return desktopMigrationSource.getMigration(migration);
      if (migration !== name) return { async up() {}, async down() {} };
      return {
        async up(knex: Knex) {
          await knex.schema.createTable(`extra_${name}`, (t) => t.increments('id'));
          await knex('trainees').delete(); // a migration gone wrong, half way
          if (fail) throw new Error('simulated migration failure');
        },
        async down() {},
      };
    },
  };
}

async function storeWithOneTrainee(): Promise<string> {
  const app = await openTempApp();
  const created = await app.context.invoke('trainees.create', traineeInput());
  expect(created.ok).toBe(true);
  await app.context.close();
  cleanups.push(async () => fs.rmSync(app.dir, { recursive: true, force: true }));
  return app.dir;
}

describe('migrations with backup', () => {
  it('copies the store aside before migrating and restores it when a migration fails', async () => {
    const dir = await storeWithOneTrainee();
    const file = databaseFile(dir);
    const db = openDatabase(file);
    await expect(migrateWithBackup(db, file, withExtraMigrations(['20991231000000_broken'], true))).rejects.toMatchObject({
      name: 'MigrationFailedError',
      restored: true,
      clerkMessage: expect.stringContaining('已自动恢复到升级前的数据'),
    });
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    const reopened = openDatabase(file);
    cleanups.push(() => reopened.destroy());
    expect(await reopened('trainees').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await reopened.schema.hasTable('extra_20991231000000_broken')).toBe(false);
  });

  it('keeps only the last three backups', async () => {
    const dir = await storeWithOneTrainee();
    const file = databaseFile(dir);
    const names: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const db = openDatabase(file);
      names.push(`2099123100000${i}_ok`);
      const outcome = await migrateWithBackup(db, file, withExtraMigrations([...names], false));
      expect(outcome.backupFile).not.toBeNull();
      await db.destroy();
      // Distinct timestamps in the backup names.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(3);
  });

  it('makes no backup when nothing is pending', async () => {
    const dir = await storeWithOneTrainee();
    const db = openDatabase(databaseFile(dir));
    cleanups.push(() => db.destroy());
    expect(await migrateWithBackup(db, databaseFile(dir))).toEqual({ applied: [], backupFile: null });
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
