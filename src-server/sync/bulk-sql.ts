/**
 * Bulk statements for the rows of one pushed batch. On PostgreSQL a table gets one INSERT per batch
 * whose rows travel as one JSON parameter (`json_populate_recordset`), and a lookup one `= ANY($1)`:
 * a VALUES list of 500 rows is ~9,000 parameters that knex renumbers and pg serialises one by one,
 * which was a third of the server's time with 120 counties pushing (array parameters per column
 * still spent a tenth escaping elements; JSON.stringify is native). On SQLite (one local connection,
 * no wire) the rows travel the same way, as one JSON text read by `json_each`: its JSON functions
 * read the rows in C, with no parameter per value to bind on the event loop. Values every row shares
 * (the batch's device, county, key and time in the op log) are sent once, not once per row.
 */
import type { Knex } from 'knex';
import { quoteIdentifier } from '../../src-shared/sql-identifier';
import { isPostgres } from '../db';

const SQLITE_CHUNK = 500;

/** Inserts rows that all have the same keys; `shared` holds columns whose value is the same in every row. */
export async function bulkInsert(trx: Knex.Transaction, table: string, rows: readonly object[], shared: Record<string, string | number | null> = {}): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!);
  const sharedNames = Object.keys(shared);
  const columns = [...names, ...sharedNames].map(quoteIdentifier).join(', ');
  const json = JSON.stringify(rows);
  if (isPostgres(trx)) {
    // The table's own row type gives every column its type: no casts to keep in step with migrations
    // (the shared values too, as one record of that type).
    const picked = [...names.map((n) => `r.${quoteIdentifier(n)}`), ...sharedNames.map((n) => `s.${quoteIdentifier(n)}`)].join(', ');
    const from = `json_populate_recordset(null::${quoteIdentifier(table)}, ?::json) r${sharedNames.length > 0 ? `, json_populate_record(null::${quoteIdentifier(table)}, ?::json) s` : ''}`;
    await trx.raw(`insert into ${quoteIdentifier(table)} (${columns}) select ${picked} from ${from}`, sharedNames.length > 0 ? [json, JSON.stringify(shared)] : [json]);
    return;
  }
  const values = [...names.map((n) => `value ->> '$.${n}'`), ...sharedNames.map(() => '?')].join(', ');
  await trx.raw(`insert into ${quoteIdentifier(table)} (${columns}) select ${values} from json_each(?)`, [...sharedNames.map((n) => shared[n] ?? null), json]);
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
