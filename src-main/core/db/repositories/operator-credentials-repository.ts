import type { Knex } from 'knex';

export interface OperatorCredentialRow {
  operator_id: string;
  pin_hash: string;
  pin_set_at: string;
  failed_count: number;
  locked_until: string | null;
}

/** The claim a login attempt took: the count after it and the lock it set (if it was the one that locked). */
export type AttemptClaim =
  | { kind: 'locked'; lockedUntil: string }
  | { kind: 'claimed'; row: OperatorCredentialRow; lockedBy: string | null };

export class OperatorCredentialsRepository {
  constructor(private readonly db: Knex) {}

  async find(operatorId: string, trx: Knex | Knex.Transaction = this.db): Promise<OperatorCredentialRow | null> {
    return (await trx('operator_credentials').where({ operator_id: operatorId }).first<OperatorCredentialRow | undefined>()) ?? null;
  }

  async operatorIdsWithPin(): Promise<Set<string>> {
    const rows = await this.db('operator_credentials').select<{ operator_id: string }[]>('operator_id');
    return new Set(rows.map((r) => r.operator_id));
  }

  /** Sets the first PIN; false when the operator already had one (a race of two first-use forms loses). */
  async insertFirst(row: Pick<OperatorCredentialRow, 'operator_id' | 'pin_hash' | 'pin_set_at'>, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    const insert = async (t: Knex.Transaction) => {
      if (await this.find(row.operator_id, t)) return false;
      await t('operator_credentials').insert({ ...row, failed_count: 0, locked_until: null });
      return true;
    };
    return trx.isTransaction ? insert(trx as Knex.Transaction) : trx.transaction(insert);
  }

  async replacePin(operatorId: string, pinHash: string, at: string, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('operator_credentials').where({ operator_id: operatorId }).update({ pin_hash: pinHash, pin_set_at: at, failed_count: 0, locked_until: null });
  }

  /** Clears the PIN and any lockout: the operator sets a new PIN at the lock screen, as at first use. */
  async remove(operatorId: string, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    return (await trx('operator_credentials').where({ operator_id: operatorId }).delete()) > 0;
  }

  /**
   * Counts one attempt before the PIN is checked, in one transaction: a locked operator is refused without a
   * check; the attempt that reaches `maxFailures` locks at once. Parallel attempts queue on SQLite's single
   * writer, so none of them is checked without being counted first.
   */
  async claimAttempt(operatorId: string, now: Date, maxFailures: number, lockMs: number): Promise<AttemptClaim | null> {
    return this.db.transaction(async (trx) => {
      const row = await this.find(operatorId, trx);
      if (!row) return null;
      const nowIso = now.toISOString();
      if (row.locked_until && row.locked_until > nowIso) return { kind: 'locked', lockedUntil: row.locked_until };
      // A lock that has run out starts the count again.
      const count = (row.locked_until ? 0 : row.failed_count) + 1;
      const lockedUntil = count >= maxFailures ? new Date(now.getTime() + lockMs).toISOString() : null;
      await trx('operator_credentials').where({ operator_id: operatorId }).update({ failed_count: count, locked_until: lockedUntil });
      return { kind: 'claimed', row: { ...row, failed_count: count, locked_until: lockedUntil }, lockedBy: lockedUntil };
    });
  }

  /** A right PIN clears the count, and the lock only when this attempt's own claim set it. */
  async clearAfterSuccess(operatorId: string, lockedBy: string | null): Promise<void> {
    const query = this.db('operator_credentials').where({ operator_id: operatorId });
    if (lockedBy) query.where({ locked_until: lockedBy });
    else query.whereNull('locked_until');
    await query.update({ failed_count: 0, locked_until: null });
  }
}
