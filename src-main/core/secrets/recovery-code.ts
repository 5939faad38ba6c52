/**
 * The recovery code: 160 random bits shown once as 8 groups of 4 Crockford base32 characters, from which scrypt
 * derives the key that wraps the store's data key. With it, a backup opens on a reinstalled PC (`skills-desk
 * recover`). Crockford's alphabet has no I, L, O or U; when typed back, they are read as 1, 1, 0 and refused.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 32;
const GROUP = 4;
// ~100 ms and 32 MB per attempt: a copied backup is not opened by guessing 160 bits anyway, the cost is for a
// weaker code a later version might allow.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const AAD = Buffer.from('skills-desk data key recovery v1', 'utf8');

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: typeof SCRYPT) => Promise<Buffer>;

export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return text.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** The code as typed (any case, spaces or dashes, I/L/O for 1/1/0) in its canonical form; null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== CODE_CHARS || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return compact;
}

interface RecoveryWrap {
  v: 1;
  salt: string;
  iv: string;
  tag: string;
  key: string;
}

export async function wrapWithRecoveryCode(dataKey: Buffer, code: string): Promise<string> {
  const canonical = normalizeRecoveryCode(code);
  if (!canonical) throw new Error('Not a recovery code');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await scryptAsync(canonical, salt, 32, SCRYPT), iv);
  cipher.setAAD(AAD);
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  const wrap: RecoveryWrap = { v: 1, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), key: key.toString('base64') };
  return JSON.stringify(wrap);
}

/** The data key, or null when the code is not the one this wrap was made with. */
export async function unwrapWithRecoveryCode(wrapped: string, code: string): Promise<Buffer | null> {
  const canonical = normalizeRecoveryCode(code);
  if (!canonical) return null;
  const wrap = JSON.parse(wrapped) as RecoveryWrap;
  const decipher = createDecipheriv('aes-256-gcm', await scryptAsync(canonical, Buffer.from(wrap.salt, 'base64'), 32, SCRYPT), Buffer.from(wrap.iv, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrap.key, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
