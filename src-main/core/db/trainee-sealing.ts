/**
 * The trainees table's boundary for personal data: rows are clear in memory and sealed in the file. Every write of
 * `id_number` or `phone` goes through `sealTraineeColumns` (which adds their blind indexes), every read through
 * `openTraineeColumns`.
 */
import type { PersonalDataCipher } from '../secrets/personal-data';

interface NumberColumns {
  id_number?: string;
  phone?: string;
}

/** A new trainee's row as stored: its numbers sealed (and indexed), the row's id kept for the caller. */
export type SealedTraineeRow = Record<string, unknown> & { id: string; id_number: string; phone: string };

/** The columns to store: the numbers sealed, with the blind indexes of each number written. */
export function sealTraineeColumns<T extends Required<NumberColumns> & { id: string }>(cipher: PersonalDataCipher, fields: T, sealed?: Required<NumberColumns>): SealedTraineeRow;
export function sealTraineeColumns<T extends NumberColumns>(cipher: PersonalDataCipher, fields: T): Record<string, unknown>;
/** `sealed`: both numbers sealed already (an import seals them ahead, seal-ahead.ts), of exactly these values. */
export function sealTraineeColumns<T extends NumberColumns>(cipher: PersonalDataCipher, fields: T, sealed?: Required<NumberColumns>): Record<string, unknown> {
  const stored = { ...fields } as Record<string, unknown>;
  // Both numbers (a new trainee): their six indexes in one call.
  if (fields.id_number !== undefined && fields.phone !== undefined) {
    const numbers = sealed ?? { id_number: cipher.seal(fields.id_number), phone: cipher.seal(fields.phone) };
    return Object.assign(stored, numbers, cipher.traineeIndexes(fields.id_number, fields.phone));
  }
  if (fields.id_number !== undefined) Object.assign(stored, { id_number: cipher.seal(fields.id_number) }, cipher.idIndexes(fields.id_number));
  if (fields.phone !== undefined) Object.assign(stored, { phone: cipher.seal(fields.phone) }, cipher.phoneIndexes(fields.phone));
  return stored;
}

/** A row read from the store with its numbers opened (other columns as they are). */
export function openTraineeColumns<T extends object>(cipher: PersonalDataCipher, row: T): T {
  const opened = { ...row } as Record<string, unknown>;
  if (typeof opened.id_number === 'string') opened.id_number = cipher.open(opened.id_number);
  if (typeof opened.phone === 'string') opened.phone = cipher.open(opened.phone);
  return opened as T;
}

/** Blind index columns: never shown, never compared as values, never synced. */
export const TRAINEE_INDEX_COLUMNS: ReadonlySet<string> = new Set(['id_hash', 'id_tail4_hash', 'id_tail5_hash', 'id_tail6_hash', 'phone_hash', 'phone_tail4_hash']);
