/**
 * The import's bulk writer turns values into SQL literals: every text a clerk's sheet can hold must come back
 * from SQLite exactly as it went in, nothing in a value may ever act as SQL, and scripts run in the order given.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/connection';
import { insertScript, scriptRunner, sqlLiteral } from '../../src-main/core/db/literal-insert';

let dir: string;
let db: Knex;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-literal-'));
  db = openDatabase(path.join(dir, 'store.sqlite'));
  await db.raw('create table people (id integer primary key, name text, note text, hours real, signed integer)');
  await db.raw('create unique index people_name on people (name)');
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TRICKY = [
  "O'Brien",
  "'; DROP TABLE people; --",
  "''",
  '张三丰·阿不都热合曼',
  '𠮷野家 🙂',
  'line one\nline two\r\n\ttab',
  '\\ backslash \\n not a newline',
  '"double" `back` [square]',
  ' leading and trailing ',
  '',
  'nul\0inside\0\0twice',
  "\0'\0",
];

describe('literal insert scripts', () => {
  it('stores every kind of text, number and null exactly as given, and runs nothing from inside a value', async () => {
    const rows = TRICKY.map((text, i) => ({ id: i + 1, name: `n${i}`, note: text, hours: i % 2 ? 8.5 : 12, signed: i % 3 === 0 }));
    rows.push({ id: 99, name: 'nulls', note: null as unknown as string, hours: -0.25, signed: false });
    await db.transaction(async (trx) => {
      const runner = await scriptRunner(trx);
      await runner.run(insertScript({ table: 'people', rows }));
      await runner.finish();
    });
    const stored = await db('people').orderBy('id').select('id', 'note', 'hours', 'signed');
    expect(stored).toEqual(rows.map((r) => ({ id: r.id, note: r.note, hours: r.hours, signed: r.signed ? 1 : 0 })));
    expect(await db('people').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: TRICKY.length + 1 }]);
  });

  it('refuses values it cannot write faithfully instead of changing them', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => sqlLiteral({ nested: true })).toThrow(/Unsupported/);
    expect(() => insertScript({ table: 'people; drop table people', rows: [{ id: 1 }] })).toThrow(/Unsafe identifier/);
    expect(() => insertScript({ table: 'people', rows: [{ 'id) values (1); --': 1 }] })).toThrow(/Unsafe identifier/);
    expect(insertScript({ table: 'people', rows: [] })).toBe('');
  });

  it('stores every double exactly as a bound parameter would, fractions included', async () => {
    // SQLite's decimal reading is off by one unit in the last place for some 16-17 digit fractions.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const numbers = [1465.884017548928, 0.1, 1 / 3, -2.5, 8.5, 5e-324, 2 ** -40 + 1, 123456.789, ...Array.from({ length: 300 }, () => random() * 2000)];
    const rows = numbers.map((hours, i) => ({ id: i + 1, name: `n${i}`, hours }));
    await db.transaction(async (trx) => {
      const runner = await scriptRunner(trx);
      await runner.run(insertScript({ table: 'people', rows }));
      await runner.finish();
    });
    const stored = await db('people').orderBy('id').pluck<number[]>('hours');
    expect(stored).toEqual(numbers);
  });

  it('runs scripts in the order given; a failing one rejects, and the transaction rolls back', async () => {
    let outcomes: PromiseSettledResult<void>[] = [];
    const transaction = db.transaction(async (trx) => {
      const runner = await scriptRunner(trx);
      // Submitted together without waiting: sqlite3 runs them one after another, so the duplicate is the third.
      const scripts = [
        insertScript({ table: 'people', rows: [{ id: 1, name: 'a' }] }),
        insertScript({ table: 'people', rows: [{ id: 2, name: 'b' }] }),
        insertScript({ table: 'people', rows: [{ id: 3, name: 'a' }] }),
      ].map((script) => runner.run(script));
      outcomes = await Promise.allSettled(scripts);
      throw runner.firstFailure;
    });
    await expect(transaction).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await db('people').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('scripts queued behind an error that ends the transaction insert nothing on their own', async () => {
    // RAISE(ROLLBACK) ends the whole transaction, as an I/O error or a full disk does: SQLite is back in
    // autocommit, where a queued script would commit by itself without the runner's guard.
    await db.raw("create trigger people_boom before insert on people when new.name = 'boom' begin select raise(rollback, 'boom'); end");
    let cause: unknown;
    const transaction = db.transaction(async (trx) => {
      const runner = await scriptRunner(trx);
      const scripts = ['a', 'boom', 'c', 'd'].map((name, i) => runner.run(insertScript({ table: 'people', rows: [{ id: i + 1, name }] })));
      await Promise.allSettled(scripts);
      cause = runner.firstFailure;
      throw cause;
    });
    // knex's own ROLLBACK fails too (no transaction is left): the runner keeps the cause for commitPlan to report.
    await expect(transaction).rejects.toThrow();
    expect(String(cause)).toMatch(/boom/);
    expect(await db('people').orderBy('id').pluck('name')).toEqual([]);
  });
});
