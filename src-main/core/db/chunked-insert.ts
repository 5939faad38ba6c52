import type { Knex } from 'knex';

/**
 * knex compiles a multi-row SQLite insert into `SELECT ... UNION ALL ...`, which SQLite caps at
 * 500 terms; 400 rows a statement stays clear of that and of the bound-variable limit.
 */
export const INSERT_CHUNK_ROWS = 400;

export async function insertChunked(trx: Knex.Transaction | Knex, table: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
    await trx(table).insert(rows.slice(start, start + INSERT_CHUNK_ROWS));
  }
}
