/**
 * The sealing step that follows the migration 20261204230000_sealed_personal_data, run with the key by the
 * server's start and by server-admin right after migrating: rows an older server stored in plain text are
 * sealed in place, in batches, each batch one transaction (a row's sealed values and its digest are written
 * in one UPDATE, so a row is either still plain with a NULL digest or sealed with its digest). Idempotent:
 * a sealed store costs one query. `unsealStoredData` is the way back, before migrating down.
 *
 * `checkPersonalDataKey` is the start's guard against the wrong key file (a restored database beside a new
 * key): a sealed row that does not open stops the start, before any sync could write rows no one can read.
 */
import type { Knex } from 'knex';
import { migrateServer } from '../db';
import { ID_DIGEST_COLUMN, isSealed, PersonalDataCipher, PersonalDataKeyError, SEALED_ID_COLUMN, SEALED_PHONE_COLUMN } from './personal-data';
import type { ServerKeyring } from './server-keys';

const BATCH = 500;
const SEALED_FIELDS = ['id_number', 'phone'] as const;

export interface SealCounts {
  trainees: number;
  reviews: number;
  conflicts: number;
}

type StoredTrainee = { id: string; [SEALED_ID_COLUMN]: string; [SEALED_PHONE_COLUMN]: string };

export async function sealStoredData(db: Knex, cipher: PersonalDataCipher): Promise<SealCounts> {
  const counts: SealCounts = { trainees: 0, reviews: 0, conflicts: 0 };
  for (;;) {
    const done = await db.transaction(async (trx) => {
      const rows = await trx('trainees').whereNull(ID_DIGEST_COLUMN).orderBy('id').limit(BATCH).select<StoredTrainee[]>('id', SEALED_ID_COLUMN, SEALED_PHONE_COLUMN);
      for (const row of rows) {
        // A row unsealed half-way cannot happen (one UPDATE per row), but a sealed value is never sealed twice.
        const idNumber = isSealed(row[SEALED_ID_COLUMN]) ? cipher.open(row.id, 'id_number', row[SEALED_ID_COLUMN]) : row[SEALED_ID_COLUMN];
        const phone = isSealed(row[SEALED_PHONE_COLUMN]) ? row[SEALED_PHONE_COLUMN] : cipher.seal(row.id, 'phone', row[SEALED_PHONE_COLUMN]);
        await trx('trainees')
          .where({ id: row.id })
          .update({ [SEALED_ID_COLUMN]: cipher.seal(row.id, 'id_number', idNumber), [ID_DIGEST_COLUMN]: cipher.idDigest(idNumber), [SEALED_PHONE_COLUMN]: phone });
      }
      return rows.length;
    });
    counts.trainees += done;
    if (done < BATCH) break;
  }
  await db.transaction(async (trx) => {
    const plain = await trx('duplicate_reviews').whereRaw(`length(${ID_DIGEST_COLUMN}) <> 64`).pluck<string[]>(ID_DIGEST_COLUMN);
    for (const idNumber of plain) await trx('duplicate_reviews').where({ [ID_DIGEST_COLUMN]: idNumber }).update({ [ID_DIGEST_COLUMN]: cipher.idDigest(idNumber) });
    counts.reviews = plain.length;
    counts.conflicts = await rewriteConflictValues(trx, (place, value) => (isSealed(value) ? null : cipher.sealKept(place, value)));
  });
  return counts;
}

