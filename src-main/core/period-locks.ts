/**
 * Locks on the PC (issue #15, item 2): a period whose county report the city or province has accepted (the PC
 * learns it by sync, as report_status, exactly as it learns returns) is locked. Its figures are on the city's and
 * province's tables now; the county may not change them, nor the records they are counted from, without a correction
 * request (更正申请) granted by the level that accepted them. A grant comes back by the same sync as the report sent
 * back (status `returned`), which opens the period again for this county until it is submitted and accepted again.
 *
 * Which records feed a period is decided in one place: the per-day counters `dispatch_daily_counts`, kept by triggers
 * for every writer (see the dispatch migration), from which the two person-time figures as of a cutoff are summed.
 * The lock is judged there, in the transaction of the write: the locked periods' figures are read before the write
 * and again after it, and a write that moves any of them is refused and rolled back with everything it did. So a
 * trainee registered, deleted or restored, a training record added or removed, a date moved across a locked cutoff
 * are refused, whatever procedure or import wrote them; a phone number or name corrected, a record dated after the
 * last locked cutoff, a date moved within a locked period (the period counts the same) pass.
 *
 * Platform figures are not dated: a locked report keeps the platform figures frozen when it went up, so adopting a
 * platform changes no accepted figure and is not locked. Adjustments and submissions of a locked period are refused
 * by the dispatch service itself (dispatch-status `isLocked`).
 */
import type { Knex } from 'knex';
import { FIGURE_NAMES } from '../../src-shared/domain/dispatch-figures';
import { formatChineseDate } from '../../src-shared/domain/periods';
import { AppError } from '../../src-shared/errors';
import { DispatchRepository } from './db/repositories/dispatch-repository';

const LOCKED_FIGURES = ['registeredTrainees', 'trainingPersonTimes'] as const;
type LockedFigures = Record<(typeof LOCKED_FIGURES)[number], number>;

interface LockedPeriod {
  periodId: string;
  seq: number;
  cutoffDate: string;
  figures: LockedFigures;
}

/** The accepted periods and their person-time figures as the records give them now. */
async function lockedPeriods(trx: Knex.Transaction): Promise<LockedPeriod[]> {
  const reports = new DispatchRepository(trx);
  const accepted = await reports.acceptedPeriods(trx);
  if (accepted.length === 0) return [];
  const figures = await reports.personTimesAtCutoffs(accepted.map((p) => p.cutoffDate), trx);
  return accepted.map((p) => ({ ...p, figures: figures.get(p.cutoffDate)! }));
}

export function lockedPeriodMessage(period: { seq: number; cutoffDate: string }, figure: (typeof LOCKED_FIGURES)[number]): string {
  return (
    `第${period.seq}期调度表（统计截止 ${formatChineseDate(period.cutoffDate)}）已审核通过并锁定，这项修改会改变该期已上报的${FIGURE_NAMES[figure]}，未保存。` +
    '如确需更正，请到“双周调度”对该期提交更正申请，批准后再修改。'
  );
}

/**
 * Runs `write` in `trx` and refuses it (throwing, so the caller's transaction rolls back) when it changed a figure of
 * a locked period. Costs one small read before and after when some period is locked, one indexed read otherwise.
 */
export async function withinPeriodLocks<T>(trx: Knex.Transaction, write: () => Promise<T>): Promise<T> {
  const before = await lockedPeriods(trx);
  const result = await write();
  if (before.length === 0) return result;
  const after = new Map((await lockedPeriods(trx)).map((p) => [p.periodId, p.figures]));
  for (const period of before) {
    const now = after.get(period.periodId);
    const changed = LOCKED_FIGURES.find((f) => now !== undefined && now[f] !== period.figures[f]);
    if (changed) {
      throw new AppError('PERIOD_CLOSED', lockedPeriodMessage(period, changed), { periodId: period.periodId, seq: period.seq, cutoffDate: period.cutoffDate, figure: changed });
    }
  }
  return result;
}
