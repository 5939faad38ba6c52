/**
 * The feed PCs pull from: platform directory, period calendar, report status and notices, each item
 * under one server-wide sequence. A PC keeps one cursor per dataset and asks for what came after it.
 */
import type { Knex } from 'knex';
import type { PullItem, SyncDataset } from '../../src-shared/sync-protocol';
import { isPostgres } from '../db';

export interface FeedItemInput {
  dataset: SyncDataset;
  /** null: for every county. */
  countyCode: string | null;
  itemId: string;
  deleted?: boolean;
  payload: Record<string, unknown> | null;
}

// Any constant: the advisory lock that orders feed appends on PostgreSQL.
const FEED_LOCK = 725_301;

interface FeedRow {
  seq: number;
  item_id: string;
  deleted: number;
  payload: string | null;
}

/**
 * Appends items inside the caller's transaction. On PostgreSQL, sequence values are handed out at
 * insert but become visible at commit, so two overlapping appends could commit out of order and a PC
 * that already read the higher seq would skip the lower one for ever. The transaction-scoped advisory
 * lock makes appends commit in seq order. SQLite has one writer, so order holds by itself.
 */
export async function appendFeed(trx: Knex.Transaction, items: readonly FeedItemInput[], now = new Date().toISOString()): Promise<void> {
  if (items.length === 0) return;
  if (isPostgres(trx)) await trx.raw('SELECT pg_advisory_xact_lock(?)', [FEED_LOCK]);
  for (const item of items) {
    await trx('feed').insert({
      dataset: item.dataset,
      county_code: item.countyCode,
      item_id: item.itemId,
      deleted: item.deleted ? 1 : 0,
      payload: item.payload === null ? null : JSON.stringify(item.payload),
      created_at: now,
    });
  }
}

export async function readFeed(db: Knex, dataset: SyncDataset, countyCode: string, cursor: number, limit: number): Promise<{ items: PullItem[]; cursor: number; hasMore: boolean }> {
  const rows = await db('feed')
    .where({ dataset })
    .where('seq', '>', cursor)
    .where((q) => q.whereNull('county_code').orWhere('county_code', countyCode))
    .orderBy('seq')
    .limit(limit + 1)
    .select<FeedRow[]>('seq', 'item_id', 'deleted', 'payload');
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    seq: Number(r.seq),
    id: r.item_id,
    deleted: Number(r.deleted) === 1,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as Record<string, unknown>),
  }));
  return { items, cursor: items.length > 0 ? items[items.length - 1]!.seq : cursor, hasMore: rows.length > limit };
}
