/**
 * Rejection codes as a PC of a given wire format can read them. PCs of format 1 parse a receipt's
 * codes with the first four only: a newer code (PERIOD_CLOSED) would make the whole receipt
 * unreadable to them, and as the server replays the stored receipt on every retry, that PC could
 * never finish its sync until upgraded. They get CONFLICT instead, with the same Chinese message.
 */
import type { OpRejectionCode } from '../../src-shared/sync-protocol';

const FORMAT_1_CODES: ReadonlySet<OpRejectionCode> = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

export function rejectionCodeFor(schemaVersion: number, code: OpRejectionCode): OpRejectionCode {
  return schemaVersion === 1 && !FORMAT_1_CODES.has(code) ? 'CONFLICT' : code;
}
