import { createHash } from 'node:crypto';
import { auditHashInput, type AuditRecord } from '../src-shared/audit-chain';

/**
 * sha-256 as lowercase hex. The PC and the server must compute the same digests: a push body's hash
 * (the idempotency check and the receipt) and the receipt's stored hash (src-shared/sync-protocol.ts,
 * receiptDigestInput); the server also keys tokens and codes by it.
 */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The hash of an audit row: sha-256 over its canonical encoding (src-shared/audit-chain.ts), the same on the PC and the server. */
export function auditRowHash(record: AuditRecord): string {
  return sha256Hex(auditHashInput(record));
}
