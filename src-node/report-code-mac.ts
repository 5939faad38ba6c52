/**
 * The MAC behind the short report code (src-shared/report-code.ts): HMAC-SHA256 under a PC's 32-byte report-code
 * key. The server derives that key from its master key and the device id (secrets/server-keys.ts, purpose
 * `report-code-v1`), sends it once in the enrolment (or key exchange) answer, and so never has to store it.
 */
import { createHmac } from 'node:crypto';
import type { MacFunction } from '../src-shared/report-code';

export const REPORT_CODE_KEY_BYTES = 32;

export function reportCodeMac(key: Buffer): MacFunction {
  if (key.length !== REPORT_CODE_KEY_BYTES) throw new Error('report-code key must be 32 bytes');
  return (message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
}

/** The key as it travels and is stored (base64url); null for anything that is not 32 bytes. */
export function reportCodeKeyFrom(text: string | null | undefined): Buffer | null {
  if (!text || !/^[A-Za-z0-9_-]{43}$/.test(text)) return null;
  const key = Buffer.from(text, 'base64url');
  return key.length === REPORT_CODE_KEY_BYTES ? key : null;
}
