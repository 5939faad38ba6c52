/**
 * A store whose blind indexes were written by the first scheme (HMAC for every index) is re-indexed in place at its
 * next open (src-main/core/secrets/blind-index-upgrade.ts): search by full number, tail and phone finds every trainee
 * again, once, and a failure half-way changes nothing.
 */
import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { BLIND_INDEX_SETTING, upgradeBlindIndexes } from '../../src-main/core/secrets/blind-index-upgrade';
import { personalDataOf, type TraineeIndexes } from '../../src-main/core/secrets/personal-data';
import { appTest as test } from '../support/fixtures';
import { traineeInput, validIdNumber, type TempApp } from '../support/temp-app';

const INDEX_COLUMNS = ['id_hash', 'id_tail4_hash', 'id_tail5_hash', 'id_tail6_hash', 'phone_hash', 'phone_tail4_hash'] as const;

async function search(app: TempApp, query: string): Promise<string[]> {
  const result = await app.context.invoke('trainees.list', { query });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { items: Array<{ name: string }> }).items.map((t) => t.name);
}

async function indexesOf(db: Knex): Promise<Array<Record<string, string>>> {
  return (await db('trainees').orderBy('rowid').select(...INDEX_COLUMNS)) as Array<Record<string, string>>;
}

/**
 * Puts back the first scheme: every index HMAC-SHA256 under the store's index key, as the version before wrote them.
 * The data key is read as the cipher holds it: the test derives nothing the app does not.
 */
async function writeFirstSchemeIndexes(app: TempApp): Promise<void> {
  const db = app.context.db;
  const cipher = personalDataOf(db);
  const indexKey = (cipher as unknown as { indexKey: Buffer }).indexKey;
  const first = (kind: keyof TraineeIndexes, value: string) => createHmac('sha256', indexKey).update(`${kind}\u0000${value}`).digest().subarray(0, 16).toString('base64url');
  const rows = (await db('trainees').select('id', 'id_number', 'phone')) as Array<{ id: string; id_number: string; phone: string }>;
  for (const row of rows) {
    const id = cipher.open(row.id_number);
    const phone = cipher.open(row.phone);
    await db('trainees')
      .where({ id: row.id })
      .update({ id_hash: first('id_hash', id), id_tail4_hash: first('id_tail4_hash', id.slice(-4)), id_tail5_hash: first('id_tail5_hash', id.slice(-5)), id_tail6_hash: first('id_tail6_hash', id.slice(-6)), phone_hash: first('phone_hash', phone), phone_tail4_hash: first('phone_tail4_hash', phone.slice(-4)) });
  }
  await db('settings').where({ key: BLIND_INDEX_SETTING }).delete();
}

const NUMBERS = [validIdNumber('19900101', 123), validIdNumber('19920202', 456)];

async function registerTwo(app: TempApp): Promise<void> {
  for (const [i, input] of [traineeInput({ idNumber: NUMBERS[0], name: '王小明', phone: '13912345678' }), traineeInput({ idNumber: NUMBERS[1], name: '李大力', phone: '0451-12345678' })].entries()) {
    const created = await app.context.invoke('trainees.create', input);
    expect(created.ok, `trainee ${i}`).toBe(true);
  }
}

test('re-indexes a store of the first scheme at its next open, once, and search finds everyone again', async ({ app }) => {
  await registerTwo(app);
  const current = await indexesOf(app.context.db);
  expect(await search(app, NUMBERS[0]!)).toEqual(['王小明']);
  await writeFirstSchemeIndexes(app);
  // The first scheme's indexes are not the current ones: without the upgrade, search would find nobody.
  expect(await search(app, NUMBERS[0]!)).toEqual([]);

  await app.reopen();
  expect(await indexesOf(app.context.db)).toEqual(current);
  expect(await search(app, NUMBERS[0]!)).toEqual(['王小明']);
  expect(await search(app, NUMBERS[1]!.slice(-6))).toEqual(['李大力']);
  expect(await search(app, NUMBERS[1]!.slice(-5))).toEqual(['李大力']);
  expect(await search(app, '13912345678')).toEqual(['王小明']);
  expect(await search(app, '5678').then((names) => names.sort())).toEqual(['李大力', '王小明']);
  // Done once: the scheme is kept in the store, the next open reads one setting.
  expect(await upgradeBlindIndexes(app.context.db)).toBe(0);
});

test('a failure half-way changes no index, and the next open tries again', async ({ app }) => {
  await registerTwo(app);
  await writeFirstSchemeIndexes(app);
  const first = await indexesOf(app.context.db);
  // The second trainee's number damaged in the file: it cannot be opened, so it cannot be indexed.
  const [, second] = (await app.context.db('trainees').orderBy('rowid').select('id', 'id_number')) as Array<{ id: string; id_number: string }>;
  await app.context.db('trainees').where({ id: second!.id }).update({ id_number: `${second!.id_number.slice(0, -4)}AAAA` });
  await expect(upgradeBlindIndexes(app.context.db)).rejects.toThrow();
  expect(await indexesOf(app.context.db)).toEqual(first);
  expect(await app.context.db('settings').where({ key: BLIND_INDEX_SETTING }).first()).toBeUndefined();
});

test('a new store starts on the current scheme', async ({ app }) => {
  expect(await upgradeBlindIndexes(app.context.db)).toBe(0);
  const setting = (await app.context.db('settings').where({ key: BLIND_INDEX_SETTING }).first('value')) as { value: string };
  expect(JSON.parse(setting.value)).toBe(2);
});
