import { randomUUID } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7): 48 bits of milliseconds, then random bits. New rows
 * land at the end of their indexes instead of on random pages, which keeps bulk writes fast at a
 * million rows. Built on randomUUID(), whose entropy is pooled (far cheaper than randomBytes).
 */
export function uuidV7(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  // random is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep its variant nibble and random tail.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
