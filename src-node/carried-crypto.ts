/**
 * The key material of carried files (issue #16), on node:crypto only.
 *
 * - A PC signs with Ed25519 (made at enrolment, its private half sealed in the PC's secret box).
 * - The province encrypts for X25519: a file's random AES-256-GCM content key is wrapped by ephemeral-static ECDH
 *   and HKDF-SHA256 (ECIES). X25519 over RSA-OAEP: 32-byte keys and a 44-byte public key in the header instead of
 *   a 3072-bit modulus, constant-time by construction, and one primitive family with the Ed25519 signatures.
 * - Key id = fingerprint: the first 128 bits of the sha-256 of the public key's SPKI DER.
 *
 * Keys travel as base64 DER (SPKI public, PKCS#8 private). Every base64 value read from outside goes through
 * `strictBase64`, so two spellings of the same bytes (a flipped padding bit) cannot both pass.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';

export interface KeyPairDer {
  /** SPKI DER, base64. */
  publicKey: string;
  /** PKCS#8 DER, base64. */
  privateKey: string;
}

const WRAP_INFO = Buffer.from('skills-desk carried file v2: content key', 'utf8');
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;
export const CONTENT_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

export function newKeyPair(kind: 'ed25519' | 'x25519'): KeyPairDer {
  const pair = kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/** Base64 decoded only when it is the canonical spelling of its bytes; null otherwise. */
export function strictBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function keyFingerprint(publicKeyDer: string | Buffer): string {
  const der = typeof publicKeyDer === 'string' ? Buffer.from(publicKeyDer, 'base64') : publicKeyDer;
  return createHash('sha256').update(der).digest('hex').slice(0, 32);
}

/** A public key from base64 SPKI of the expected type, or null (wrong type, garbage). */
export function publicKeyOf(der: string, kind: 'ed25519' | 'x25519'): KeyObject | null {
  const bytes = strictBase64(der);
  if (!bytes) return null;
  try {
    const key = createPublicKey({ key: bytes, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === kind ? key : null;
  } catch {
    return null;
  }
}

export function privateKeyOf(der: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
}

/** Equal strings compared in constant time (fingerprints, hashes): lengths are public. */
export function sameSecretText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signBytes(privateKeyDer: string, parts: readonly Buffer[]): Buffer {
  return sign(null, Buffer.concat(parts), privateKeyOf(privateKeyDer));
}

export function verifyBytes(publicKey: KeyObject, parts: readonly Buffer[], signature: Buffer): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, Buffer.concat(parts), publicKey, signature);
  } catch {
    return false;
  }
}

export interface WrappedKey {
  ephemeralPublicKey: string;
  iv: string;
  wrappedKey: string;
}

function wrappingKey(shared: Buffer, ephemeralDer: Buffer, recipientDer: Buffer): Buffer {
  // Both public keys in the salt bind the wrap to this exchange (no key-compromise impersonation by reuse).
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, recipientDer]), WRAP_INFO, 32));
}

/** Wraps `contentKey` for the recipient's X25519 public key; `aad` (the key id) is bound into the wrap. */
export function wrapContentKey(contentKey: Buffer, recipientPublicDer: string, aad: Buffer): WrappedKey {
  const recipient = publicKeyOf(recipientPublicDer, 'x25519');
  if (!recipient) throw new Error('The province key is not an X25519 public key');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const kek = wrappingKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralDer, Buffer.from(recipientPublicDer, 'base64'));
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad);
  const wrapped = Buffer.concat([cipher.update(contentKey), cipher.final(), cipher.getAuthTag()]);
  return { ephemeralPublicKey: ephemeralDer.toString('base64'), iv: iv.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

/** The content key, or null when the wrap does not open with this private key (wrong key, tampered). */
export function unwrapContentKey(wrap: WrappedKey, recipient: KeyPairDer, aad: Buffer): Buffer | null {
  const ephemeral = publicKeyOf(wrap.ephemeralPublicKey, 'x25519');
  const iv = strictBase64(wrap.iv);
  const wrapped = strictBase64(wrap.wrappedKey);
  if (!ephemeral || !iv || iv.length !== GCM_IV_BYTES || !wrapped || wrapped.length !== CONTENT_KEY_BYTES + GCM_TAG_BYTES) return null;
  try {
    const shared = diffieHellman({ privateKey: privateKeyOf(recipient.privateKey), publicKey: ephemeral });
    const kek = wrappingKey(shared, Buffer.from(wrap.ephemeralPublicKey, 'base64'), Buffer.from(recipient.publicKey, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', kek, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(wrapped.subarray(CONTENT_KEY_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(0, CONTENT_KEY_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/** AES-256-GCM; the tag is appended to the ciphertext. */
export function encryptPayload(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext, or null when the tag does not verify. */
export function decryptPayload(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer | null {
  if (sealed.length < GCM_TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
