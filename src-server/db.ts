/**
 * The server's store: a SQLite file by default (a province can start on one machine), PostgreSQL when
 * given a postgres:// URL. Both run the same migrations and the same queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { serverMigrationSource } from '../migrations/server';

export const DEFAULT_SERVER_DB = 'skills-desk-server.sqlite';

export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** knex logs whole queries with their bindings on some errors: those carry ID numbers and names. */
const SILENT_LOG = { warn() {}, error() {}, deprecate() {}, debug() {} };

interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

export function openServerDatabase(spec: string): Knex {
  if (isPostgresSpec(spec)) {
    return knex({ client: 'pg', connection: spec, pool: { min: 0, max: 10 }, acquireConnectionTimeout: 30_000, log: SILENT_LOG });
  }
  const filename = path.resolve(spec);
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection makes every batch
    // transaction run strictly after the previous one (the idempotency check cannot race).
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
        connection.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;', (error) => done(error, connection));
      },
    },
    acquireConnectionTimeout: 60_000,
    log: SILENT_LOG,
  });
}

export async function migrateServer(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: serverMigrationSource })) as [number, string[]];
  return applied;
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** Returns a description of the store for logs and the health check, without credentials. */
export function describeSpec(spec: string): string {
  if (!isPostgresSpec(spec)) return `sqlite:${path.basename(spec)}`;
  const url = new URL(spec);
  return `postgres:${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
