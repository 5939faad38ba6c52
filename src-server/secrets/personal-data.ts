/**
 * Trainees' ID numbers and phones as the server stores them (issue #19 item 2, GB/T 35273 §6.3): sealed
 * with AES-256-GCM under a subkey of the server key (server-keys.ts, purpose `trainee-personal-v1`),
 * bound to the trainee row and the column (a value copied to another row or column does not open), plus
 * a keyed digest of the ID number (HMAC-SHA256, purpose `trainee-id-digest-v1`) that every exact lookup
 * and the cross-county duplicate check compare instead of the number. A copy of the database without
 * the key file holds no number or phone, and cannot test guessed numbers against the digests.
 *
 * Code above the storage boundary (row-cache.ts, duplicates-service.ts) sees plain `id_number` and
 * `phone`; `storedTraineeColumns` / `plainTraineeRow` translate at the boundary.
 */
import { ephemeralKeyring, type ServerKeyring } from './server-keys';

/** The stored columns of the sealed fields (migration 20261204230000_sealed_personal_data). */
export const SEALED_ID_COLUMN = 'id_number_sealed';
export const ID_DIGEST_COLUMN = 'id_number_digest';
export const SEALED_PHONE_COLUMN = 'phone_sealed';

/** A sealed value that does not open with this server's key: a restored database with another key file, or tampering. */
export class PersonalDataKeyError extends Error {
  constructor(what: string) {
    super(`${what} does not open with this server's key: start the server with the key file the data was sealed with (secrets/server-master.key, see docs/server-operations.md)`);
    this.name = 'PersonalDataKeyError';
  }
}

export class PersonalDataCipher {
  constructor(private readonly keyring: ServerKeyring) {}

  /** The lookup digest of an ID number (64 hex digits): equal numbers, equal digests, across every county. */
  idDigest(idNumber: string): string {
    return this.keyring.mac('trainee-id-digest-v1', idNumber);
  }

  /** Seals a value of `column` of trainee `traineeId` (a fresh IV each time: equal numbers do not look equal). */
  seal(traineeId: string, column: 'id_number' | 'phone', plain: string): string {
    return this.keyring.seal('trainee-personal-v1', plain, context(traineeId, column));
  }

  /** Opens a sealed value; throws PersonalDataKeyError when it was not sealed by this key for this row and column. */
  open(traineeId: string, column: 'id_number' | 'phone', sealed: string): string {
    const plain = this.keyring.open('trainee-personal-v1', sealed, context(traineeId, column));
    if (plain === null) throw new PersonalDataKeyError(`The ${column} of trainee ${traineeId}`);
    return plain;
  }

  /** Seals a value kept outside the trainee row (a lost merge value in sync_conflicts), bound to where it is kept. */
  sealKept(place: string, plain: string): string {
    return this.keyring.seal('trainee-personal-v1', plain, `kept:${place}`);
  }

  openKept(place: string, sealed: string): string | null {
    return this.keyring.open('trainee-personal-v1', sealed, `kept:${place}`);
  }
}

function context(traineeId: string, column: string): string {
  return `trainee:${traineeId}:${column}`;
}

/** For code built without the server's key file (tests): the process's in-memory key, as the staff accounts use. */
export function ephemeralPersonalData(): PersonalDataCipher {
  return new PersonalDataCipher(ephemeralKeyring());
}

/** Whether a stored value is sealed (`v1.iv.body.tag`) rather than a plain value left by an older server. */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('v1.') && value.split('.').length === 4;
}

type Row = Record<string, unknown>;

/**
 * The stored columns for plain trainee columns about to be written: `id_number` becomes its sealed text
 * and digest, `phone` its sealed text; every other column passes as it is. Needs the row's id (bound in).
 */
export function storedTraineeColumns(cipher: PersonalDataCipher, traineeId: string, columns: Row): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(columns)) {
    // A null stays null under the stored name: every row of a bulk insert has the same columns.
    if (name === 'id_number') {
      out[SEALED_ID_COLUMN] = typeof value === 'string' ? cipher.seal(traineeId, 'id_number', value) : null;
      out[ID_DIGEST_COLUMN] = typeof value === 'string' ? cipher.idDigest(value) : null;
    } else if (name === 'phone') {
      out[SEALED_PHONE_COLUMN] = typeof value === 'string' ? cipher.seal(traineeId, 'phone', value) : null;
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** A stored trainee row as the code above the boundary reads it: plain `id_number` and `phone`, no sealed columns. */
export function plainTraineeRow<T>(cipher: PersonalDataCipher, stored: Row): T {
  const { [SEALED_ID_COLUMN]: sealedId, [ID_DIGEST_COLUMN]: _digest, [SEALED_PHONE_COLUMN]: sealedPhone, ...rest } = stored;
  const id = String(stored.id);
  return {
    ...rest,
    id_number: typeof sealedId === 'string' ? cipher.open(id, 'id_number', sealedId) : sealedId,
    phone: typeof sealedPhone === 'string' ? cipher.open(id, 'phone', sealedPhone) : sealedPhone,
  } as T;
}
