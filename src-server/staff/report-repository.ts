/**
 * County reports as they reached the server: dispatch_report ops are kept verbatim in county_records
 * (see src-server/sync/apply-ops.ts, `generic`), one row per report id, the payload being what the
 * PC's dispatch service sends (src-main/core/services/dispatch-service.ts, `write`). A period is
 * identified across counties by its cutoff date: counties may hold different period ids (a local
 * calendar, or the province's). A payload the server cannot read is skipped, never guessed.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { FIGURE_KEYS, type Figures } from '../../src-shared/domain/dispatch-figures';
import { DEFAULT_CAMPAIGN, generatePeriods, type PeriodSpec } from '../../src-shared/domain/periods';

export const REPORT_ENTITY = 'dispatch_report';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const figuresSchema = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number()])) as Record<(typeof FIGURE_KEYS)[number], z.ZodNumber>);

export const reportPayloadSchema = z.object({
  id: z.string(),
  periodId: z.string().min(1).max(64),
  cutoffDate: isoDate,
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
  figures: figuresSchema,
  computed: z.object({ nationalPlatformNames: z.array(z.string()).default([]) }).passthrough().optional(),
  forceReason: z.string().nullable().optional(),
  submittedAt: z.string().nullable().optional(),
});

export interface CountyReport {
  id: string;
  countyCode: string;
  periodId: string;
  cutoffDate: string;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  figures: Figures;
  nationalPlatformNames: string[];
  forceReason: string | null;
  submittedAt: string | null;
}

/** What the board needs of a county's report: where it stands, never its figures. */
export type ReportHead = Pick<CountyReport, 'status' | 'submittedAt'>;

export interface Review {
  countyCode: string;
  status: 'accepted' | 'returned';
  comment: string | null;
  submittedAt: string;
  reviewedAt: string;
  reviewedBy: string;
}

export interface PeriodRow extends PeriodSpec {
  id: string;
  /** province: from the server's calendar; default: the campaign calendar every PC generates. */
  source: 'province' | 'default';
}

type Db = Knex | Knex.Transaction;

export async function reportsFor(db: Db, cutoffDate: string, countyCodes: readonly string[]): Promise<Map<string, CountyReport>> {
  // report_cutoff is copied from the payload when sync stores it (report-index.ts): only this period's rows are read.
  const rows = await db('county_records')
    .where({ entity: REPORT_ENTITY, report_cutoff: cutoffDate })
    .whereNull('deleted_at')
    .whereIn('county_code', countyCodes)
    .select<Array<{ id: string; county_code: string; payload: string }>>('id', 'county_code', 'payload');
  const byCounty = new Map<string, CountyReport>();
  for (const row of rows) {
    let raw: unknown;
    try {
      raw = JSON.parse(row.payload);
    } catch {
      continue;
    }
    const parsed = reportPayloadSchema.safeParse(raw);
    if (!parsed.success || parsed.data.cutoffDate !== cutoffDate) continue;
    const p = parsed.data;
    const report: CountyReport = {
      id: row.id,
      countyCode: row.county_code,
      periodId: p.periodId,
      cutoffDate: p.cutoffDate,
      status: p.status,
      figures: p.figures,
      nationalPlatformNames: p.computed?.nationalPlatformNames ?? [],
      forceReason: p.forceReason ?? null,
      submittedAt: p.submittedAt ?? null,
    };
    // Two report rows for one cutoff (a PC reinstalled): the one submitted last is the county's report.
    const previous = byCounty.get(row.county_code);
    if (!previous || (report.submittedAt ?? '') > (previous.submittedAt ?? '')) byCounty.set(row.county_code, report);
  }
  return byCounty;
}

/**
 * Each county's report of one period as the board needs it, read from the index columns in one grouped query (the
 * latest submission per county, as reportsFor chooses it) without touching a payload. A county without a report of
 * the period is absent.
 */
export async function reportHeads(db: Db, cutoffDate: string, countyCodes: readonly string[]): Promise<Map<string, ReportHead>> {
  const latest = db('county_records')
    .where({ entity: REPORT_ENTITY, report_cutoff: cutoffDate })
    .whereNull('deleted_at')
    .whereIn('county_code', countyCodes)
    .groupBy('county_code')
    .select('county_code', db.raw("max(coalesce(report_submitted_at, '')) as latest"));
  const rows = await db('county_records as r')
    .join(latest.as('l'), (on) => on.on('r.county_code', '=', 'l.county_code').andOn(db.raw("coalesce(r.report_submitted_at, '') = l.latest")))
    .where({ 'r.entity': REPORT_ENTITY, 'r.report_cutoff': cutoffDate })
    .whereNull('r.deleted_at')
    .select<Array<{ county_code: string; report_status: CountyReport['status']; report_submitted_at: string | null }>>('r.county_code', 'r.report_status', 'r.report_submitted_at');
  return new Map(rows.map((r) => [r.county_code, { status: r.report_status, submittedAt: r.report_submitted_at }]));
}

export async function reviewsFor(db: Db, cutoffDate: string, countyCodes: readonly string[]): Promise<Map<string, Review>> {
  const rows = await db('report_reviews')
    .where({ cutoff_date: cutoffDate })
    .whereIn('county_code', countyCodes)
    .select<Array<{ county_code: string; status: 'accepted' | 'returned'; comment: string | null; submitted_at: string; reviewed_at: string; reviewed_by: string }>>();
  return new Map(rows.map((r) => [r.county_code, { countyCode: r.county_code, status: r.status, comment: r.comment, submittedAt: r.submitted_at, reviewedAt: r.reviewed_at, reviewedBy: r.reviewed_by }]));
}

/** The server's calendar, or the default campaign calendar when the province has not published one. */
export async function listPeriods(db: Db): Promise<PeriodRow[]> {
  const rows = await db('staff_periods').orderBy('cutoff_date').select<Array<{ id: string; seq: number; start_date: string; cutoff_date: string; due_date: string }>>();
  if (rows.length > 0) return rows.map((r) => ({ id: r.id, seq: Number(r.seq), startDate: r.start_date, cutoffDate: r.cutoff_date, dueDate: r.due_date, source: 'province' }));
  return generatePeriods(DEFAULT_CAMPAIGN).map((p) => ({ ...p, id: `default-${p.cutoffDate}`, source: 'default' }));
}

export async function findPeriod(db: Db, cutoffDate: string): Promise<PeriodRow | null> {
  return (await listPeriods(db)).find((p) => p.cutoffDate === cutoffDate) ?? null;
}
