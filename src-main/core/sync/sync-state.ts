/** The local sync_state key-value table: acknowledged seq, pull cursors, the adaptive batch size. */
import type { Knex } from 'knex';

/** `auditSentSeq`: the last row of the PC's audit chain the server confirmed (audit/audit-push.ts). */
export type SyncStateKey = 'ackedSeq' | 'batchSize' | 'lastError' | 'lastAttemptAt' | 'auditSentSeq' | `cursor:${string}`;

export async function getSyncState<T>(db: Knex | Knex.Transaction, key: SyncStateKey): Promise<T | null> {
  const row = await db('sync_state').where({ key }).first<{ value: string } | undefined>('value');
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function setSyncState(db: Knex | Knex.Transaction, key: SyncStateKey, value: unknown): Promise<void> {
  await db('sync_state').insert({ key, value: JSON.stringify(value) }).onConflict('key').merge();
}
