/**
 * The "encryption off" variant of the store and import benchmarks: the same schema and code paths as the app, with
 * a cipher that seals nothing (values stored as they are) and indexes by the value itself (no HMAC). The difference
 * between a run with it and one with the real cipher is what sealing costs. Benchmarks only: the app has no switch.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { bindPersonalDataCipher, PersonalDataCipher, type TraineeIndexes } from '../../src-main/core/secrets/personal-data';
import { sealedNow, type SealedAhead } from '../../src-main/core/secrets/seal-ahead';

class PlainCipher extends PersonalDataCipher {
  override seal(text: string): string {
    return text;
  }
  override open(value: string): string {
    return value;
  }
  override sealAhead(texts: readonly string[]): SealedAhead {
    return sealedNow(texts);
  }
  override sealBytes(plain: Buffer): Buffer {
    return plain;
  }
  override openBytes(value: Buffer): Buffer {
    return value;
  }
  override indexAll(requests: ReadonlyArray<readonly [keyof TraineeIndexes, string]>): string[] {
    return requests.map(([kind, value]) => `${kind}:${value}`);
  }
}

/** Rebinds `db` (a store just opened, still empty) to the plain cipher. */
export function usePlainCipher(db: Knex): PersonalDataCipher {
  const cipher = new PlainCipher(randomBytes(32));
  bindPersonalDataCipher(db, cipher);
  return cipher;
}

/** BENCH_AT_REST=plain selects the plain variant (import-bench-run.ts reads it in its own process). */
export function benchAtRest(): 'sealed' | 'plain' {
  return process.env.BENCH_AT_REST === 'plain' ? 'plain' : 'sealed';
}
