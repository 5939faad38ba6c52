/**
 * How an op's payload is kept in the outbox until it is sent (docs/security.md, "Personal data at rest").
 *
 * - A trainee's `put` (a registration, an imported row) is the trainees row as written, field for field. It is kept
 *   as the row is: its ID number and phone sealed, with the very ciphertexts written into the row (one seal per
 *   number, not two), and the rest in clear, as the row holds it. Stored as `pf1:` + JSON. After a later edit the
 *   put still holds the earlier values, which the audit trail keeps in clear as well (every changed field but the
 *   numbers, before and after), so sealing the op again would hide nothing the store does not show elsewhere; it
 *   was a third of what sealing cost an import (the largest value sealed, each seal a cipher set up anew:
 *   docs/benchmarks.md).
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

/**
 * An op's JSON, which must be an object. A damaged one throws a message of its own, never the parser's (which may
 * quote the text it failed on: clear fields of a trainee into a log).
 */
function payloadObject(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('An outbox payload is damaged: not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('An outbox payload is damaged: not an object');
  return parsed as Record<string, unknown>;
}

/** The op's payload in clear, whichever way it was kept. A sealed value that fails to open throws (a tampered store). */
export function openOutboxPayload(cipher: PersonalDataCipher, stored: string): Record<string, unknown> {
  if (!isFieldSealedPayload(stored)) return payloadObject(cipher.open(stored));
  const payload = payloadObject(stored.slice(FIELD_SEALED_PREFIX.length));
  for (const field of SEALED_TRAINEE_FIELDS) {
    const value = payload[field];
    if (typeof value === 'string' && isSealedText(value)) payload[field] = cipher.open(value);
  }
  return payload;
}

/**
 * A `pf1:` payload with a number left clear (a store edited by hand, a restore of a damaged copy) sealed as it should
 * be; null when there is nothing to seal. The store's sealing pass runs it (seal-personal-data.ts).
 */
export function sealClearNumbers(cipher: PersonalDataCipher, stored: string): string | null {
  if (!isFieldSealedPayload(stored)) return null;
  const payload = payloadObject(stored.slice(FIELD_SEALED_PREFIX.length));
  const clear = SEALED_TRAINEE_FIELDS.filter((field) => typeof payload[field] === 'string' && !isSealedText(payload[field] as string));
  if (clear.length === 0) return null;
  for (const field of clear) payload[field] = cipher.seal(payload[field] as string);
  return FIELD_SEALED_PREFIX + JSON.stringify(payload);
}
