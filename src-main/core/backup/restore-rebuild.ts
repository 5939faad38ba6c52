/**
 * A restore never takes the backup file's schema: a fresh store is made by our own migrations (up to the
 * backup's level; the next start brings it to the current one like any older store), and the rows of each of
 * our tables are copied in, only the columns our schema has. Triggers, views, indexes, extra tables and
 * columns, sqlite_sequence of the file: none of it reaches the new store. This PC's identity settings are not
 * copied at all (they are taken from the current store when the restore is applied).
 */
import type { Knex } from 'knex';
import { desktopMigrationSource } from '../../../migrations/desktop';
import { AppError } from '../../../src-shared/errors';
import { openStagingDatabase, readOnlyUri } from '../db/connection';
import { PC_IDENTITY_KEYS } from '../db/repositories/settings-repository';

/** Kept by our triggers from the copied rows (dispatch counts), so never copied: the file's could lie. */
const DERIVED_TABLES = new Set(['dispatch_daily_counts']);
const OWN_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Our migrations up to and including the backup's last one (the backup's list is checked to be a prefix of ours). */
function migrationsUpTo(names: readonly string[]): Knex.MigrationSource<string> {
  return {
    async getMigrations() {
      return [...names];
    },
    getMigrationName: (name) => name,
    getMigration: (name) => desktopMigrationSource.getMigration(name),
  };
}

async function columns(db: Knex, schema: 'main' | 'backup', table: string): Promise<string[]> {
  const rows = (await db.raw(`PRAGMA ${schema}.table_info(${quote(table)})`)) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** Builds `target` (which must not exist yet) from the checked, private copy `source` at migration level `migrations`. */
export async function rebuildStore(source: string, target: string, migrations: readonly string[]): Promise<void> {
  const db = openStagingDatabase(target);
  try {
    await db.migrate.latest({ migrationSource: migrationsUpTo(migrations) });
    await db.raw('ATTACH DATABASE ? AS backup', [readOnlyUri(source)]);
    // Creation order: parents before children (trainees before enrolments), so our count triggers see live parents.
    const ours = (await db.raw("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) as Array<{ name: string }>;
    const theirs = new Map(
      ((await db.raw("SELECT name, sql FROM backup.sqlite_master WHERE type = 'table'")) as Array<{ name: string; sql: string | null }>).map((t) => [t.name, t.sql ?? '']),
    );
    const tables = ours.map((t) => t.name).filter((name) => !OWN_TABLES.has(name) && !DERIVED_TABLES.has(name) && theirs.has(name));
    // A virtual table would run a module's code on reading; ours are all plain.
    if (tables.some((name) => !/^CREATE TABLE /i.test(theirs.get(name)!))) throw AppError.field('file', '这个备份文件的数据表结构不对，不能恢复');
    await db.transaction(async (trx) => {
      for (const table of tables) {
        const theirColumns = new Set(await columns(trx, 'backup', table));
        const shared = (await columns(trx, 'main', table)).filter((c) => theirColumns.has(c)).map(quote).join(', ');
        if (shared === '') continue;
        const identity = table === 'settings' ? ` WHERE key NOT IN (${PC_IDENTITY_KEYS.map(() => '?').join(', ')})` : '';
        await trx.raw(`INSERT INTO main.${quote(table)} (${shared}) SELECT ${shared} FROM backup.${quote(table)}${identity}`, table === 'settings' ? [...PC_IDENTITY_KEYS] : []);
      }
    });
    await db.raw('DETACH DATABASE backup');
    const orphans = (await db.raw('PRAGMA foreign_key_check')) as unknown[];
    if (orphans.length > 0) throw AppError.field('file', '这个备份文件中的数据不完整（有记录引用了不存在的数据），不能恢复');
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Our constraints refused a row (NOT NULL, UNIQUE, CHECK): the file was not written by this program.
    throw AppError.field('file', '这个备份文件中的数据不符合本程序的格式，不能恢复');
  } finally {
    await db.destroy();
  }
}
