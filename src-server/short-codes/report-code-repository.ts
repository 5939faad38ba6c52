/**
 * Received short report codes (table report_codes, one row per county, period and revision) and the full report
 * they are reconciled with: the county's dispatch_report as sync or a USB file brought it (county_records).
 */
import type { Knex } from 'knex';
import { FIGURE_KEYS, type FigureKey, type Figures } from '../../src-shared/domain/dispatch-figures';
import type { BoardShortCode, ShortCodeState } from '../../src-shared/short-code-api';
import { REPORT_ENTITY } from '../staff/report-repository';

type Db = Knex | Knex.Transaction;

export interface ReportCodeRow {
  id: number;
  county_code: string;
  cutoff_date: string;
  revision: number;
  code: string;
  figures: string;
  device_id: string;
  via: 'staff' | 'sms';
  received_by: string;
  received_at: string;
  receipt: string;
  state: ShortCodeState;
  differences: string | null;
  reconciled_at: string | null;
}

/** The newest code received from a county for a period (the highest revision). */
export async function latestCode(db: Db, countyCode: string, cutoffDate: string): Promise<ReportCodeRow | null> {
  const row = await db('report_codes').where({ county_code: countyCode, cutoff_date: cutoffDate }).orderBy('revision', 'desc').first<ReportCodeRow | undefined>();
  return row ? { ...row, revision: Number(row.revision) } : null;
}

export async function insertCode(trx: Knex.Transaction, row: Omit<ReportCodeRow, 'id'>): Promise<void> {
  await trx('report_codes').insert(row);
}

/** The board's view of each county's newest code for a period. */
export async function boardCodes(db: Db, cutoffDate: string, countyCodes: readonly string[]): Promise<Map<string, BoardShortCode>> {
  const rows = await db('report_codes').where({ cutoff_date: cutoffDate }).whereIn('county_code', countyCodes).orderBy('revision').select<ReportCodeRow[]>();
  // Ascending revisions: the last one set for a county is its newest.
  return new Map(
    rows.map((r) => [
      r.county_code,
      { revision: Number(r.revision), via: r.via, receivedAt: r.received_at, state: r.state, figures: JSON.parse(r.figures) as Figures, differences: r.differences ? (JSON.parse(r.differences) as FigureKey[]) : [] },
    ]),
  );
}

export interface SyncedReport {
  status: string;
  figures: Figures;
  /** The PC's submission count; null from a PC older than short codes. */
  revision: number | null;
}

/** A full report's payload as the reconciliation reads it; null when it is not a submitted report with figures. */
export function syncedReportOf(payload: Record<string, unknown>): SyncedReport | null {
  const status = payload.status;
  if (status !== 'submitted' && status !== 'accepted') return null;
  const raw = payload.figures as Record<string, unknown> | undefined;
  if (!raw || !FIGURE_KEYS.every((k) => typeof raw[k] === 'number')) return null;
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, raw[k]])) as Figures;
  return { status, figures, revision: typeof payload.revision === 'number' ? payload.revision : null };
}

/** The county's submitted full report of a period already on the server, if any (the latest submission). */
export async function syncedReport(db: Db, countyCode: string, cutoffDate: string): Promise<SyncedReport | null> {
  const rows = await db('county_records')
    .where({ entity: REPORT_ENTITY, report_cutoff: cutoffDate, county_code: countyCode })
    .whereNull('deleted_at')
    .orderBy('report_submitted_at', 'desc')
    .select<Array<{ payload: string }>>('payload');
  for (const row of rows) {
    try {
      const report = syncedReportOf(JSON.parse(row.payload) as Record<string, unknown>);
      if (report) return report;
    } catch {
      // An unreadable payload is skipped, as the board skips it.
    }
  }
  return null;
}
