/**
 * Personal data at rest in the PC's store: the one place that seals and opens it, and that computes the keyed
 * blind indexes the search uses instead of the clear numbers (docs/security.md, "Personal data at rest").
 *
 * - Sealed text is `pd1:` + base64(iv | tag | ciphertext), AES-256-GCM under a key derived from the store's data key;
 *   every value has its own random IV, so two equal numbers look different in the file.
 * - Sealed bytes (a frozen sync batch) are the magic `SDPD1` + iv | tag | ciphertext.
 * - Blind indexes are a keyed pseudorandom function of (kind, value), 128 bits: equal inputs give equal indexes (so
 *   `=` on an indexed column finds a number), and without the key nothing can be learnt from them. A value that fits
 *   one 16-byte block (every ID number, phone and tail the store writes: see `indexBlock`) is encrypted as that block
 *   with AES-256 in ECB mode under a key of its own, all six indexes of a trainee in one call; anything else is
 *   HMAC-SHA256 under another key, cut to 128 bits. AES-256 on distinct blocks is a pseudorandom permutation, as good
 *   a blind index as the HMAC; it is about 4x cheaper for a trainee (six HMACs, each a call into OpenSSL with its own
 *   key set-up: 14.5 us; one six-block AES call: 3.6 us, docs/benchmarks.md). The scheme's version is kept in the
 *   store (blind-index-upgrade.ts re-indexes a store written with the earlier HMAC-only indexes).
 *
 * The cipher travels with the store's Knex instance as the secret keyring does, so repositories and services find it
 * from the `db` or `trx` they already hold (a transaction shares its parent's client config object).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, type Cipher } from 'node:crypto';
import type { Knex } from 'knex';
import { sealAhead, type SealedAhead } from './seal-ahead';

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

/** Index kinds as the block's first byte: the kind is part of what is indexed (equal tails of ID and phone differ). */
const KIND_CODES: Record<keyof TraineeIndexes, number> = { id_hash: 1, id_tail4_hash: 2, id_tail5_hash: 3, id_tail6_hash: 4, phone_hash: 5, phone_tail4_hash: 6 };
/** Characters a block holds, a nibble each: digits, the X of an ID number's check digit, a landline's dash. */
const NIBBLE_OF: Record<string, number> = { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9, X: 10, '-': 11 };
const BLOCK_BYTES = 16;
/** A block: kind, length, then 14 bytes of nibbles (28 characters), the rest filled with 0xF. */
const BLOCK_CHARS = (BLOCK_BYTES - 2) * 2;

/**
 * Writes the block of (kind, value) at `offset`, or answers false when the value does not fit one (too long, or a
 * character outside NIBBLE_OF): such a value is indexed by HMAC. Injective: kind, length and each character's nibble.
 */
function indexBlock(target: Buffer, offset: number, kind: keyof TraineeIndexes, value: string): boolean {
  if (value.length > BLOCK_CHARS) return false;
  target.fill(0xff, offset, offset + BLOCK_BYTES);
  target[offset] = KIND_CODES[kind];
  target[offset + 1] = value.length;
  for (let i = 0; i < value.length; i++) {
    const nibble = NIBBLE_OF[value[i]!];
    if (nibble === undefined) return false;
    const at = offset + 2 + (i >> 1);
    target[at] = i % 2 === 0 ? (nibble << 4) | 0x0f : (target[at]! & 0xf0) | nibble;
  }
  return true;
}

export type IndexRequest = readonly [kind: keyof TraineeIndexes, value: string];

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

/**
 * AES-256-GCM sealing under one key (the data key's seal subkey): all a sealing thread needs (seal-worker.ts), and
 * no more (it cannot compute blind indexes).
 */
export class GcmSealer {
  constructor(private readonly key: Buffer) {}

  sealBuffer(plain: Buffer): Buffer {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = cipher.update(plain);
    // GCM is a stream mode: final() only computes the tag (it returns no bytes), so the body is copied once.
    const rest = cipher.final();
    return Buffer.concat(rest.length === 0 ? [iv, cipher.getAuthTag(), body] : [iv, cipher.getAuthTag(), body, rest]);
  }

