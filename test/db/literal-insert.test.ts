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
];

describe('literal insert scripts', () => {
  it('stores every kind of text, number and null exactly as given, and runs nothing from inside a value', async () => {
    const rows = TRICKY.map((text, i) => ({ id: i + 1, name: `n${i}`, note: text, hours: i % 2 ? 8.5 : 12, signed: i % 3 === 0 }));
    rows.push({ id: 99, name: 'nulls', note: null as unknown as string, hours: -0.25, signed: false });
    await db.transaction(async (trx) => {
      const run = await scriptRunner(trx);
      await run(insertScript({ table: 'people', rows }));
    });
    const stored = await db('people').orderBy('id').select('id', 'note', 'hours', 'signed');
    expect(stored).toEqual(rows.map((r) => ({ id: r.id, note: r.note, hours: r.hours, signed: r.signed ? 1 : 0 })));
    expect(await db('people').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: TRICKY.length + 1 }]);
  });

  it('refuses values it cannot write faithfully instead of changing them', () => {
    expect(() => sqlLiteral('before\0after')).toThrow(/NUL/);
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => sqlLiteral({ nested: true })).toThrow(/Unsupported/);
    expect(() => insertScript({ table: 'people; drop table people', rows: [{ id: 1 }] })).toThrow(/Unsafe identifier/);
    expect(() => insertScript({ table: 'people', rows: [{ 'id) values (1); --': 1 }] })).toThrow(/Unsafe identifier/);
    expect(insertScript({ table: 'people', rows: [] })).toBe('');
  });

  it('runs scripts in the order given, and a failing one rejects and leaves the transaction to roll back', async () => {
    const outcome = db.transaction(async (trx) => {
      const run = await scriptRunner(trx);
      // Submitted together without waiting: sqlite3 runs them one after another, so the duplicate is the third.
      const first = run(insertScript({ table: 'people', rows: [{ id: 1, name: 'a' }] }));
      const second = run(insertScript({ table: 'people', rows: [{ id: 2, name: 'b' }] }));
      const third = run(insertScript({ table: 'people', rows: [{ id: 3, name: 'a' }] }));
      await first;
      await second;
      await third;
    });
    await expect(outcome).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await db('people').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
