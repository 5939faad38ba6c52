/**
 * Public keys of carried files (issue #16) as they travel: the province's, to the PCs at enrolment and sync,
 * and a PC's signing key, to the server. Apart from carried-file.ts so the sync protocol can name them.
 */
import { z } from 'zod';

/** A key id: the first 128 bits of the sha-256 of the public key's SPKI DER, hex. */
export const keyIdSchema = z.string().regex(/^[0-9a-f]{32}$/);
const base64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** An Ed25519 or X25519 public key as SPKI DER, base64 (44 bytes, 60 characters). */
export const publicKeyDerSchema = base64(200);
const isoTime = z.string().min(10).max(40);

/** A province key as the PCs know it: the public halves of its encryption and its signing pair. */
export const provincePublicKeySchema = z.object({
  keyId: keyIdSchema,
  createdAt: isoTime,
  /** X25519, SPKI DER, base64: files are encrypted for it. */
  encryptPublicKey: publicKeyDerSchema,
  signKeyId: keyIdSchema,
  /** Ed25519, SPKI DER, base64: receipts are signed with it. */
  signPublicKey: publicKeyDerSchema,
});
export type ProvincePublicKey = z.infer<typeof provincePublicKeySchema>;
/** Newest last; the newest encrypts, every one still decrypts and verifies. */
export const provinceKeysSchema = z.array(provincePublicKeySchema).max(100);

