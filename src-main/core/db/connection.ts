/**
 * Opens the local SQLite store. One connection (one writer): SQLite serialises writes anyway, and a
 * single connection means a transaction can never wait on another connection of our own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knex, { type Knex } from 'knex';
import { createPrivateFile, makeFilePrivate, PRIVATE_DIR_MODE } from '../private-files';

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

/** One connection with `pragmas` run on it; `uri`: the filename may be a file: URI (and ATTACH may use one). */
function sqliteKnex(filename: string, pragmas: readonly string[], uri: boolean): Knex {
  return knex({
    client: 'sqlite3',
    connection: uri ? { filename, flags: ['OPEN_URI'] } : { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
        connection.exec(`${pragmas.join(';')};`, (error) => done(error, connection));
      },
    },
    // knex logs whole queries with their bindings on some errors: those carry ID numbers.
    // A query waiting on our single connection means a bug (code outside a transaction's trx); fail fast.
    acquireConnectionTimeout: 10_000,
    log: { warn() {}, error() {}, deprecate() {}, debug() {} },
  });
}

export function openDatabase(filename: string): Knex {
  fs.mkdirSync(path.dirname(filename), { recursive: true, mode: PRIVATE_DIR_MODE });
  // 0600 before SQLite sees it: the WAL and shared-memory files SQLite creates take the database file's mode.
  createPrivateFile(filename);
  for (const suffix of ['-wal', '-shm', '-journal']) makeFilePrivate(filename + suffix);
  return sqliteKnex(filename, PRAGMAS, false);
}

/** A URI that opens a file read-only and unlocked (see openReadOnlyDatabase); the connection needs OPEN_URI. */
export function readOnlyUri(filename: string): string {
  return `${pathToFileURL(filename).href}?mode=ro&immutable=1`;
}

/**
 * Opens a file we do not trust (a backup to restore) strictly for reading: `mode=ro&immutable=1` means SQLite
 * never writes, locks or creates a WAL/journal beside it; query_only refuses writes on this connection; and with
 * trusted_schema off, functions in the file's views, triggers and defaults cannot run with side effects.
 */
export function openReadOnlyDatabase(filename: string): Knex {
  return sqliteKnex(readOnlyUri(filename), ['PRAGMA query_only = ON', 'PRAGMA trusted_schema = OFF'], true);
}

/**
 * A store we are building or editing outside the app (a restore being rebuilt, a backup being stripped): a
 * rollback journal instead of WAL, so the result is one self-contained file to rename or hand over; URI
 * filenames on, for ATTACH of a read-only source; secure_delete, so deleted rows leave no bytes behind.
 * Foreign keys are off while rows are copied in any order, and checked once the copy is complete.
 */
export function openStagingDatabase(filename: string): Knex {
  createPrivateFile(filename);
  return sqliteKnex(
    filename,
    ['PRAGMA journal_mode = DELETE', 'PRAGMA synchronous = FULL', 'PRAGMA foreign_keys = OFF', 'PRAGMA secure_delete = ON', 'PRAGMA trusted_schema = OFF'],
    true,
  );
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'skills-desk.sqlite');
}
