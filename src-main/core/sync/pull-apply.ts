/**
 * Stores one pulled page and its cursor in one local transaction: a page is either kept whole with its
 * cursor or not at all, so an interrupted pull resumes exactly where it stopped. Items are checked
 * against the shared schemas; one the PC cannot read is skipped (counted), never half-stored.
 * The province's rows never overwrite the county's own: local platforms, adoptions and reports stay.
 */
import type { Knex } from 'knex';
import { DATASET_ITEM_SCHEMAS, type PullItem, type PullPage, type SyncDataset } from '../../../src-shared/sync-protocol';
import { platformItemSchema, periodItemSchema, reportStatusItemSchema, noticeItemSchema } from '../../../src-shared/sync-protocol';
import type { z } from 'zod';
import { webUrlOrNull } from '../../../src-shared/domain/web-url';
import { publishedRuleSchema, readRule } from '../../../src-shared/domain/check-rules';
import { CORRECTION_ENTITY, CorrectionRepository } from '../db/repositories/correction-repository';
import { CheckRuleRepository } from '../db/repositories/check-rule-repository';
import { setSyncState } from './sync-state';

export interface PageOutcome {
  stored: number;
  skipped: number;
}

export async function storePage(db: Knex, page: PullPage): Promise<PageOutcome> {
  return db.transaction(async (trx) => {
    let stored = 0;
    let skipped = 0;
    for (const item of page.items) {
      const ok = await storeItem(trx, page.dataset, item, page.serverTime);
      if (ok) stored++;
      else skipped++;
    }
    await setSyncState(trx, `cursor:${page.dataset}`, page.cursor);
    return { stored, skipped };
  });
}

async function storeItem(trx: Knex.Transaction, dataset: SyncDataset, item: PullItem, now: string): Promise<boolean> {
  if (item.deleted) return removeItem(trx, dataset, item.id, now);
  if (dataset === 'periods' && isPublishedRule(item.payload)) return storeRule(trx, item.payload, now);
  const parsed = DATASET_ITEM_SCHEMAS[dataset].safeParse(dataset === 'platforms' ? withWebUrlOnly(item.payload) : item.payload);
  if (!parsed.success) return false;
  switch (dataset) {
    case 'platforms':
      return storePlatform(trx, item.id, parsed.data as z.infer<typeof platformItemSchema>, now);
    case 'periods':
      return storePeriod(trx, item.id, parsed.data as z.infer<typeof periodItemSchema>, now);
    case 'report_status':
      return storeReportStatus(trx, item.id, parsed.data as z.infer<typeof reportStatusItemSchema>);
    case 'notices': {
      const n = parsed.data as z.infer<typeof noticeItemSchema>;
      await trx('notices')
        .insert({ id: item.id, kind: n.kind, title: n.title, body: n.body, created_at: n.createdAt, entity: n.entity ?? null, entity_id: n.entityId ?? null })
        .onConflict('id')
        .merge(['kind', 'title', 'body', 'entity', 'entity_id']);
      if (n.entity === CORRECTION_ENTITY && n.entityId) await storeCorrectionDecision(trx, n.entityId, n);
      return true;
    }
  }
}

/**
 * The province's check rules travel in the period calendar's dataset (issue #15 item 3), told apart by their `rule`
 * field: a PC older than rules finds no `seq` in them and skips them as unreadable periods, which changes nothing.
 */
function isPublishedRule(payload: PullItem['payload']): boolean {
  return payload !== null && 'rule' in payload;
}

/** A rule of a kind this version does not know is kept as unknown (shown as skipped); an unreadable one is skipped. */
async function storeRule(trx: Knex.Transaction, payload: PullItem['payload'], now: string): Promise<boolean> {
  const parsed = publishedRuleSchema.safeParse(payload);
  const read = parsed.success ? readRule(parsed.data.rule) : null;
  if (!parsed.success || !read) return false;
  await new CheckRuleRepository(trx).store(read, parsed.data.rule, parsed.data.enabled, now);
  return true;
}

/**
 * A platform whose URL is not http(s) is kept without its URL: the server refuses such URLs, so one
 * arriving means a server or feed that did not; the platform itself still counts in the reports.
 */
