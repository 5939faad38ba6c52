/**
 * Server rows as the code above the storage boundary reads them: trainees' ID numbers and phones are stored
 * sealed (src-server/secrets/personal-data.ts) under the test process's key (the app's default without a key file).
 */
import type { Knex } from 'knex';
import { ephemeralPersonalData, plainTraineeRow } from '../../src-server/secrets/personal-data';

/** The trainee row `id` with plain `id_number` and `phone`, or undefined. */
export async function openedTrainee(db: Knex, id: string): Promise<Record<string, unknown> | undefined> {
  const row = (await db('trainees').where({ id }).first()) as Record<string, unknown> | undefined;
  return row ? plainTraineeRow<Record<string, unknown>>(ephemeralPersonalData(), row) : undefined;
}

/** How many live trainees of `county` (any county when null) hold the ID number, found by its keyed digest. */
export async function liveTraineesWithNumber(db: Knex, idNumber: string, county: string | null = null): Promise<number> {
  const query = db('trainees').where({ id_number_digest: ephemeralPersonalData().idDigest(idNumber) }).whereNull('deleted_at');
  if (county) query.where({ county_code: county });
  const [row] = await query.count<Array<{ n: number | string }>>({ n: '*' });
  return Number(row!.n);
}
