/**
 * The server's own secret: one 256-bit master key in a file only the server's user can read (0600),
 * beside the SQLite file or in SKILLS_DESK_SECRETS_DIR (needed with PostgreSQL, and the place to put it
 * on another disk than the database's backups). Each use gets its own subkey (HKDF-SHA256 with a
 * purpose label), so a leaked subkey opens one thing only and a later feature adds a purpose, not a
 * file. A copy of the database without this file cannot read a TOTP secret nor test recovery codes,
 * nor read a trainee's ID number or phone (secrets/personal-data.ts): losing it loses those for good.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isPostgresSpec } from '../db';

export const MASTER_KEY_FILE = 'server-master.key';
const KEY_BYTES = 32;

/** `trainee-personal-v1` seals trainees' ID numbers and phones, `trainee-id-digest-v1` keys their lookup digests (personal-data.ts); `report-code-v1` derives each PC's short-code key. */
export type KeyPurpose = 'staff-totp-v1' | 'staff-recovery-v1' | 'report-code-v1' | 'trainee-personal-v1' | 'trainee-id-digest-v1';

export class ServerKeyring {
  private readonly subkeys = new Map<KeyPurpose, Buffer>();

  constructor(private readonly master: Buffer) {
    if (master.length !== KEY_BYTES) throw new Error('server master key must be 32 bytes');
  }

  private key(purpose: KeyPurpose): Buffer {
    let key = this.subkeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `skills-desk:${purpose}`, KEY_BYTES));
      this.subkeys.set(purpose, key);
    }
    return key;
  }

  /** AES-256-GCM, `v1.iv.ciphertext.tag` (base64url). `context` (e.g. the user id) is bound as associated data: a value copied to another row does not open. */
  seal(purpose: KeyPurpose, plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** The plain text, or null when the value was not sealed by this key for this context (tampered, copied, another key). */
  open(purpose: KeyPurpose, sealed: string, context: string): string | null {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), Buffer.from(parts[1]!, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[3]!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[2]!, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /**
   * A PC's key for the short report code (src-shared/report-code.ts): HMAC-SHA256 of its device id under the
   * purpose's subkey. Derived, not stored: the server recomputes it for each enrolled device of a county.
   */
  reportCodeKey(deviceId: string): Buffer {
    return createHmac('sha256', this.key('report-code-v1')).update(deviceId, 'utf8').digest();
  }

  /** HMAC-SHA256 hex under the purpose's subkey: a keyed digest a database thief cannot test guesses against. */
  mac(purpose: KeyPurpose, value: string): string {
    return createHmac('sha256', this.key(purpose)).update(value, 'utf8').digest('hex');
  }
}

/** The folder of the server's secrets for a store: SKILLS_DESK_SECRETS_DIR, else beside the SQLite file (./skills-desk-secrets with PostgreSQL). */
export function secretsDirFor(dbSpec: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SKILLS_DESK_SECRETS_DIR) return path.resolve(env.SKILLS_DESK_SECRETS_DIR);
  if (isPostgresSpec(dbSpec)) return path.resolve('skills-desk-secrets');
  return path.join(path.dirname(path.resolve(dbSpec)), 'secrets');
}

/**
 * Reads the master key, creating it (0700 folder, 0600 file, written exclusively so two workers
 * starting together cannot write two keys) when there is none. A file readable by others is refused:
 * the key would no longer be the server's alone.
 */
export function loadServerKeyring(dir: string): ServerKeyring {
  const file = path.join(dir, MASTER_KEY_FILE);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users: chmod 600 it (the server's key must be its alone)`);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} is not a server key (64 hex digits expected); restore it from the key backup`);
  return new ServerKeyring(Buffer.from(text, 'hex'));
}

let processKeyring: ServerKeyring | null = null;
/** A key held in memory for this process only: for apps built without a key file (tests). The real server always loads the file. */
export function ephemeralKeyring(): ServerKeyring {
  processKeyring ??= new ServerKeyring(randomBytes(KEY_BYTES));
  return processKeyring;
}
