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
 * Only values the stores hold are accepted: strings, finite numbers, booleans (as 0/1) and null. A string becomes
 * '...' with each quote doubled, which is SQLite's whole escaping rule for string literals; a NUL character (which
 * would cut the C string sqlite3_exec reads) is refused rather than silently dropped.
 */
import type { Knex } from 'knex';

export interface TableRows {
  table: string;
  /** Every row has the keys of the first. */
  rows: readonly object[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Unsafe identifier: ${name}`);
  return `"${name}"`;
}

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new Error('A text value contains a NUL character');
    return `'${value.includes("'") ? value.replace(/'/g, "''") : value}'`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
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

interface ExecConnection {
  exec(sql: string, callback: (error: Error | null) => void): unknown;
}

function isExecConnection(value: unknown): value is ExecConnection {
  return typeof value === 'object' && value !== null && typeof (value as { exec?: unknown }).exec === 'function';
}

/**
 * A runner of scripts on the connection a knex transaction holds (knex's transaction client hands out that one
 * connection). The runner submits the script before it returns, so that work done right after the call overlaps
 * with SQLite's. Statements run in order; the first failure stops the script and rejects, and the caller's
 * transaction rolls everything back.
 */
export async function scriptRunner(trx: Knex.Transaction): Promise<(script: string) => Promise<void>> {
  const connection: unknown = await (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  if (!isExecConnection(connection)) throw new Error('The transaction has no sqlite3 connection to run a script on');
  return (script) =>
    script === '' ? Promise.resolve() : new Promise<void>((resolve, reject) => connection.exec(script, (error) => (error ? reject(error) : resolve())));
}
