/**
 * The key exchange (issue #16) costs a round trip; on a weak line it runs only when due: when the server never
 * confirmed this PC's signing key, or a day after the last confirmation. A failed exchange stays due.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src-node/carried-crypto';
import { exchangeKeys, KEY_EXCHANGE_INTERVAL_MS } from '../../src-main/core/sync/device-keys';
import type { SyncHttp } from '../../src-main/core/sync/sync-http';
import { openTempApp, type TempApp } from '../support/temp-app';

function countingServer(answer: 'ok' | 'retry') {
  const calls: string[] = [];
  const http = {
    keys: async (signingKey: string) => {
      calls.push(signingKey);
      if (answer === 'retry') return { kind: 'retry' as const, reason: 'network' as const };
      return { kind: 'ok' as const, data: { signingKeyId: keyFingerprint(signingKey), provinceKeys: [] } };
    },
  } as unknown as SyncHttp;
  return { http, calls };
}

describe('key exchange interval', () => {
  let pc: TempApp;
  afterEach(() => pc?.dispose());

  it('exchanges on the first sync, skips within a day, exchanges again after a day', async () => {
    pc = await openTempApp();
    const { http, calls } = countingServer('ok');
    const t0 = Date.UTC(2026, 11, 3, 9);
    expect(await exchangeKeys(pc.context.db, http, t0)).toEqual({ kind: 'ok' });
    expect(await exchangeKeys(pc.context.db, http, t0 + KEY_EXCHANGE_INTERVAL_MS - 1)).toEqual({ kind: 'skipped' });
    expect(calls).toHaveLength(1);
    expect(await exchangeKeys(pc.context.db, http, t0 + KEY_EXCHANGE_INTERVAL_MS)).toEqual({ kind: 'ok' });
    // A PC clock set back by more than a day also makes it due (the interval is measured both ways).
    expect(await exchangeKeys(pc.context.db, http, t0 - KEY_EXCHANGE_INTERVAL_MS)).toEqual({ kind: 'ok' });
    expect(calls).toHaveLength(3);
  });

  it('keeps the exchange due after a dropped answer', async () => {
    pc = await openTempApp();
    const down = countingServer('retry');
    const t0 = Date.UTC(2026, 11, 3, 9);
    expect(await exchangeKeys(pc.context.db, down.http, t0)).toEqual({ kind: 'skipped' });
    const up = countingServer('ok');
    expect(await exchangeKeys(pc.context.db, up.http, t0 + 1000)).toEqual({ kind: 'ok' });
    expect(up.calls).toHaveLength(1);
  });
});
