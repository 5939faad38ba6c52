/**
 * Seals the personal data of a store written before it was sealed (issue #19), in place, the first time the store is
 * opened with its data key: trainees' ID numbers and phones (with their blind indexes), every outbox payload and
 * frozen sync batch, the refused ops kept for the clerk, and the before/after numbers in the audit trail. Then the
 * file is rebuilt (VACUUM) and the WAL truncated, so the clear bytes are left neither in free pages nor in old WAL
 * frames, and the copies in backups/ made from the clear store (before this migration) are removed: they were the
 * way back had the migration failed, and it did not.
 *
 * `unsealPersonalData` is the way back for the migration's down(): every value opened again with the bound key.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { openReadOnlyDatabase } from '../db/connection';
import { hasPersonalDataCipher, isSealedBytes, isSealedText, personalDataOf, type PersonalDataCipher } from './personal-data';
import { openAuditNumbers, sealAuditNumbers } from './audit-numbers';
import { isFieldSealedPayload, openOutboxPayload, sealClearNumbers } from './outbox-payload';
import { relinkFrom } from '../audit/audit-chain';

const CHUNK = 1000;
/**
 * Set in the transaction that sealed the store: later opens skip the scans (an outbox of 100,000 ops after an import
 * would be read at every start). A backup of an older version has no such setting, so what a restore brings in clear
 * is sealed at the next open.
 */
const SEALED_SETTING = 'personalDataSealed';

// A type, not an interface: it is logged as fields.
type Counts = {
  trainees: number;
  payloads: number;
  batches: number;
  audit: number;
};

type TextMap = (cipher: PersonalDataCipher, value: string) => string | null;

/** Rewrites one text column of a table, chunk by chunk by rowid, where `map` gives a new value (null: leave it). */
async function rewriteColumn(db: Knex, table: string, column: string, map: TextMap, where?: (q: Knex.QueryBuilder) => void): Promise<number> {
  const cipher = personalDataOf(db);
  let changed = 0;
  let after = 0;
  for (;;) {
    const query = db(table).where('rowid', '>', after).orderBy('rowid').limit(CHUNK);
    if (where) where(query);
    // Aliased: SQLite names `rowid` after the table's INTEGER PRIMARY KEY where it has one (outbox.seq).
    const rows = await query.select<Array<{ rid: number; value: string | null }>>('rowid as rid', `${column} as value`);
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const next = row.value === null ? null : map(cipher, row.value);
      if (next !== null) {
        await db(table).where('rowid', row.rid).update({ [column]: next });
        changed++;
      }
    }
    after = rows[rows.length - 1]!.rid;
  }
}

const sealText: TextMap = (cipher, value) => (isSealedText(value) ? null : cipher.seal(value));
/** An outbox payload: one kept with its numbers sealed (outbox-payload.ts) only needs a number left clear sealed. */
const sealPayload: TextMap = (cipher, value) => (isFieldSealedPayload(value) ? sealClearNumbers(cipher, value) : sealText(cipher, value));
/** Back to the clear JSON an older version reads, whichever way it was kept. */
const openPayload: TextMap = (cipher, value) => (isSealedText(value) || isFieldSealedPayload(value) ? JSON.stringify(openOutboxPayload(cipher, value)) : null);

async function sealTrainees(db: Knex): Promise<number> {
  const cipher = personalDataOf(db);
  let sealed = 0;
  for (;;) {
    const rows = await db('trainees').whereNull('id_hash').limit(CHUNK).select<Array<{ id: string; id_number: string; phone: string }>>('id', 'id_number', 'phone');
    if (rows.length === 0) return sealed;
    for (const row of rows) {
      const idNumber = cipher.open(row.id_number);
      const phone = cipher.open(row.phone);
      await db('trainees').where({ id: row.id }).update({ id_number: cipher.seal(idNumber), phone: cipher.seal(phone), ...cipher.traineeIndexes(idNumber, phone) });
      sealed++;
    }
  }
}