function withWebUrlOnly(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('url' in payload) || payload.url === null) return payload;
  return { ...payload, url: webUrlOrNull(payload.url) };
}

async function removeItem(trx: Knex.Transaction, dataset: SyncDataset, id: string, now: string): Promise<boolean> {
  if (dataset === 'platforms') await trx('platforms').where({ id }).whereIn('source', ['national', 'province']).update({ deleted_at: now, updated_at: now });
  else if (dataset === 'notices') await trx('notices').where({ id }).delete();
  else if (dataset === 'periods') {
    const reported = await trx('dispatch_reports').where({ period_id: id }).first('id');
    if (!reported) await trx('periods').where({ id, source: 'province' }).delete();
  }
  return true;
}

async function storePlatform(trx: Knex.Transaction, id: string, p: z.infer<typeof platformItemSchema>, now: string): Promise<boolean> {
  const existing = await trx('platforms').where({ id }).first<{ source: string } | undefined>('source');
  if (existing && existing.source !== 'national' && existing.source !== 'province') return false;
  const values = { name: p.name, url: p.url, level: p.level, source: p.level === 'national' ? 'national' : 'province', city_code: p.cityCode, is_demo: 0, updated_at: now, deleted_at: null };
  if (existing) await trx('platforms').where({ id }).update(values);
  else await trx('platforms').insert({ id, ...values, created_at: now });
  return true;
}

/**
 * The province's calendar replaces the one generated from campaign dates; a local period that already
 * has a report is kept (its report points at it), and a province period with the same cutoff is then skipped.
 */
async function storePeriod(trx: Knex.Transaction, id: string, p: z.infer<typeof periodItemSchema>, now: string): Promise<boolean> {
  const reported = new Set<string>(await trx('dispatch_reports').pluck('period_id'));
  const locals: string[] = await trx('periods').where({ source: 'local' }).pluck('id');
  const unreported = locals.filter((l) => !reported.has(l));
  if (unreported.length > 0) await trx('periods').whereIn('id', unreported).delete();
  const clash = await trx('periods').where({ cutoff_date: p.cutoffDate }).whereNot({ id }).first('id');
  if (clash) return false;
  const values = { seq: p.seq, start_date: p.startDate, cutoff_date: p.cutoffDate, due_date: p.dueDate, source: 'province', updated_at: now };
  await trx('periods').insert({ id, ...values }).onConflict('id').merge();
  return true;
}

/**
 * The item is keyed by the report the province judged. Another PC of the county may hold its own
 * report for the same period (refused as PERIOD_CLOSED when it arrived): that one is not the
 * accepted report and keeps its own status.
 */
async function storeReportStatus(trx: Knex.Transaction, reportId: string, r: z.infer<typeof reportStatusItemSchema>): Promise<boolean> {
  const report = trx('dispatch_reports').where({ id: reportId, period_id: r.periodId });
  if (r.status === 'received') {
    // Only the submission still waiting: a report returned or accepted meanwhile keeps what it says.
    await report.where({ status: 'submitted' }).update({ delivered_level: r.reviewedLevel ?? null, delivered_at: r.reviewedAt });
    return true;
  }
  const updated = await report.update({ status: r.status, review_comment: r.comment, reviewed_at: r.reviewedAt, reviewed_by: r.reviewedBy ?? null, reviewed_level: r.reviewedLevel ?? null });
  return updated > 0;
}

/**
 * The decision on one of this PC's correction requests, from its notice: the structured decision when the server
 * sends one, else (an older server) the notice's kind and time. A request of another PC of the county is not here
 * and is left alone (the notice itself is kept for the clerk).
 */
async function storeCorrectionDecision(trx: Knex.Transaction, requestId: string, n: z.infer<typeof noticeItemSchema>): Promise<void> {
  const stage = n.decision?.stage ?? (n.kind === 'correction_granted' ? 'granted' : n.kind === 'correction_refused' ? 'refused' : null);
  if (!stage) return;
  await new CorrectionRepository(trx).decide(requestId, { stage, at: n.decision?.at ?? n.createdAt, by: n.decision?.by ?? null, level: n.decision?.level ?? null, comment: n.decision?.comment ?? null }, trx);
}
