/**
 * Retry with exponential backoff and full jitter (delay = random × min(cap, base × 2^attempt)), so a
 * hundred counties coming back online at once do not hit the server in lockstep. A server's
 * Retry-After wins over the computed delay.
 */
import type { Answer } from './sync-http';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Calls `send` until it answers or refuses, or attempts run out (then the last transient answer). */
export async function withRetry<T>(policy: RetryPolicy, send: () => Promise<Answer<T>>, onTransient?: (answer: Extract<Answer<T>, { kind: 'retry' }>) => void): Promise<Answer<T>> {
  let last: Answer<T> | null = null;
  for (let attempt = 0; attempt < policy.maxAttempts; attempt++) {
    if (attempt > 0 && last?.kind === 'retry') await policy.sleep(last.retryAfterMs ?? backoffDelay(policy, attempt - 1));
    last = await send();
    if (last.kind !== 'retry') return last;
    onTransient?.(last);
  }
  return last!;
}
