import { createHash } from 'node:crypto';

/**
 * sha-256 as lowercase hex. The PC and the server must compute the same digests: a push body's hash
 * (the idempotency check and the receipt) and the receipt's stored hash (src-shared/sync-protocol.ts,
 * receiptDigestInput); the server also keys tokens and codes by it.
 */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}
