/**
 * Bulk inserts for the import, as one SQL script per chunk with the values written as SQL literals, run with
 * sqlite3's `exec` on the transaction's own connection.
 *
 * Why not bound parameters (chunked-insert.ts): node-sqlite3 converts every bound value on the JS thread when a
 * statement is submitted, and knex rewrites the placeholders of every raw statement: measured at 100,000 imported
 * trainees (~4 million values), ~4 s of the JS thread, a third of the commit. A script of literals is one string
 * handed over once; SQLite parses it in the worker thread, so the JS thread is free to build the next chunk while
 * this one is written (import/commit.ts). Several statements go in one script, so one hand-over per chunk.
 *
 * Only values the stores hold are accepted: strings, finite numbers, booleans (as 0/1) and null, each written so
 * that SQLite stores exactly what a bound parameter would. A string becomes '...' with each quote doubled, which is
 * SQLite's whole escaping rule for string literals.
 */
import type { Knex } from 'knex';
import { quoteIdentifier } from '../../../src-shared/sql-identifier';
import sqlite3 from 'sqlite3';

export interface TableRows {
  table: string;
  /** Every row has the keys of the first. */
  rows: readonly object[];
}

/** A text literal; a NUL character (which would end the C string sqlite3_exec reads) is spliced in as char(0). */
function textLiteral(value: string): string {
  const quoted = `'${value.includes("'") ? value.replace(/'/g, "''") : value}'`;
  return value.includes('\0') ? `(${quoted.split('\0').join("'||char(0)||'")})` : quoted;
}

/**
 * A number literal that SQLite reads back as exactly the same double. Integers are written as they are; a
 * fraction is not written in decimal, because SQLite's decimal reading is not correctly rounded at 16-17 digits
 * (1465.884017548928 came back one unit in the last place off, while a bound value is stored exactly). Instead it
 * is its exact integer mantissa divided by powers of two, each division exact in binary floating point.
 */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  if (Number.isInteger(value)) return String(value);
  let mantissa = value;
  let exponent = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2; // exact: a fraction is below 2^52, far from overflowing
    exponent += 1;
  }
  let literal = `CAST(${mantissa} AS REAL)`;
  for (; exponent > 0; exponent -= 30) literal = `(${literal}/${2 ** Math.min(exponent, 30)})`;
  return literal;
}

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return textLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new Error(`Unsupported value type for a literal: ${typeof value}`);
}

/** One `INSERT ... VALUES (...), (...);` for all the rows, or '' for none. */
export function insertScript({ table, rows }: TableRows): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const tuples: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r += 1) {
    const record = rows[r] as Record<string, unknown>;
    let tuple = '(';
    for (let c = 0; c < columns.length; c += 1) tuple += (c === 0 ? '' : ',') + sqlLiteral(record[columns[c]!]);
    tuples[r] = tuple + ')';
  }
  return `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(',')}) VALUES ${tuples.join(',')};\n`;
}

/**
 * Runs scripts on the connection a knex transaction holds (knex's transaction client hands out that one
 * connection). `run` submits the script before it returns, so that work done right after the call overlaps with
 * SQLite's; sqlite3 runs exec calls one at a time in the order given. The first failure stops its script and
 * rejects, and the caller's transaction rolls everything back.
 *
 * Scripts queued behind a failure still run. Most failures leave the transaction open, and the rollback undoes
 * them too; but an I/O error (or out of memory, disk full) makes SQLite roll the transaction back itself and go
 * back to autocommit, where each queued script would commit on its own: half an import, outbox rows for trainees
 * that do not exist. So each script starts by reading a TEMP table the runner created inside the transaction: a
 * tiny read while the transaction lives, and after an automatic rollback the table's creation is undone with it,
 * the read fails with "no such table", and the script stops before inserting anything. (A savepoint released and
 * taken again by every script guards as well, but makes SQLite keep a sub-journal of the pages each script
 * touches.)
 */
export interface ScriptRunner {
  run(script: string): Promise<void>;
  /** Drops the guard table, leaving the transaction as it was before the runner. */
  finish(): Promise<void>;
  /** The first error a script met: the cause, when the transaction's own ROLLBACK then fails too. */
  readonly firstFailure: unknown;
}

const GUARD = 'literal_insert_guard';

export async function scriptRunner(trx: Knex.Transaction): Promise<ScriptRunner> {
  const connection: unknown = await (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  if (!(connection instanceof sqlite3.Database)) throw new Error('The transaction has no sqlite3 connection to run a script on');
  let firstFailure: unknown;
  const exec = (script: string) =>
    new Promise<void>((resolve, reject) =>
      connection.exec(script, (error) => {
        if (!error) return resolve();
        firstFailure ??= error;
        reject(error);
      }),
    );
  await exec(`CREATE TEMP TABLE ${GUARD} (x);`);
  return {
    run: (script) => (script === '' ? Promise.resolve() : exec(`SELECT x FROM temp.${GUARD};\n${script}`)),
    finish: () => exec(`DROP TABLE temp.${GUARD};`),
    get firstFailure() {
      return firstFailure;
    },
  };
}