/** Opens everything `sealStoredData` sealed (before `migrate down` past 20261204230000); reviews of numbers no longer stored are dropped. */
export async function unsealStoredData(db: Knex, cipher: PersonalDataCipher): Promise<SealCounts> {
  const counts: SealCounts = { trainees: 0, reviews: 0, conflicts: 0 };
  const numbers = new Map<string, string>();
  await db.transaction(async (trx) => {
    for (;;) {
      const rows = await trx('trainees').whereNotNull(ID_DIGEST_COLUMN).limit(BATCH).select<Array<StoredTrainee & { id_number_digest: string }>>('id', SEALED_ID_COLUMN, SEALED_PHONE_COLUMN, ID_DIGEST_COLUMN);
      for (const row of rows) {
        const idNumber = cipher.open(row.id, 'id_number', row[SEALED_ID_COLUMN]);
        numbers.set(row.id_number_digest, idNumber);
        await trx('trainees').where({ id: row.id }).update({ [SEALED_ID_COLUMN]: idNumber, [ID_DIGEST_COLUMN]: null, [SEALED_PHONE_COLUMN]: cipher.open(row.id, 'phone', row[SEALED_PHONE_COLUMN]) });
      }
      counts.trainees += rows.length;
      if (rows.length < BATCH) break;
    }
    for (const digest of await trx('duplicate_reviews').whereRaw(`length(${ID_DIGEST_COLUMN}) = 64`).pluck<string[]>(ID_DIGEST_COLUMN)) {
      const idNumber = numbers.get(digest);
      if (idNumber) await trx('duplicate_reviews').where({ [ID_DIGEST_COLUMN]: digest }).update({ [ID_DIGEST_COLUMN]: idNumber });
      else await trx('duplicate_reviews').where({ [ID_DIGEST_COLUMN]: digest }).delete();
      counts.reviews += 1;
    }
    counts.conflicts = await rewriteConflictValues(trx, (place, value) => (isSealed(value) ? cipher.openKept(place, value) : null));
  });
  return counts;
}

/** Throws PersonalDataKeyError when a sealed trainee row does not open with this key (one row is enough: one key seals all). */
export async function checkPersonalDataKey(db: Knex, cipher: PersonalDataCipher): Promise<void> {
  const row = await db('trainees').whereNotNull(ID_DIGEST_COLUMN).first<{ id: string; id_number_sealed: string; id_number_digest: string } | undefined>('id', SEALED_ID_COLUMN, ID_DIGEST_COLUMN);
  if (!row) return;
  if (cipher.idDigest(cipher.open(row.id, 'id_number', row.id_number_sealed)) !== row.id_number_digest) throw new PersonalDataKeyError(`The ID number digest of trainee ${row.id}`);
}

/**
 * The kept and lost values of merges of sealed fields (sync_conflicts, JSON text): each string value is
 * passed to `rewrite` with where it is kept; a non-null answer replaces it. Answers how many rows changed.
 */
async function rewriteConflictValues(trx: Knex.Transaction, rewrite: (place: string, value: string) => string | null): Promise<number> {
  const rows = await trx('sync_conflicts').where({ entity: 'trainee' }).whereIn('field', SEALED_FIELDS).select<Array<{ id: string; kept_value: string | null; lost_value: string | null }>>('id', 'kept_value', 'lost_value');
  let changed = 0;
  for (const row of rows) {
    const update: Record<string, string> = {};
    for (const side of ['kept', 'lost'] as const) {
      const stored = row[`${side}_value`];
      const value: unknown = stored === null ? null : JSON.parse(stored);
      const next = typeof value === 'string' ? rewrite(conflictPlace(row.id, side), value) : null;
      if (next !== null) update[`${side}_value`] = JSON.stringify(next);
    }
    if (Object.keys(update).length > 0) {
      await trx('sync_conflicts').where({ id: row.id }).update(update);
      changed += 1;
    }
  }
  return changed;
}

/** Where a merge value of a sealed field is kept: bound into its seal (conflict-log.ts seals with it too). */
export function conflictPlace(conflictId: string, side: 'kept' | 'lost'): string {
  return `sync_conflicts:${conflictId}:${side}`;
}

/**
 * What every start and server-admin run does to the store: migrate, seal what an older server left in plain
 * text, and check the key opens what is sealed. A wrong key file stops here, before anything is written.
 */
export async function migrateAndSeal(db: Knex, keyring: ServerKeyring): Promise<SealCounts> {
  await migrateServer(db);
  const cipher = new PersonalDataCipher(keyring);
  await checkPersonalDataKey(db, cipher);
  return sealStoredData(db, cipher);
}
