/**
 * The province's keys for carried files (issue #16). One generation = an X25519 pair (files are encrypted for
 * it) and an Ed25519 pair (receipts are signed with it); its key id is the X25519 fingerprint. Rotation adds a
 * generation: the newest encrypts and signs, every older one still decrypts files and its public half still
 * verifies old receipts on the PCs.
 *
 * Each generation is one JSON file in the key folder (0700; each file 0600, written exclusively, never
 * rewritten): `province-keys/` in the server's secrets folder (`secretsDirFor`: SKILLS_DESK_SECRETS_DIR, needed
 * with PostgreSQL, else beside the SQLite file). Private halves never leave this folder; the PCs get `publicKeys()` at enrolment and sync.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keyFingerprint, newKeyPair, type KeyPairDer } from '../../src-node/carried-crypto';
import type { ProvincePublicKey } from '../../src-shared/carried-file';
import { secretsDirFor } from '../secrets/server-keys';

const generationSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  encrypt: z.object({ publicKey: z.string(), privateKey: z.string() }),
  sign: z.object({ keyId: z.string(), publicKey: z.string(), privateKey: z.string() }),
});
type Generation = z.infer<typeof generationSchema>;

const FILE_PREFIX = 'province-key-';

/** The province keys live with the server's other secrets (SKILLS_DESK_SECRETS_DIR or beside the SQLite file). */
export function keyFolderFor(dbSpec: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(secretsDirFor(dbSpec, env), 'province-keys');
}

export class ProvinceKeyring {
  private constructor(
    readonly folder: string,
    private readonly generations: Generation[],
  ) {}

  /** Loads every generation in `folder`; with `create`, makes the first one when there is none. */
  static open(folder: string, options: { create?: boolean } = {}): ProvinceKeyring {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(folder, 0o700);
    const ring = new ProvinceKeyring(folder, readGenerations(folder));
    if (ring.generations.length === 0 && options.create) ring.rotate();
    return ring;
  }

  /** Makes a new generation, which encrypts and signs from now on. */
  rotate(now = new Date()): ProvincePublicKey {
    const encrypt: KeyPairDer = newKeyPair('x25519');
    const sign = newKeyPair('ed25519');
    const generation: Generation = { keyId: keyFingerprint(encrypt.publicKey), createdAt: now.toISOString(), encrypt, sign: { keyId: keyFingerprint(sign.publicKey), ...sign } };
    fs.writeFileSync(path.join(this.folder, `${FILE_PREFIX}${generation.createdAt.replace(/[:.]/g, '')}-${generation.keyId}.json`), JSON.stringify(generation, null, 2), {
      mode: 0o600,
      flag: 'wx',
    });
    this.generations.push(generation);
    this.generations.sort(byAge);
    return publicOf(generation);
  }

  isEmpty(): boolean {
    return this.generations.length === 0;
  }

  /** Oldest first, newest last (the one a PC encrypts for). */
  publicKeys(): ProvincePublicKey[] {
    return this.generations.map(publicOf);
  }

  /** The encryption pair of a key id, or null: a file for an unknown key is refused before any crypto work. */
  encryptionPair(keyId: string): KeyPairDer | null {
    const found = this.generations.find((g) => g.keyId === keyId);
    return found ? found.encrypt : null;
  }

  /** The newest signing key, for receipts. */
  signer(): { signKeyId: string; privateKey: string } {
    const newest = this.generations[this.generations.length - 1];
    if (!newest) throw new Error('The province has no key: run "skills-desk server-admin keys rotate"');
    return { signKeyId: newest.sign.keyId, privateKey: newest.sign.privateKey };
  }
}

function byAge(a: Generation, b: Generation): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function publicOf(g: Generation): ProvincePublicKey {
  return { keyId: g.keyId, createdAt: g.createdAt, encryptPublicKey: g.encrypt.publicKey, signKeyId: g.sign.keyId, signPublicKey: g.sign.publicKey };
}

function readGenerations(folder: string): Generation[] {
  const found: Generation[] = [];
  for (const name of fs.readdirSync(folder).filter((f) => f.startsWith(FILE_PREFIX) && f.endsWith('.json'))) {
    const file = path.join(folder, name);
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    const parsed = generationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // A damaged key file must stop the server, not be skipped: files encrypted for it would be refused.
    if (!parsed.success || keyFingerprint(parsed.data.encrypt.publicKey) !== parsed.data.keyId) throw new Error(`Province key file ${name} is damaged`);
    found.push(parsed.data);
  }
  return found.sort(byAge);
}
