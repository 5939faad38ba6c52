/**
 * Bulk statements for the rows of one pushed batch. On PostgreSQL a table gets one INSERT per batch
 * whose rows travel as one JSON parameter (`json_populate_recordset`), and a lookup one `= ANY($1)`:
 * a VALUES list of 500 rows is ~9,000 parameters that knex renumbers and pg serialises one by one,
 * which was a third of the server's time with 120 counties pushing (array parameters per column
 * still spent a tenth escaping elements; JSON.stringify is native). On SQLite (one local connection,
 * no wire) the multi-row VALUES inserts of chunked-insert.ts stay.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../db';

const SQLITE_CHUNK = 500;

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Unsafe identifier: ${name}`);
  return `"${name}"`;
}

/** Inserts rows that all have the same keys. */
export async function bulkInsert(trx: Knex.Transaction, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!);
  const columns = names.map(quoteIdentifier).join(', ');
  const json = JSON.stringify(rows);
  if (isPostgres(trx)) {
    // The table's own row type gives every column its type: no casts to keep in step with migrations.
    await trx.raw(`insert into ${quoteIdentifier(table)} (${columns}) select ${columns} from json_populate_recordset(null::${quoteIdentifier(table)}, ?::json)`, [json]);
    return;
  }
  // SQLite's JSON functions read the rows in C: no parameter per value to bind on the event loop.
  const values = names.map((n) => `value ->> '$.${n}'`).join(', ');
  await trx.raw(`insert into ${quoteIdentifier(table)} (${columns}) select ${values} from json_each(?)`, [json]);
}

/** Rows of `table` whose `column` is one of `values` (narrowed further by `scope`). */
export async function selectIn<T>(
  trx: Knex.Transaction,
  table: string,
  column: string,
  values: readonly string[],
  scope?: (q: Knex.QueryBuilder) => void,
  select: readonly string[] = ['*'],
): Promise<T[]> {
  if (values.length === 0) return [];
  if (isPostgres(trx)) {
    const query = trx(table).whereRaw('?? = any(?)', [column, values as string[]]);
    scope?.(query);
    return (await query.select(...select)) as T[];
  }
  const out: T[] = [];
  for (let i = 0; i < values.length; i += SQLITE_CHUNK) {
    const query = trx(table).whereIn(column, values.slice(i, i + SQLITE_CHUNK));
    scope?.(query);
    out.push(...((await query.select(...select)) as T[]));
  }
  return out;
}
