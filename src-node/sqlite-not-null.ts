/**
 * Dropping a NOT NULL constraint from a SQLite column in place. SQLite has no ALTER COLUMN; the documented way
 * for removing a NOT NULL constraint ("Making Other Kinds Of Table Schema Changes", sqlite.org/lang_altertable.html)
 * is to edit the table's CREATE statement in sqlite_schema under writable_schema and bump schema_version: the
 * stored rows do not change. The usual rebuild (new table, copy, drop, rename) is not an option here: inside a
 * migration's transaction foreign_keys cannot be switched off, so dropping the old table would cascade into the
 * tables that reference it, and triggers of other tables naming it make the rename fail.
 */
import type { Knex } from 'knex';

function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL name: ${name}`);
  return name;
}

/** The column's definition as knex writes it (`name` integer not null) or as hand-written SQL does. */
function withoutNotNull(sql: string, column: string): string {
  const pattern = new RegExp(`([\`"]?${column}[\`"]?\\s+[a-z]+(?:\\(\\d+\\))?)\\s+not\\s+null`, 'i');
  if (!pattern.test(sql)) throw new Error(`Column ${column} has no NOT NULL constraint to drop in: ${sql.slice(0, 200)}`);
  return sql.replace(pattern, '$1');
}

export async function dropSqliteNotNull(knex: Knex, table: string, column: string): Promise<void> {
  const rows = (await knex.raw(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${quoted(table)}'`)) as Array<{ sql: string }>;
  const sql = rows[0]?.sql;
  if (!sql) throw new Error(`No table ${table}`);
  const changed = withoutNotNull(sql, quoted(column));
  const [{ schema_version: version }] = (await knex.raw('PRAGMA schema_version')) as [{ schema_version: number }];
  await knex.raw('PRAGMA writable_schema = ON');
  try {
    await knex.raw(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = '${quoted(table)}'`, [changed]);
    // A new version makes the connection read the edited schema before its next statement.
    await knex.raw(`PRAGMA schema_version = ${Number(version) + 1}`);
  } finally {
    await knex.raw('PRAGMA writable_schema = OFF');
  }
  const [check] = (await knex.raw('PRAGMA quick_check')) as Array<{ quick_check: string }>;
  if (check?.quick_check !== 'ok') throw new Error(`Store check failed after dropping NOT NULL on ${table}.${column}: ${check?.quick_check}`);
}

/** Restores the constraint (a down migration): refused while a row holds NULL. */
export async function restoreSqliteNotNull(knex: Knex, table: string, column: string): Promise<void> {
  const [{ n }] = (await knex.raw(`SELECT count(*) AS n FROM ${quoted(table)} WHERE ${quoted(column)} IS NULL`)) as [{ n: number }];
  if (Number(n) > 0) throw new Error(`${n} rows of ${table} have no ${column}: fill them in before going back`);
  const rows = (await knex.raw(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${quoted(table)}'`)) as Array<{ sql: string }>;
  const sql = rows[0]!.sql;
  const pattern = new RegExp(`([\`"]?${quoted(column)}[\`"]?\\s+[a-z]+(?:\\(\\d+\\))?)(?=\\s*[,)])`, 'i');
  const [{ schema_version: version }] = (await knex.raw('PRAGMA schema_version')) as [{ schema_version: number }];
  await knex.raw('PRAGMA writable_schema = ON');
  try {
    await knex.raw(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = '${quoted(table)}'`, [sql.replace(pattern, '$1 not null')]);
    await knex.raw(`PRAGMA schema_version = ${Number(version) + 1}`);
  } finally {
    await knex.raw('PRAGMA writable_schema = OFF');
  }
}
