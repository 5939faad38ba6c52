/**
 * What the province's administrator does from the command line (`skills-desk server-admin`):
 * issue enrolment codes, revoke a PC, publish reference data to the feed PCs pull.
 */
import type { Knex } from 'knex';
import { DATASET_ITEM_SCHEMAS, type SyncDataset } from '../src-shared/sync-protocol';
import { appendFeed, type FeedItemInput } from './repositories/feed-repository';

export interface PublishItem {
  id: string;
  deleted?: boolean;
  payload: Record<string, unknown> | null;
}

/**
 * Publishes items of one dataset (for one county, or for all with countyCode null) in one transaction.
 * Platforms are also kept in the server's own directory so pushed registrations can refer to them.
 * Throws on the first item that does not match the dataset's schema, before anything is written.
 */
export async function publishItems(db: Knex, dataset: SyncDataset, countyCode: string | null, items: readonly PublishItem[]): Promise<number> {
  const schema = DATASET_ITEM_SCHEMAS[dataset];
  const feed: FeedItemInput[] = items.map((item, index) => {
    if (item.deleted) return { dataset, countyCode, itemId: item.id, deleted: true, payload: null };
    const parsed = schema.safeParse(item.payload);
    if (!parsed.success) throw new Error(`item ${index + 1} (${item.id}) does not match the ${dataset} schema: ${parsed.error.issues[0]?.message ?? ''}`);
    return { dataset, countyCode, itemId: item.id, payload: parsed.data as Record<string, unknown> };
  });
  const now = new Date().toISOString();
  await db.transaction(async (trx) => {
    if (dataset === 'platforms') {
      for (const item of feed) {
        const p = item.payload as { name: string; url: string | null; level: string; cityCode: string | null } | null;
        const row = p
          ? { name: p.name, url: p.url, level: p.level, city_code: p.cityCode, source: p.level === 'national' ? 'national' : 'province', updated_at: now, deleted_at: null }
          : { updated_at: now, deleted_at: now };
        const updated = await trx('platforms').where({ id: item.itemId }).whereNull('county_code').update(row);
        if (updated === 0 && p) await trx('platforms').insert({ id: item.itemId, ...row, is_demo: 0, created_at: now });
      }
    }
    await appendFeed(trx, feed, now);
  });
  return feed.length;
}
