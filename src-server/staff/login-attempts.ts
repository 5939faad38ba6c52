/**
 * The staff lockout, kept in the database only (several server workers share it): each login attempt
 * is claimed by one conditional upsert *before* the slow password check, so a burst cannot slip
 * between reading the count and writing it. A claimed attempt counts as failed until it proves right.
 * The claim that takes the last allowed attempt locks the name at once (a crash mid-check cannot leave
 * it open); if that very attempt proves right it lifts its own lock, never one another attempt set.
 * Names are counted whether an account has them or not, under the sha-256 of the normalised name.
 */
import type { Knex } from 'knex';
import { sha256Hex } from '../../src-node/digest';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** A name not tried for this long is forgotten (its count starts again); far longer than a lockout. */
export const ATTEMPT_MEMORY_MS = 24 * 60 * 60_000;

const TABLE = 'staff_login_attempts';

/** Case, width and surrounding spaces do not make another name: `Ａｄｍｉｎ ` counts as `admin`. */
export function loginNameKey(name: string): string {
  return sha256Hex(name.trim().normalize('NFKC').toLowerCase());
}

export type Claim =
  /** `attempt` is 1..MAX_FAILED_ATTEMPTS; `lockedUntil` is set when this claim took the last one and locked the name. */
  | { granted: true; key: string; attempt: number; lockedUntil: string | null }
  | { granted: false; key: string; lockedUntil: string };

interface ClaimRow {
  failed_attempts: number | string;
  locked_until: string | null;
}

export class LoginAttempts {
  constructor(private readonly db: Knex) {}

  /** Claims one attempt for `name`, or refuses while the name is locked. One statement: atomic on SQLite and PostgreSQL. */
  async claim(name: string, now: Date): Promise<Claim> {
    const key = loginNameKey(name);
    const at = now.toISOString();
    const lockEnd = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    await this.db(TABLE).where('updated_at', '<', new Date(now.getTime() - ATTEMPT_MEMORY_MS).toISOString()).delete();
    // SET expressions read the row as it was: an expired lock starts a fresh count at 1.
    const next = `CASE WHEN ${TABLE}.locked_until IS NULL THEN ${TABLE}.failed_attempts + 1 ELSE 1 END`;
    const rows = (await this.db(TABLE)
      .insert({ name_key: key, failed_attempts: 1, locked_until: MAX_FAILED_ATTEMPTS <= 1 ? lockEnd : null, updated_at: at })
      .onConflict('name_key')
      .merge({
        failed_attempts: this.db.raw(next),
        locked_until: this.db.raw(`CASE WHEN ${next} >= ? THEN CAST(? AS varchar(32)) ELSE NULL END`, [MAX_FAILED_ATTEMPTS, lockEnd]),
        updated_at: at,
      })
      .where((q) => q.whereNull(`${TABLE}.locked_until`).orWhere(`${TABLE}.locked_until`, '<=', at))
      .returning(['failed_attempts', 'locked_until'])) as ClaimRow[];
    const claimed = rows[0];
    if (claimed) return { granted: true, key, attempt: Number(claimed.failed_attempts), lockedUntil: claimed.locked_until };
    const locked = await this.db(TABLE).where({ name_key: key }).first<{ locked_until: string | null } | undefined>('locked_until');
    return { granted: false, key, lockedUntil: locked?.locked_until ?? lockEnd };
  }

  /**
   * After the right password, when a second factor is still to come: the count is kept (the password
   * alone is not a finished login), but the attempt must not be locked out. A lock set by another
   * attempt meanwhile holds (false). A lock this very claim set is lifted with the count left one short
   * of the limit: the second factor then gets exactly one try, so the right password buys no fresh ones.
   */
  async holdsAfterPassword(claim: Claim & { granted: true }, now: Date): Promise<boolean> {
    const at = now.toISOString();
    if (claim.lockedUntil) {
      const lifted = await this.db(TABLE).where({ name_key: claim.key, locked_until: claim.lockedUntil }).update({ locked_until: null, failed_attempts: MAX_FAILED_ATTEMPTS - 1, updated_at: at });
      return lifted === 1;
    }
    const row = await this.db(TABLE).where({ name_key: claim.key }).first<{ locked_until: string | null } | undefined>('locked_until');
    return !row?.locked_until || row.locked_until <= at;
  }

  /**
   * After the right password: resets the count, but only of a name that is not locked, or whose lock
   * this very claim set. False when a lock was set meanwhile: the login must then be refused.
   */
  async settleSuccess(trx: Knex.Transaction, claim: Claim & { granted: true }, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const query = trx(TABLE).where({ name_key: claim.key });
    if (claim.lockedUntil) query.where({ locked_until: claim.lockedUntil });
    else query.where((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', at));
    return (await query.update({ failed_attempts: 0, locked_until: null, updated_at: at })) === 1;
  }
}
