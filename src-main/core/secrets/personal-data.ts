/**
 * Personal data at rest in the PC's store: the one place that seals and opens it, and that computes the keyed
 * blind indexes the search uses instead of the clear numbers (docs/security.md, "Personal data at rest").
 *
 * - Sealed text is `pd1:` + base64(iv | tag | ciphertext), AES-256-GCM under a key derived from the store's data key;
 *   every value has its own random IV, so two equal numbers look different in the file.
 * - Sealed bytes (a frozen sync batch) are the magic `SDPD1` + iv | tag | ciphertext.
 * - Blind indexes are HMAC-SHA256 under a second key derived from the data key, cut to 128 bits: equal inputs give
 *   equal indexes (so `=` on an indexed column finds a number), and without the key nothing can be learnt from them.
 *
 * The cipher travels with the store's Knex instance as the secret keyring does, so repositories and services find it
 * from the `db` or `trx` they already hold (a transaction shares its parent's client config object).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TEXT_PREFIX = 'pd1:';
const BYTES_MAGIC = Buffer.from('SDPD1', 'ascii');
const AAD = Buffer.from('skills-desk personal data v1', 'utf8');

/**
 * IVs are cut from a pool of CSPRNG bytes refilled 4,096 IVs at a time: the same randomness as one randomBytes(12)
 * per value (a random 96-bit IV per seal, NIST SP 800-38D 8.2.2), without a call into OpenSSL's RNG for each, which
 * was a third of the cost of sealing one number (docs/benchmarks.md). A pool is never written again once cut.
 */
const IV_POOL_IVS = 4096;
let ivPool = Buffer.alloc(0);
let ivPoolAt = 0;

function nextIv(): Buffer {
  if (ivPoolAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IV_POOL_IVS);
    ivPoolAt = 0;
  }
  const iv = ivPool.subarray(ivPoolAt, ivPoolAt + IV_BYTES);
  ivPoolAt += IV_BYTES;
  return iv;
}

function subkey(dataKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `skills-desk ${purpose}`, 32));
}

/** Blind index columns of one trainee row: their names are the kinds hashed. */
export interface TraineeIndexes {
  id_hash: string;
  id_tail4_hash: string;
  id_tail5_hash: string;
  id_tail6_hash: string;
  phone_hash: string;
  phone_tail4_hash: string;
}

export class PersonalDataCipher {
  private readonly sealKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('A data key has 32 bytes');
    this.sealKey = subkey(dataKey, 'personal data seal v1');
    this.indexKey = subkey(dataKey, 'personal data blind index v1');
  }

  private sealBuffer(plain: Buffer): Buffer {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private openBuffer(sealed: Buffer): Buffer {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  seal(text: string): string {
    return TEXT_PREFIX + this.sealBuffer(Buffer.from(text, 'utf8')).toString('base64');
  }

  /** The clear text; a value that is not sealed (a store being sealed, an older row) is returned as it is. */
  open(value: string): string {
    if (!isSealedText(value)) return value;
    return this.openBuffer(Buffer.from(value.slice(TEXT_PREFIX.length), 'base64')).toString('utf8');
  }

  sealBytes(plain: Buffer): Buffer {
    return Buffer.concat([BYTES_MAGIC, this.sealBuffer(plain)]);
  }

  openBytes(value: Buffer): Buffer {
    if (!isSealedBytes(value)) return value;
    return this.openBuffer(value.subarray(BYTES_MAGIC.length));
  }

  /** The blind index of `value` for one kind of lookup (the kind is hashed too: equal tails of ID and phone differ). */
  index(kind: keyof TraineeIndexes, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}\u0000${value}`).digest().subarray(0, 16).toString('base64url');
  }

  traineeIndexes(idNumber: string, phone: string): TraineeIndexes {
    return { ...this.idIndexes(idNumber), ...this.phoneIndexes(phone) };
  }

  idIndexes(idNumber: string): Pick<TraineeIndexes, 'id_hash' | 'id_tail4_hash' | 'id_tail5_hash' | 'id_tail6_hash'> {
    return {
      id_hash: this.index('id_hash', idNumber),
      id_tail4_hash: this.index('id_tail4_hash', idNumber.slice(-4)),
      id_tail5_hash: this.index('id_tail5_hash', idNumber.slice(-5)),
      id_tail6_hash: this.index('id_tail6_hash', idNumber.slice(-6)),
    };
  }

  phoneIndexes(phone: string): Pick<TraineeIndexes, 'phone_hash' | 'phone_tail4_hash'> {
    return { phone_hash: this.index('phone_hash', phone), phone_tail4_hash: this.index('phone_tail4_hash', phone.slice(-4)) };
  }
}

export function isSealedText(value: string): boolean {
  return value.startsWith(TEXT_PREFIX);
}

export function isSealedBytes(value: Buffer): boolean {
  return value.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC);
}

// Keyed by the connection settings object of the client's config: a transaction's client shares its parent's config
// (knex makeTxClient), and the migrator's clone (withUserParams) copies the config shallowly, keeping that object.
const ciphers = new WeakMap<object, PersonalDataCipher>();

function bindingOf(db: Knex | Knex.Transaction): object {
  const config = (db.client as { config: { connection?: unknown } }).config;
  return typeof config.connection === 'object' && config.connection !== null ? config.connection : config;
}

export function bindPersonalDataCipher(db: Knex, cipher: PersonalDataCipher): void {
  ciphers.set(bindingOf(db), cipher);
}

export function personalDataOf(db: Knex | Knex.Transaction): PersonalDataCipher {
  const cipher = ciphers.get(bindingOf(db));
  // A programming error (a store opened outside openAppContext reading personal data), not the clerk's.
  if (!cipher) throw new Error('No personal data key is bound to this store; open it through openAppContext');
  return cipher;
}

export function hasPersonalDataCipher(db: Knex | Knex.Transaction): boolean {
  return ciphers.has(bindingOf(db));
}
