/**
 * The invariant every fault test ends with: nothing lost, nothing duplicated. The PC's outbox is empty,
 * the server holds exactly the PC's live trainees and training records (same ids, same ID numbers),
 * every op was recorded once, and what the receipts acknowledged adds up to what the server logged.
 */
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { TempApp } from './temp-app';
import { count } from './sync-harness';
import { ephemeralPersonalData, type PersonalDataCipher } from '../../src-server/secrets/personal-data';
import { openedTrainees } from './sealed-store';

/** `cipher`: the server's key for its sealed numbers (default: this process's, as an app built here uses). */
export async function expectConverged(pc: TempApp, serverDb: Knex, county: string, cipher: PersonalDataCipher = ephemeralPersonalData()): Promise<void> {
  const local = pc.context.db;
  expect(await count(local, 'outbox'), 'outbox empty').toBe(0);
  expect(await count(local, 'sync_batches'), 'no open batch').toBe(0);
  // Both sides store the numbers sealed: the PC's opened with its store key, the server's with the server key.
  const localTrainees = openedTrainees(local, await local('trainees').whereNull('deleted_at').orderBy('id').select<Array<{ id: string; id_number: string }>>('id', 'id_number'));
  const sealed = await serverDb('trainees').where({ county_code: county }).whereNull('deleted_at').orderBy('id').select<Array<{ id: string; id_number_sealed: string }>>('id', 'id_number_sealed');
  const serverTrainees = sealed.map((r) => ({ id: r.id, id_number: cipher.open(r.id, 'id_number', r.id_number_sealed) }));
  expect(serverTrainees).toEqual(localTrainees);
  const localEnrolments: string[] = await local('enrolments').whereNull('deleted_at').orderBy('id').pluck('id');
  const serverEnrolments: string[] = await serverDb('enrolments').where({ county_code: county }).whereNull('deleted_at').orderBy('id').pluck('id');
  expect(serverEnrolments).toEqual(localEnrolments);
  const [receipts] = await local('sync_receipts').sum<Array<{ applied: number | null; rejected: number | null }>>({ applied: 'applied', rejected: 'rejected' });
  const logged = await count(serverDb, 'op_log', { county_code: county });
  expect(logged, 'server logged what the receipts acknowledged').toBe(Number(receipts?.applied ?? 0) + Number(receipts?.rejected ?? 0));
  const [dups] = await serverDb('trainees').where({ county_code: county }).whereNull('deleted_at').groupBy('id_number_digest').havingRaw('count(*) > 1').count<Array<{ n: number }>>({ n: '*' });
  expect(dups, 'no ID number twice in the county').toBeUndefined();
}
