import { describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src-main/core/uuid-v7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('is a version 7, RFC variant UUID carrying the given milliseconds', () => {
    const id = uuidV7(0x0123456789ab);
    expect(id).toMatch(V7);
    expect(id.slice(0, 13)).toBe('01234567-89ab');
  });

  it('orders ids made one after another, within one millisecond and across them', () => {
    const ids = [...Array.from({ length: 2000 }, () => uuidV7(1_700_000_000_000)), ...Array.from({ length: 10 }, (_, i) => uuidV7(1_700_000_000_001 + i))];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(V7);
  });

  it('steps the 74-bit tail by one, so consecutive ids differ only at the end', () => {
    // rand_a (12 bits) then rand_b (62 bits, below the two variant bits): one 74-bit counter.
    const tail = (id: string) => {
      const hex = id.replace(/-/g, '');
      return (BigInt(`0x${hex.slice(13, 16)}`) << 62n) | (BigInt(`0x${hex.slice(16)}`) & ((1n << 62n) - 1n));
    };
    const a = uuidV7(5);
    const b = uuidV7(5);
    expect(tail(b) - tail(a)).toBe(1n);
  });
});
