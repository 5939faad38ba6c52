import { describe, expect, it } from 'vitest';
import { rejectionCodeFor } from '../../src-server/sync/client-codes';
import { OP_REJECTION_CODES } from '../../src-shared/sync-protocol';

describe('rejection codes per wire format', () => {
  it('passes every code to current PCs and only the first four to format-1 PCs', () => {
    for (const code of OP_REJECTION_CODES) expect(rejectionCodeFor(2, code)).toBe(code);
    expect(rejectionCodeFor(1, 'PERIOD_CLOSED')).toBe('CONFLICT');
    for (const code of ['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN'] as const) expect(rejectionCodeFor(1, code)).toBe(code);
  });
});
