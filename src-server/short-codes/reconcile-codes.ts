/**
 * When the full report arrives (sync push or USB file, in the same transaction that stores it), the short codes
 * received for that county and period are reconciled with it: the same figures, or a difference the board flags.
 * A code of a later revision than the full report stays provisional (the code went up after the report synced);
 * one of an earlier revision is superseded when the figures moved (the county resubmitted), not a difference.
 */
import type { Knex } from 'knex';
import { FIGURE_KEYS, type FigureKey, type Figures } from '../../src-shared/domain/dispatch-figures';
import type { ShortCodeState } from '../../src-shared/short-code-api';
import { syncedReportOf, type ReportCodeRow, type SyncedReport } from './report-code-repository';

export function reconciliation(code: { revision: number; figures: Figures }, report: SyncedReport): { state: ShortCodeState; differences: FigureKey[] } | null {
  if (report.revision !== null && code.revision > report.revision) return null;
  const differences = FIGURE_KEYS.filter((k) => code.figures[k] !== report.figures[k]);
  if (differences.length === 0) return { state: 'reconciled', differences };
  if (report.revision !== null && code.revision < report.revision) return { state: 'superseded', differences };
  return { state: 'differs', differences };
}

/** Called for every dispatch_report op the server applies; a no-op unless it is a submitted report with codes waiting. */
export async function reconcileReportCodes(trx: Knex.Transaction, countyCode: string, payload: Record<string, unknown>, now: string): Promise<void> {
  const report = syncedReportOf(payload);
  const cutoffDate = payload.cutoffDate;
  if (!report || typeof cutoffDate !== 'string') return;
  const waiting = await trx('report_codes').where({ county_code: countyCode, cutoff_date: cutoffDate, state: 'provisional' }).select<ReportCodeRow[]>('id', 'revision', 'figures');
  for (const row of waiting) {
    const outcome = reconciliation({ revision: Number(row.revision), figures: JSON.parse(row.figures) as Figures }, report);
    if (!outcome) continue;
    await trx('report_codes').where({ id: row.id }).update({ state: outcome.state, differences: JSON.stringify(outcome.differences), reconciled_at: now });
  }
}
