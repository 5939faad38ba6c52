/**
 * Re-indexes a store whose blind indexes were written by the first scheme (HMAC-SHA256 for every index) with the
 * current one (personal-data.ts: AES-256 on a packed block, HMAC only for a value that does not fit), the first time
 * the store is opened by a version that has it. The numbers are opened and indexed again in one transaction, so a
 * search finds every trainee by either scheme's rules only once the whole store is done; a failure changes nothing
 * and the next open tries again. Runs before sealPersonalData: rows still clear are indexed by the sealing itself.
 *
 * The scheme is a setting of the store, so a backup made before the change is re-indexed when it is restored.
 */
import type { Knex } from 'knex';
import { personalDataOf } from './personal-data';

export const BLIND_INDEX_SETTING = 'blindIndexScheme';
export const BLIND_INDEX_SCHEME = 2;
const CHUNK = 1000;

async function currentScheme(db: Knex): Promise<number> {
  const row = (await db('settings').where({ key: BLIND_INDEX_SETTING }).first('value')) as { value: string } | undefined;
  return row ? Number(JSON.parse(row.value)) : 1;
}

/** Answers how many trainees were re-indexed; after the first time a no-op of one indexed read. */
export async function upgradeBlindIndexes(db: Knex): Promise<number> {
  if ((await currentScheme(db)) === BLIND_INDEX_SCHEME) return 0;
  const cipher = personalDataOf(db);
  return db.transaction(async (trx) => {
    let upgraded = 0;
    let after = 0;
    for (;;) {
      // Sealed rows only (a row with no index is still clear: sealing indexes it with the current scheme).
      const rows = await trx('trainees')
        .whereNotNull('id_hash')
        .where('rowid', '>', after)
        .orderBy('rowid')
        .limit(CHUNK)
        .select<Array<{ rid: number; id_number: string; phone: string }>>('rowid as rid', 'id_number', 'phone');
      if (rows.length === 0) break;
      for (const row of rows) {
        await trx('trainees').where('rowid', row.rid).update(cipher.traineeIndexes(cipher.open(row.id_number), cipher.open(row.phone)));
      }
      upgraded += rows.length;
      after = rows[rows.length - 1]!.rid;
    }
    await trx('settings').insert({ key: BLIND_INDEX_SETTING, value: JSON.stringify(BLIND_INDEX_SCHEME) }).onConflict('key').merge();
    return upgraded;
  });
}
