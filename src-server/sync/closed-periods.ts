/**
 * A county report the province (or city) has accepted is closed: what the county sends for that
 * period afterwards (a second PC of the county submitting its own copy, a resubmission carried by
 * file, an edit made offline before the acceptance reached the PC) is refused per op with a reason
 * the clerk can act on, instead of silently changing a figure the roll-up already counted. A
 * returned report is open again, as it is on the PC. Sending the accepted report again unchanged
 * (a retry, a file imported twice) is not an edit and passes.
 *
 * Every op is judged against the stored row, never against what it carries: a report's period
 * (cutoff date and the PC's period id) is fixed by its first put, and the acceptance is looked up by
 * the stored period and by the report's own review. Judging by the incoming cutoff let a report be
 * patched to another cutoff with new figures and patched back (issue #18).
 */
import type { Knex } from 'knex';
import type { SyncOp } from '../../src-shared/sync-protocol';

export const PERIOD_CLOSED_MESSAGE = '该期调度表已由上级审核通过，不能再修改或重新上报；如需更正，请联系市、省级管理员先退回';
export const PERIOD_CHANGE_MESSAGE = '这份调度表已按原期次上报，期次不能再更改；请在本机对应期次的调度表中修改后重新上报，如仍有问题请联系技术支持';

const REPORT_ENTITY = 'dispatch_report';
/** The fields that say which period a report counts for: fixed once stored. */
const PERIOD_FIELDS = ['cutoffDate', 'periodId'] as const;

export interface StoredReport {
  countyCode: string;
  payload: Record<string, unknown>;
}

export type ReportRefusal = { code: 'VALIDATION' | 'PERIOD_CLOSED'; message: string };

/** The stored report row `id`, whatever its county (the caller answers another county's id as not found). */
export async function storedReport(trx: Knex.Transaction, id: string): Promise<StoredReport | null> {
  const row = await trx('county_records').where({ entity: REPORT_ENTITY, id }).first<{ county_code: string; payload: string } | undefined>('county_code', 'payload');
  return row ? { countyCode: row.county_code, payload: JSON.parse(row.payload) as Record<string, unknown> } : null;
}

/** Why to refuse `op` on a report of `countyCode` (`stored` is its row, of this county, or null), or null. */
export async function reportOpRefusal(trx: Knex.Transaction, countyCode: string, op: SyncOp, stored: StoredReport | null): Promise<ReportRefusal | null> {
  if (op.entity !== REPORT_ENTITY) return null;
  if (stored && periodChanged(stored.payload, op)) return { code: 'VALIDATION', message: PERIOD_CHANGE_MESSAGE };
  const closed = await closedRefusal(trx, countyCode, op, stored?.payload ?? null);
  return closed ? { code: 'PERIOD_CLOSED', message: closed } : null;
}

/** The reason to refuse `op` because its period is closed, or null when it may be applied. */
export async function closedPeriodRefusal(trx: Knex.Transaction, countyCode: string, op: SyncOp): Promise<string | null> {
  if (op.entity !== REPORT_ENTITY) return null;
  const stored = await storedReport(trx, op.entityId);
  if (stored && stored.countyCode !== countyCode) return null;
  return closedRefusal(trx, countyCode, op, stored?.payload ?? null);
}

async function closedRefusal(trx: Knex.Transaction, countyCode: string, op: SyncOp, previous: Record<string, unknown> | null): Promise<string | null> {
  // The stored period wins; only a report the server has never seen is placed by what it carries.
  const cutoffDate = previous ? (text(previous.cutoffDate) ?? text(op.payload.cutoffDate)) : text(op.payload.cutoffDate);
  const reviews = trx('report_reviews').where({ county_code: countyCode, status: 'accepted' });
  // The report's own acceptance, whatever period its row names, and any acceptance of its period.
  const accepted = previous
    ? await reviews.andWhere((q) => (cutoffDate ? q.where({ report_id: op.entityId }).orWhere({ cutoff_date: cutoffDate }) : q.where({ report_id: op.entityId }))).first<{ report_id: string } | undefined>('report_id')
    : cutoffDate
      ? await reviews.andWhere({ cutoff_date: cutoffDate }).first<{ report_id: string } | undefined>('report_id')
      : undefined;
  if (!accepted) return null;
  if (op.op !== 'delete' && accepted.report_id === op.entityId && unchanged(previous ?? {}, op)) return null;
  return PERIOD_CLOSED_MESSAGE;
}

/** A put must name the stored period again; a patch may leave it out, never change it. */
function periodChanged(previous: Record<string, unknown>, op: SyncOp): boolean {
  if (op.op === 'delete') return false;
  return PERIOD_FIELDS.some((field) => {
    const was = text(previous[field]);
    if (!was) return false;
    if (op.op === 'patch' && !(field in op.payload)) return false;
    return op.payload[field] !== was;
  });
}

/**
 * The fields of a report the board and roll-up read (report-repository.ts): figures, the frozen snapshot with the
 * national platform names, the forced-submission reason and the submission time. An accepted report may be sent
 * again only with all of them as they were (its `status` may differ: the PC learns of the acceptance later).
 */
const ACCEPTED_FIELDS = ['figures', 'computed', 'forceReason', 'submittedAt'] as const;

/** The op leaves every field of the accepted report the roll-up reads as it was. */
function unchanged(previous: Record<string, unknown>, op: SyncOp): boolean {
  const next = op.op === 'patch' ? { ...previous, ...op.payload } : op.payload;
  return ACCEPTED_FIELDS.every((field) => JSON.stringify(previous[field] ?? null) === JSON.stringify(next[field] ?? null));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
