import type { Knex } from 'knex';
import { quoteIdentifier } from '../../../src-shared/sql-identifier';

/**
 * Bulk inserts as plain multi-row `INSERT ... VALUES (...), (...)` statements. knex's own multi-row
 * insert for SQLite compiles to `SELECT ... UNION ALL ...` (capped at 500 terms) and spends more
 * time building SQL than SQLite spends storing rows. Chunks stay under SQLite's 32766 bound
 * variables and under 500 rows. Every row of one call must have the same keys.
 */
const MAX_VARIABLES = 30_000;
const MAX_ROWS = 500;

export async function insertChunked(trx: Knex.Transaction | Knex, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const rowsPerStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns.length)));
  const head = `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const bindings: unknown[] = [];
    for (const row of chunk) {
      const record = row as Record<string, unknown>;
      for (const column of columns) bindings.push(record[column] ?? null);
    }
    await trx.raw(head + new Array(chunk.length).fill(tuple).join(', '), bindings as Knex.RawBinding[]);
  }
}
