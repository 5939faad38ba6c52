/**
 * A county report the province (or city) has accepted is closed: what the county sends for that
 * period afterwards (a second PC of the county submitting its own copy, a resubmission carried by
 * file, an edit made offline before the acceptance reached the PC) is refused per op with a reason
 * the clerk can act on, instead of silently changing a figure the roll-up already counted. A
 * returned report is open again, as it is on the PC. Sending the accepted report again unchanged
 * (a retry, a file imported twice) is not an edit and passes.
 */
import type { Knex } from 'knex';
import type { SyncOp } from '../../src-shared/sync-protocol';

export const PERIOD_CLOSED_MESSAGE = '该期调度表已由上级审核通过，不能再修改或重新上报；如需更正，请联系市、省级管理员先退回';

const REPORT_ENTITY = 'dispatch_report';

interface StoredReport {
  payload: string;
}

/** The reason to refuse `op`, or null when it may be applied. */
export async function closedPeriodRefusal(trx: Knex.Transaction, countyCode: string, op: SyncOp): Promise<string | null> {
  if (op.entity !== REPORT_ENTITY) return null;
  const stored = await trx('county_records').where({ entity: REPORT_ENTITY, id: op.entityId }).first<StoredReport | undefined>('payload');
  const previous = stored ? (JSON.parse(stored.payload) as Record<string, unknown>) : {};
  const cutoffDate = text(op.payload.cutoffDate) ?? text(previous.cutoffDate);
  if (!cutoffDate) return null;
  const accepted = await trx('report_reviews')
    .where({ county_code: countyCode, cutoff_date: cutoffDate, status: 'accepted' })
    .first<{ report_id: string } | undefined>('report_id');
  if (!accepted) return null;
  if (op.op !== 'delete' && accepted.report_id === op.entityId && unchanged(previous, op)) return null;
  return PERIOD_CLOSED_MESSAGE;
}

/** The op leaves the accepted report's figures and submission as they were. */
function unchanged(previous: Record<string, unknown>, op: SyncOp): boolean {
  const next = op.op === 'patch' ? { ...previous, ...op.payload } : op.payload;
  return JSON.stringify(previous.figures) === JSON.stringify(next.figures) && previous.submittedAt === next.submittedAt;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
