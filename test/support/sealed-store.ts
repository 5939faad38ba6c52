/**
 * Tests that look into the PC's store directly: ID numbers, phones and outbox payloads are sealed there
 * (src-main/core/secrets/personal-data.ts), so they are opened with the store's own key to be compared.
 */
import type { Knex } from 'knex';
import { openTraineeColumns } from '../../src-main/core/db/trainee-sealing';
import { personalDataOf } from '../../src-main/core/secrets/personal-data';
import { openOutboxPayload } from '../../src-main/core/secrets/outbox-payload';

/** An outbox payload (or any sealed JSON) as the op it holds. */
export function openedJson<T = Record<string, unknown>>(db: Knex, sealed: string): T {
  return openOutboxPayload(personalDataOf(db), sealed) as T;
}

/** Trainee rows as read from the store, with their numbers opened. */
export function openedTrainees<T extends object>(db: Knex, rows: T[]): T[] {
  const cipher = personalDataOf(db);
  return rows.map((row) => openTraineeColumns(cipher, row));
}

/** The blind index that finds a trainee by the whole ID number (what replaces `where id_number = ?`). */
export function idHash(db: Knex, idNumber: string): string {
  return personalDataOf(db).index('id_hash', idNumber);
}
