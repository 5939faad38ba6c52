/**
 * The columns of a county report that the board and the level machine filter and group by, copied out
 * of its payload when sync stores it (county_records.report_cutoff / report_status / report_submitted_at):
 * the board of one period then reads one indexed row per county instead of parsing every report of every
 * period (120 counties × the campaign's periods). The payload stays the record; these are derived from it.
 */
import { REPORT_ENTITY, reportPayloadSchema } from './report-repository';

export interface ReportIndexColumns {
  report_cutoff: string | null;
  report_status: string | null;
  report_submitted_at: string | null;
}

const NONE: ReportIndexColumns = { report_cutoff: null, report_status: null, report_submitted_at: null };

/** The index columns of a stored record: null for other entities and for a report payload the server cannot read. */
export function reportIndexColumns(entity: string, payload: unknown): ReportIndexColumns {
  if (entity !== REPORT_ENTITY) return NONE;
  const parsed = reportPayloadSchema.safeParse(payload);
  if (!parsed.success) return NONE;
  return { report_cutoff: parsed.data.cutoffDate, report_status: parsed.data.status, report_submitted_at: parsed.data.submittedAt ?? null };
}
