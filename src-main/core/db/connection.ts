/**
 * Opens the local SQLite store. One connection (one writer): SQLite serialises writes anyway, and a
 * single connection means a transaction can never wait on another connection of our own.
 */
import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';

/** WAL for concurrent reads during writes; synchronous=FULL so a record the clerk saw as saved survives a power cut. */
const PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA busy_timeout = 5000',
  // Up to 256 MB of page cache (the default is ~8 MB; SQLite grows it only as pages are read): a
  // county's trainee indexes (several in random key order) stay in memory, which keeps bulk imports
  // of 100,000 rows linear instead of thrashing, and searches fast at a million rows.
  'PRAGMA cache_size = -262144',
  'PRAGMA temp_store = MEMORY',
];

interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

export function openDatabase(filename: string): Knex {
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
        connection.exec(`${PRAGMAS.join(';')};`, (error) => done(error, connection));
      },
    },
    // knex logs whole queries with their bindings on some errors: those carry ID numbers.
    // A query waiting on our single connection means a bug (code outside a transaction's trx); fail fast.
    acquireConnectionTimeout: 10_000,
    log: { warn() {}, error() {}, deprecate() {}, debug() {} },
  });
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'skills-desk.sqlite');
}