async function rewriteBatches(db: Knex, seal: boolean): Promise<number> {
  const cipher = personalDataOf(db);
  const rows = await db('sync_batches').select<Array<{ batch_id: string; body: Buffer }>>('batch_id', 'body');
  let changed = 0;
  for (const row of rows) {
    const body = Buffer.from(row.body);
    if (isSealedBytes(body) === seal) continue;
    await db('sync_batches').where({ batch_id: row.batch_id }).update({ body: seal ? cipher.sealBytes(body) : cipher.openBytes(body) });
    changed++;
  }
  return changed;
}

const TRAINEE_UPDATES = (q: Knex.QueryBuilder): void => {
  q.where({ entity: 'trainee', action: 'update' });
};

async function sealAll(db: Knex): Promise<Counts> {
  return db.transaction(async (trx) => {
    const counts = {
      trainees: await sealTrainees(trx),
      payloads: (await rewriteColumn(trx, 'outbox', 'payload', sealPayload)) + (await rewriteColumn(trx, 'sync_rejections', 'payload', sealPayload)),
      batches: await rewriteBatches(trx, true),
      audit: await rewriteColumn(trx, 'audit_log', 'changes', (cipher, value) => sealAuditNumbers(cipher, value), TRAINEE_UPDATES),
    };
    // The audit chain hashes the values as stored: sealed now, so linked again. These rows were written by a
    // version that sent no audit rows to the server, so no copy of the old hashes left the PC.
    if (counts.audit > 0) await relinkFrom(trx, 1);
    await trx('settings').insert({ key: SEALED_SETTING, value: 'true' }).onConflict('key').merge();
    return counts;
  });
}

/** A copy in backups/ holds clear personal data when it has trainees and no sealed-store marker (data_key_wraps). */
async function holdsClearData(file: string): Promise<boolean> {
  const db = openReadOnlyDatabase(file);
  try {
    if (!(await db.schema.hasTable('trainees'))) return false;
    return !(await db.schema.hasTable('data_key_wraps'));
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

async function removeClearCopies(backupDir: string): Promise<number> {
  if (!fs.existsSync(backupDir)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(backupDir).filter((f) => f.startsWith('before-migration-') && f.endsWith('.sqlite'))) {
    const file = path.join(backupDir, name);
    if (!(await holdsClearData(file))) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

/** Seals what is still clear; after the first time a no-op of one indexed read. */
export async function sealPersonalData(db: Knex, backupDir: string): Promise<Counts & { copiesRemoved: number }> {
  if (await db('settings').where({ key: SEALED_SETTING }).first('key')) return { trainees: 0, payloads: 0, batches: 0, audit: 0, copiesRemoved: 0 };
  const counts = await sealAll(db);
  const changed = counts.trainees + counts.payloads + counts.batches + counts.audit;
  if (changed === 0) return { ...counts, copiesRemoved: 0 };
  await db.raw('VACUUM');
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return { ...counts, copiesRemoved: await removeClearCopies(backupDir) };
}

/** Opens every sealed value again (the migration's down); refuses, changing nothing, without the store's key. */
export async function unsealPersonalData(knex: Knex): Promise<void> {
  if (!hasPersonalDataCipher(knex)) {
    const sealed = await knex('trainees').whereNotNull('id_hash').first('id');
    const sealedPayload = (table: string) => knex(table).where('payload', 'like', 'pd1:%').orWhere('payload', 'like', 'pf1:%').first('payload');
    const payload = (await sealedPayload('outbox')) ?? (await sealedPayload('sync_rejections'));
    if (sealed || payload) throw new Error('The store holds sealed personal data: open it with its data key (skills-desk) to migrate it down');
    return;
  }
  const cipher = personalDataOf(knex);
  const rows = await knex('trainees').whereNotNull('id_hash').select<Array<{ id: string; id_number: string; phone: string }>>('id', 'id_number', 'phone');
  for (const row of rows) await knex('trainees').where({ id: row.id }).update({ id_number: cipher.open(row.id_number), phone: cipher.open(row.phone) });
  await rewriteColumn(knex, 'outbox', 'payload', openPayload);
  await rewriteColumn(knex, 'sync_rejections', 'payload', openPayload);
  await rewriteBatches(knex, false);
  await rewriteColumn(knex, 'audit_log', 'changes', (c, value) => openAuditNumbers(c, value), TRAINEE_UPDATES);
  await knex('settings').where({ key: SEALED_SETTING }).delete();
}