  openBuffer(sealed: Buffer): Buffer {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  seal(text: string): string {
    return TEXT_PREFIX + this.sealBuffer(Buffer.from(text, 'utf8')).toString('base64');
  }
}

export class PersonalDataCipher {
  private readonly sealKey: Buffer;
  private readonly sealer: GcmSealer;
  private readonly indexKey: Buffer;
  /** ECB keeps no state between blocks: one cipher serves every index, fed whole blocks, never finalised. */
  private readonly blockIndexer: Cipher;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('A data key has 32 bytes');
    this.sealKey = subkey(dataKey, 'personal data seal v1');
    this.sealer = new GcmSealer(this.sealKey);
    this.indexKey = subkey(dataKey, 'personal data blind index v1');
    this.blockIndexer = createCipheriv('aes-256-ecb', subkey(dataKey, 'personal data blind index block v2'), null).setAutoPadding(false);
  }

  seal(text: string): string {
    return this.sealer.seal(text);
  }

  /**
   * `texts` sealed as `seal` would, a large batch in a thread of its own while the caller goes on (seal-ahead.ts):
   * an import's numbers, sealed while its rows are built and written.
   */
  sealAhead(texts: readonly string[]): SealedAhead {
    return sealAhead(this.sealKey, texts, { seal: (text) => this.seal(text), open: (value) => this.open(value), isSealed: isSealedText });
  }

  /** The clear text; a value that is not sealed (a store being sealed, an older row) is returned as it is. */
  open(value: string): string {
    if (!isSealedText(value)) return value;
    return this.sealer.openBuffer(Buffer.from(value.slice(TEXT_PREFIX.length), 'base64')).toString('utf8');
  }

  sealBytes(plain: Buffer): Buffer {
    return Buffer.concat([BYTES_MAGIC, this.sealer.sealBuffer(plain)]);
  }

  openBytes(value: Buffer): Buffer {
    if (!isSealedBytes(value)) return value;
    return this.sealer.openBuffer(value.subarray(BYTES_MAGIC.length));
  }

  /** The blind index of `value` for one kind of lookup. */
  index(kind: keyof TraineeIndexes, value: string): string {
    return this.indexAll([[kind, value]])[0]!;
  }

  /** The blind indexes of several lookups, in order: the blocks of all that fit go through AES in one call. */
  indexAll(requests: readonly IndexRequest[]): string[] {
    const blocks = Buffer.allocUnsafe(requests.length * BLOCK_BYTES);
    const fits = requests.map(([kind, value], i) => indexBlock(blocks, i * BLOCK_BYTES, kind, value));
    const encrypted = this.blockIndexer.update(blocks);
    return requests.map(([kind, value], i) =>
      fits[i]
        ? encrypted.toString('base64url', i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES)
        : createHmac('sha256', this.indexKey).update(`${kind}\u0000${value}`).digest().subarray(0, 16).toString('base64url'),
    );
  }

  traineeIndexes(idNumber: string, phone: string): TraineeIndexes {
    const [id_hash, id_tail4_hash, id_tail5_hash, id_tail6_hash, phone_hash, phone_tail4_hash] = this.indexAll([...idRequests(idNumber), ...phoneRequests(phone)]);
    return { id_hash: id_hash!, id_tail4_hash: id_tail4_hash!, id_tail5_hash: id_tail5_hash!, id_tail6_hash: id_tail6_hash!, phone_hash: phone_hash!, phone_tail4_hash: phone_tail4_hash! };
  }

  idIndexes(idNumber: string): Pick<TraineeIndexes, 'id_hash' | 'id_tail4_hash' | 'id_tail5_hash' | 'id_tail6_hash'> {
    const [id_hash, id_tail4_hash, id_tail5_hash, id_tail6_hash] = this.indexAll(idRequests(idNumber));
    return { id_hash: id_hash!, id_tail4_hash: id_tail4_hash!, id_tail5_hash: id_tail5_hash!, id_tail6_hash: id_tail6_hash! };
  }

  phoneIndexes(phone: string): Pick<TraineeIndexes, 'phone_hash' | 'phone_tail4_hash'> {
    const [phone_hash, phone_tail4_hash] = this.indexAll(phoneRequests(phone));
    return { phone_hash: phone_hash!, phone_tail4_hash: phone_tail4_hash! };
  }
}

function idRequests(idNumber: string): IndexRequest[] {
  return [
    ['id_hash', idNumber],
    ['id_tail4_hash', idNumber.slice(-4)],
    ['id_tail5_hash', idNumber.slice(-5)],
    ['id_tail6_hash', idNumber.slice(-6)],
  ];
}

function phoneRequests(phone: string): IndexRequest[] {
  return [
    ['phone_hash', phone],
    ['phone_tail4_hash', phone.slice(-4)],
  ];
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
