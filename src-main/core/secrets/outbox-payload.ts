/**
 * How an op's payload is kept in the outbox until it is sent (docs/security.md, "Personal data at rest").
 *
 * - A trainee's `put` (a registration, an imported row) is the trainees row itself, field for field. It is kept as
 *   the row is: its ID number and phone sealed, with the very ciphertexts written into the row (one seal per number,
 *   not two), and the rest as the row holds it in clear. Stored as `pf1:` + JSON. Sealing the whole op again would
 *   hide nothing the row beside it does not show, and it was a third of what sealing cost an import (the op is the
 *   largest value sealed, and each seal is a cipher set up anew: docs/benchmarks.md).
 * - Every other op (a patch, a delete, the ops of records, platforms, reports) is sealed whole, `pd1:`, as before:
 *   a patch may carry values the row no longer holds once a later one is written.
 * - Payloads written before either (a store being sealed) are clear JSON; both readers below take them as they are.
 */
import type { SyncedEntity, SyncOp } from '../change-set';
import { isSealedText, type PersonalDataCipher } from './personal-data';

const FIELD_SEALED_PREFIX = 'pf1:';
/** The payload fields of a trainee op that hold the numbers the row keeps sealed (trainee-fields.ts names them). */
const SEALED_TRAINEE_FIELDS = ['idNumber', 'phone'] as const;

export type SealedNumbers = Partial<Record<(typeof SEALED_TRAINEE_FIELDS)[number], string>>;

export function isFieldSealedPayload(stored: string): boolean {
  return stored.startsWith(FIELD_SEALED_PREFIX);
}

/**
 * The payload as the outbox keeps it. `sealed`: the numbers as the row stores them, reused as they are (a value not
 * given is sealed here).
 */
export function sealOutboxPayload(cipher: PersonalDataCipher, entity: SyncedEntity, op: SyncOp, payload: Record<string, unknown>, sealed: SealedNumbers = {}): string {
  if (entity !== 'trainee' || op !== 'put') return cipher.seal(JSON.stringify(payload));
  const kept: Record<string, unknown> = { ...payload };
  for (const field of SEALED_TRAINEE_FIELDS) {
    const value = kept[field];
    if (typeof value !== 'string') continue;
    kept[field] = sealed[field] ?? cipher.seal(value);
  }
  return FIELD_SEALED_PREFIX + JSON.stringify(kept);
}

/** The op's payload in clear, whichever way it was kept. A sealed value that fails to open throws (a tampered store). */
export function openOutboxPayload(cipher: PersonalDataCipher, stored: string): Record<string, unknown> {
  if (!isFieldSealedPayload(stored)) return JSON.parse(cipher.open(stored)) as Record<string, unknown>;
  const payload = JSON.parse(stored.slice(FIELD_SEALED_PREFIX.length)) as Record<string, unknown>;
  for (const field of SEALED_TRAINEE_FIELDS) {
    const value = payload[field];
    if (typeof value === 'string' && isSealedText(value)) payload[field] = cipher.open(value);
  }
  return payload;
}
