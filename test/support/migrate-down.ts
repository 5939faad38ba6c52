/**
 * Migrating a test store back to a given level. One `migrate.down()` undoes only the newest migration, which is the
 * one under test only until someone adds another: these undo every later migration first, by version.
 */
import type { Knex } from 'knex';

type Source = Knex.MigrationSource<unknown>;

const versionOf = (name: string) => name.slice(0, 14);

/** Undoes `name` and every migration after it. */
export async function migrateDownThrough(db: Knex, migrationSource: Source, name: string): Promise<void> {
  while ((await db.migrate.currentVersion({ migrationSource })) >= versionOf(name)) await db.migrate.down({ migrationSource });
}

/** Undoes every migration after `name`, leaving `name` the newest applied. */
export async function migrateDownTo(db: Knex, migrationSource: Source, name: string): Promise<void> {
  while ((await db.migrate.currentVersion({ migrationSource })) > versionOf(name)) await db.migrate.down({ migrationSource });
}
